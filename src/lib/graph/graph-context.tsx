import { createContext, use, type ReactNode } from 'react';
import type { GraphClient } from './graph-client';

const GraphClientContext = createContext<GraphClient | null>(null);

export function GraphClientProvider({ client, children }: { client: GraphClient; children: ReactNode }) {
  return <GraphClientContext value={client}>{children}</GraphClientContext>;
}

export function useGraphClient(): GraphClient {
  const client = use(GraphClientContext);
  if (client === null) throw new Error('useGraphClient must be used below GraphClientProvider');
  return client;
}
