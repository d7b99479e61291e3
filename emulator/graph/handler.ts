import { randomUUID } from 'node:crypto';
import { CLIENT_DISPLAY_NAME, CLIENT_ID } from '../constants.ts';
import { GRAPH_JSON, isRecord } from '../http.ts';
import type { GraphPrincipal } from '../identity/tokens.ts';
import type { AuditContext } from '../store/audit-log.ts';
import type { ScriptRecord, Store, UserStateRecord } from '../store/store.ts';
import type { ScriptKindInfo } from './entities.ts';
import { graphError, type ErrorIds } from './errors.ts';
import { isJsonContentType } from './validate.ts';

export const GRAPH_PREFIX = '/beta';

/**
 * What a resource handler gets: the request that passed the pipeline (faults, auth, throttle,
 * permission), its route parameters and the store. A handler answers; it may throw QueryError
 * (400) or the store's NotFoundError (404), which the pipeline turns into Graph errors.
 */
export interface Call {
  request: Request;
  url: URL;
  params: Record<string, string>;
  ids: ErrorIds;
  principal: GraphPrincipal;
  store: Store;
  publicOrigin: string;
}

export type Handler = (call: Call) => Promise<Response> | Response;
/** A handler of a script resource, for whichever script kind the route table gives it. */
export type ScriptHandler = (call: Call, kind: ScriptKindInfo) => Promise<Response> | Response;

export function ok(body: object, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': GRAPH_JSON, 'OData-Version': '4.0', ...headers } });
}

/** `@odata.context` for a fragment of Graph's metadata document. */
export function odataContext(call: Call, fragment: string): string {
  return `${call.publicOrigin}${GRAPH_PREFIX}/$metadata#${fragment}`;
}

export function selectSuffix(select: string[] | undefined): string {
  return select ? `(${select.join(',')})` : '';
}

/** 404 for a key that names no entity; `entityType` is Graph's type name, e.g. `deviceManagementScript`. */
export function notFound(ids: ErrorIds, entityType: string, id: string): Response {
  return graphError(ids, 404, 'ResourceNotFound', `Resource not found: no ${entityType} with key '${id}'.`);
}

/** Graph's path of a script of this kind, for context URLs and Location headers. */
export function scriptPath(kind: ScriptKindInfo, scriptId: string): string {
  return `deviceManagement/${kind.collection}('${scriptId}')`;
}

/** The script of `{scriptId}` in this kind's collection, or the 404 to answer. */
export function findScript(call: Call, kind: ScriptKindInfo): { script: ScriptRecord } | { response: Response } {
  const id = call.params.scriptId ?? '';
  const script = call.store.getScript(id, kind.kind);
  if (!script) return { response: notFound(call.ids, kind.entityType, id) };
  return { script };
}

/** The script of `{scriptId}` and its user state of `{userStateId}`, or the 404 to answer. */
export function findUserState(call: Call, kind: ScriptKindInfo): { script: ScriptRecord; row: UserStateRecord } | { response: Response } {
  const found = findScript(call, kind);
  if ('response' in found) return found;
  const id = call.params.userStateId ?? '';
  const row = call.store.getUserState(found.script.id, id);
  if (!row) return { response: notFound(call.ids, 'deviceManagementScriptUserState', id) };
  return { script: found.script, row };
}

/** Reads a JSON object body: 415 for another content type, 400 for empty or malformed JSON. */
export async function readJsonBody(call: Call): Promise<{ body: Record<string, unknown> } | { response: Response }> {
  const text = await call.request.text();
  const contentType = call.request.headers.get('Content-Type');
  if (!isJsonContentType(contentType)) {
    return {
      response: graphError(call.ids, 415, 'UnsupportedMediaType', `The content type '${contentType ?? ''}' is not supported. Send 'Content-Type: application/json'.`),
    };
  }
  if (text.trim() === '') return { response: graphError(call.ids, 400, 'BadRequest', 'Empty Payload. JSON content expected.') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { response: graphError(call.ids, 400, 'BadRequest', 'Invalid JSON. A token was not recognized in the JSON content.') };
  }
  if (!isRecord(parsed)) return { response: graphError(call.ids, 400, 'BadRequest', 'The request body must be a JSON object.') };
  return { body: parsed };
}

/** The emulator listens on loopback only, so every caller's address is this one. */
const LOOPBACK_ADDRESS = '127.0.0.1';

/**
 * What a write's audit event says about who made it: the signed-in user and the application from
 * the token, and the request's client-request-id (inside `$batch`, the inner request's) as the
 * correlation id, as Intune records them.
 */
export function auditContext(call: Call): AuditContext {
  const { principal } = call;
  return {
    eventId: randomUUID(),
    actor: {
      type: 'ItPro',
      auditActorType: 'ItPro',
      userPermissions: ['*'],
      applicationId: principal.appId,
      applicationDisplayName: principal.appId === CLIENT_ID ? CLIENT_DISPLAY_NAME : principal.appId,
      userPrincipalName: principal.upn ?? null,
      servicePrincipalName: null,
      ipAddress: LOOPBACK_ADDRESS,
      userId: principal.objectId,
    },
    correlationId: call.ids.clientRequestId,
    at: new Date().toISOString(),
  };
}
