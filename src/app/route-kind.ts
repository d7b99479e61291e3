import type { Params } from 'react-router';
import { isScriptKind, type ScriptKind } from '../lib/script-kinds';

/**
 * The script kind named by a route's `:kind` segment. Another collection under /deviceManagement is
 * no page of this app: the route's error boundary shows "Page not found" and nothing is read.
 */
export function routeScriptKind(params: Params): ScriptKind {
  const kind = params.kind ?? '';
  // A plain Response, which the router turns into a 404 route error too: its `data` helper would add
  // router code to the first screen's chunk.
  if (!isScriptKind(kind)) throw new Response('Not found', { status: 404 });
  return kind;
}
