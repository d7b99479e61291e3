import { RUN_SUMMARY_TYPE, type ScriptKindInfo } from '../entities.ts';
import { findScript, odataContext, ok, scriptPath, type Call } from '../handler.ts';
import { parseCollectionOptions } from '../odata.ts';

/** `…/{scriptId}/runSummary` of any script kind (all three use deviceManagementScriptRunSummary): computed from the user states. */
export function getRunSummary(call: Call, kind: ScriptKindInfo): Response {
  const found = findScript(call, kind);
  if ('response' in found) return found.response;
  // No query option applies; an unknown or repeated one is still refused.
  parseCollectionOptions(call.url, { ...kind.schema, allowed: new Set() });
  const summary = call.store.runSummary(found.script.id);
  return ok({
    '@odata.context': odataContext(call, `${scriptPath(kind, found.script.id)}/runSummary/$entity`),
    '@odata.type': RUN_SUMMARY_TYPE,
    id: found.script.id,
    ...summary,
  });
}
