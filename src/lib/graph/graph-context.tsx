import { createContext, use, type ReactNode } from 'react';
import type { GraphClient } from './graph-client';
import type { ReadWaits } from './read-waits';

const GraphClientContext = createContext<GraphClient | null>(null);
const ReadWaitsContext = createContext<ReadWaits | null>(null);

/** `readWaits`: the store the client reports its held-back reads to (see `GraphClientOptions.readWaits`). */
export function GraphClientProvider({
  client,
  readWaits = null,
  children,
}: {
  client: GraphClient;
  readWaits?: ReadWaits | null;
  children: ReactNode;
}) {
  return (
    <GraphClientContext value={client}>
      <ReadWaitsContext value={readWaits}>{children}</ReadWaitsContext>
    </GraphClientContext>
  );
}

export function useGraphClient(): GraphClient {
  const client = use(GraphClientContext);
  if (client === null) throw new Error('useGraphClient must be used below GraphClientProvider');
  return client;
}

/** The reads waiting out a retry, or null where the client reports none (tests). */
export function useReadWaits(): ReadWaits | null {
  return use(ReadWaitsContext);
}
