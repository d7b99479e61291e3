import { SCRIPT_SCHEMA, scriptEntity } from '../entities.ts';
import { singleSelect, smallPage } from '../collections.ts';
import { findScript, odataContext, ok, selectSuffix, type Call } from '../handler.ts';

// `deviceManagement/deviceManagementScripts` and `…/{scriptId}`.

export function listScripts(call: Call): Response {
  return smallPage(call, call.store.listScripts(), SCRIPT_SCHEMA, scriptEntity, 'deviceManagement/deviceManagementScripts');
}

export function getScript(call: Call): Response {
  const found = findScript(call);
  if ('response' in found) return found.response;
  const select = singleSelect(call, SCRIPT_SCHEMA);
  return ok({ '@odata.context': odataContext(call, `deviceManagement/deviceManagementScripts${selectSuffix(select)}/$entity`), ...scriptEntity(found.script, select) });
}
