import { guidFrom } from '../../seed/prng.ts';
import { ConflictError } from '../../store/store.ts';
import { collection, singleSelect } from '../collections.ts';
import { USER_STATE_SCHEMA, userStateEntity, type ScriptKindInfo } from '../entities.ts';
import { graphError, type ErrorIds } from '../errors.ts';
import { auditContext, findScript, findUserState, GRAPH_PREFIX, notFound, odataContext, ok, readJsonBody, scriptPath, selectSuffix, type Call } from '../handler.ts';
import { encodeSkipToken, nextLink, parseCollectionOptions } from '../odata.ts';
import { validateCreate, validatePatch, type ValidationFailure } from '../validate.ts';

// `…/{scriptId}/userRunStates` and `…/{userStateId}` of every script kind: the same type, validation and conflicts.

function invalidValue(ids: ErrorIds, failure: ValidationFailure): Response {
  return graphError(ids, 400, 'BadRequest', failure.message, {}, [{ code: 'InvalidValue', message: failure.message, ...(failure.target ? { target: failure.target } : {}) }]);
}

/** Pages by cursor over the store's indexes, so 100,000 rows are never sorted or copied per request. */
export function listUserStates(call: Call, kind: ScriptKindInfo): Response {
  const found = findScript(call, kind);
  if ('response' in found) return found.response;
  const options = parseCollectionOptions(call.url, USER_STATE_SCHEMA);
  const page = call.store.queryUserStates(found.script.id, {
    ...(options.filter ? { filter: options.filter } : {}),
    orderBy: options.orderBy,
    ...(options.cursor ? { after: options.cursor } : {}),
    skip: options.skip,
    top: options.top,
  });
  const rows = page.rows.map((r) => userStateEntity(r, options.select));
  const next = page.next ? nextLink(call.publicOrigin, call.url, options.carried, encodeSkipToken({ cursor: page.next })) : undefined;
  return collection(call, `${scriptPath(kind, found.script.id)}/userRunStates`, options.select, rows, page.total, options.count, next);
}

export function getUserState(call: Call, kind: ScriptKindInfo): Response {
  const found = findUserState(call, kind);
  if ('response' in found) return found.response;
  const select = singleSelect(call, USER_STATE_SCHEMA);
  return ok({
    '@odata.context': odataContext(call, `${scriptPath(kind, found.script.id)}/userRunStates${selectSuffix(select)}/$entity`),
    ...userStateEntity(found.row, select),
  });
}

export async function createUserState(call: Call, kind: ScriptKindInfo): Promise<Response> {
  const found = findScript(call, kind);
  if ('response' in found) return found.response;
  const read = await readJsonBody(call);
  if ('response' in read) return read.response;
  const result = validateCreate(read.body);
  if (!result.ok) return invalidValue(call.ids, result.failure);
  const id = result.id ?? guidFrom(`created:${found.script.id}:${call.ids.requestId}`);
  let row;
  try {
    row = call.store.createUserState(found.script.id, { id, ...result.state }, auditContext(call));
  } catch (error) {
    if (error instanceof ConflictError) return graphError(call.ids, 409, 'Conflict', `A deviceManagementScriptUserState with id '${id}' already exists.`);
    throw error;
  }
  return ok(userStateEntity(row), 201, {
    Location: `${call.publicOrigin}${GRAPH_PREFIX}/${scriptPath(kind, found.script.id)}/userRunStates('${row.id}')`,
  });
}

export async function patchUserState(call: Call, kind: ScriptKindInfo): Promise<Response> {
  const found = findUserState(call, kind);
  if ('response' in found) return found.response;
  const id = call.params.userStateId ?? '';
  const read = await readJsonBody(call);
  if ('response' in read) return read.response;
  const result = validatePatch(read.body, id);
  if (!result.ok) return invalidValue(call.ids, result.failure);
  // Read again once the body has arrived: another request may have deleted the row meanwhile.
  const existing = call.store.getUserState(found.script.id, id);
  if (!existing) return notFound(call.ids, 'deviceManagementScriptUserState', id);
  // Even a PATCH that changes nothing is a write Intune logs (with no modified properties).
  const row = call.store.patchUserState(found.script.id, id, result.changes, auditContext(call));
  // PATCH answers 200 with the whole updated entity (see update-deviceManagementScriptUserState).
  return ok(userStateEntity(row));
}

export function deleteUserState(call: Call, kind: ScriptKindInfo): Response {
  const found = findUserState(call, kind);
  if ('response' in found) return found.response;
  call.store.deleteUserState(found.script.id, call.params.userStateId ?? '', auditContext(call));
  return new Response(null, { status: 204 });
}
