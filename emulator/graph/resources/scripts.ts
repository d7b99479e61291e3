import { scriptEntity, type ScriptKindInfo } from '../entities.ts';
import { singleSelect, smallPage } from '../collections.ts';
import { findScript, odataContext, ok, selectSuffix, type Call } from '../handler.ts';

// `deviceManagement/{deviceManagementScripts|deviceShellScripts|deviceCustomAttributeShellScripts}` and `…/{scriptId}`.

export function listScripts(call: Call, kind: ScriptKindInfo): Response {
  return smallPage(call, call.store.listScripts(kind.kind), kind.schema, scriptEntity, `deviceManagement/${kind.collection}`);
}

export function getScript(call: Call, kind: ScriptKindInfo): Response {
  const found = findScript(call, kind);
  if ('response' in found) return found.response;
  const select = singleSelect(call, kind.schema);
  return ok({ '@odata.context': odataContext(call, `deviceManagement/${kind.collection}${selectSuffix(select)}/$entity`), ...scriptEntity(found.script, select) });
}
