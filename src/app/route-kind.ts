import { data, type Params } from 'react-router';
import { isScriptKind, type ScriptKind } from '../lib/script-kinds';

/**
 * The script kind named by a route's `:kind` segment. Another collection under /deviceManagement is
 * no page of this app: the route's error boundary shows "Page not found" and nothing is read.
 */
export function routeScriptKind(params: Params): ScriptKind {
  const kind = params.kind ?? '';
  if (!isScriptKind(kind)) throw data('Not found', { status: 404 });
  return kind;
}
