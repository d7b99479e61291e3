import { RUN_SUMMARY_TYPE, SCRIPT_SCHEMA } from '../entities.ts';
import { findScript, odataContext, ok, type Call } from '../handler.ts';
import { parseCollectionOptions } from '../odata.ts';

/** `deviceManagement/deviceManagementScripts/{scriptId}/runSummary`: computed from the user states. */
export function getRunSummary(call: Call): Response {
  const found = findScript(call);
  if ('response' in found) return found.response;
  // No query option applies; an unknown or repeated one is still refused.
  parseCollectionOptions(call.url, { ...SCRIPT_SCHEMA, allowed: new Set() });
  const summary = call.store.runSummary(found.script.id);
  return ok({
    '@odata.context': odataContext(call, `deviceManagement/deviceManagementScripts('${found.script.id}')/runSummary/$entity`),
    '@odata.type': RUN_SUMMARY_TYPE,
    id: found.script.id,
    ...summary,
  });
}
