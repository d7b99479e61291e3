import type { UserStateChanges } from '../store/journal.ts';

/** Largest value of Edm.Int32. */
export const INT32_MAX = 2147483647;

/**
 * The UPN rule (Microsoft Entra's documented UserPrincipalName rules; Graph's Intune pages are
 * silent, so the emulator applies the directory's):
 * - at most 113 characters: a local part of 1–64, exactly one `@`, a domain of 1–48;
 * - local part: letters A–Z a–z, digits, and `' . - _ ! # ^ ~`; it neither starts nor ends with
 *   a dot and has no two dots in a row;
 * - domain: two or more dot-separated labels of letters, digits and hyphens, no label starting
 *   or ending with a hyphen.
 * Whitespace, control characters, `<`, `>`, `"`, non-ASCII text (right-to-left marks, emoji)
 * therefore never pass.
 */
export const UPN_MAX_LENGTH = 113;
export const UPN_LOCAL_MAX_LENGTH = 64;
export const UPN_DOMAIN_MAX_LENGTH = 48;

const LOCAL_PART = /^[A-Za-z0-9'._!#^~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Why a UPN is refused, or null when it is acceptable. */
export function upnProblem(upn: string): string | null {
  if (upn.length === 0) return 'it must not be empty';
  if (upn.length > UPN_MAX_LENGTH) return `it must be at most ${UPN_MAX_LENGTH} characters long`;
  if (/\s/.test(upn)) return 'it must not contain whitespace';
  // Control characters: C0, DEL and C1 (checked by code point, not by a regular expression).
  for (let i = 0; i < upn.length; i += 1) {
    const code = upn.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'it must not contain control characters';
  }
  if (/[<>"]/.test(upn)) return 'it must not contain <, > or "';
  const at = upn.split('@');
  if (at.length !== 2) return "it must have the form local@domain with exactly one '@'";
  const [local = '', domain = ''] = at;
  if (local.length === 0 || local.length > UPN_LOCAL_MAX_LENGTH) return `the part before '@' must be 1-${UPN_LOCAL_MAX_LENGTH} characters long`;
  if (domain.length === 0 || domain.length > UPN_DOMAIN_MAX_LENGTH) return `the part after '@' must be 1-${UPN_DOMAIN_MAX_LENGTH} characters long`;
  if (!LOCAL_PART.test(local)) return "the part before '@' may only hold letters, digits and ' . - _ ! # ^ ~";
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return "the part before '@' must not start or end with a dot or hold two dots in a row";
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return 'the domain must be a DNS name such as contoso.onmicrosoft.com';
  return null;
}

export interface ValidationFailure {
  message: string;
  target?: string;
}

const TYPE_NAME = 'microsoft.graph.deviceManagementScriptUserState';
const IGNORED_ANNOTATIONS = new Set(['@odata.context', '@odata.etag', '@odata.id', '@odata.editLink']);
const NAVIGATION = new Set(['deviceRunStates']);

function countProblem(name: string, value: unknown): ValidationFailure | null {
  if (typeof value !== 'number') {
    return { target: name, message: `Cannot convert a primitive value to the expected type 'Edm.Int32' for property '${name}': a JSON number is expected, got ${value === null ? 'null' : typeof value}.` };
  }
  if (!Number.isFinite(value) || !Number.isInteger(value)) return { target: name, message: `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Int32' for property '${name}'.` };
  if (value > INT32_MAX) return { target: name, message: `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Int32' for property '${name}': the value is outside the Int32 range.` };
  if (value < 0) return { target: name, message: `Property '${name}' must be between 0 and ${INT32_MAX}; got ${String(value)}.` };
  return null;
}

function typeProblem(value: unknown): ValidationFailure | null {
  if (typeof value !== 'string') return { target: '@odata.type', message: "The '@odata.type' annotation must be a string." };
  const name = value.startsWith('#') ? value.slice(1) : value;
  if (name !== TYPE_NAME) return { target: '@odata.type', message: `A type named '${value}' could not be resolved by the model, or is not '${TYPE_NAME}'.` };
  return null;
}

function unknownProperty(name: string): ValidationFailure {
  if (NAVIGATION.has(name)) return { target: name, message: `The property '${name}' is a navigation property; deep insert and deep update are not supported.` };
  return {
    target: name,
    message: `The property '${name}' does not exist on type '${TYPE_NAME}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
  };
}

/**
 * A PATCH may change successDeviceCount, errorDeviceCount and userPrincipalName. `@odata.type`
 * may be sent (it must name this type); `id` may be sent only with the id in the URL (clients
 * that send the whole entity back); any other property is refused. The first problem found is
 * reported and nothing is stored.
 */
export function validatePatch(body: Record<string, unknown>, urlId: string): { ok: true; changes: UserStateChanges } | { ok: false; failure: ValidationFailure } {
  const changes: UserStateChanges = {};
  for (const [name, value] of Object.entries(body)) {
    let problem: ValidationFailure | null = null;
    if (name === '@odata.type') problem = typeProblem(value);
    else if (IGNORED_ANNOTATIONS.has(name)) problem = null;
    else if (name === 'id') {
      if (value !== urlId) problem = { target: 'id', message: `The property 'id' is read-only and cannot be changed (the URL names '${urlId}').` };
    } else if (name === 'successDeviceCount' || name === 'errorDeviceCount') {
      problem = countProblem(name, value);
      if (!problem && typeof value === 'number') changes[name] = value;
    } else if (name === 'userPrincipalName') {
      if (typeof value !== 'string') problem = { target: name, message: `Cannot convert a primitive value to the expected type 'Edm.String' for property '${name}'.` };
      else {
        const why = upnProblem(value);
        if (why) problem = { target: name, message: `Property 'userPrincipalName' is not a valid user principal name: ${why}.` };
        else changes.userPrincipalName = value;
      }
    } else problem = unknownProperty(name);
    if (problem) return { ok: false, failure: problem };
  }
  return { ok: true, changes };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A POST needs userPrincipalName; the counts default to 0. An `id` may be given (a GUID not yet
 * used in this script); otherwise the emulator assigns one.
 */
export function validateCreate(
  body: Record<string, unknown>,
): { ok: true; id: string | undefined; state: { userPrincipalName: string; successDeviceCount: number; errorDeviceCount: number } } | { ok: false; failure: ValidationFailure } {
  let id: string | undefined;
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === 'id') {
      if (typeof value !== 'string' || !GUID.test(value)) return { ok: false, failure: { target: 'id', message: "The property 'id' must be a GUID when given." } };
      id = value.toLowerCase();
    } else rest[name] = value;
  }
  const result = validatePatch(rest, '');
  if (!result.ok) return result;
  const { changes } = result;
  if (changes.userPrincipalName === undefined) return { ok: false, failure: { target: 'userPrincipalName', message: "The property 'userPrincipalName' is required." } };
  return {
    ok: true,
    id,
    state: { userPrincipalName: changes.userPrincipalName, successDeviceCount: changes.successDeviceCount ?? 0, errorDeviceCount: changes.errorDeviceCount ?? 0 },
  };
}

/** `application/json`, optionally with parameters (charset, odata.metadata, …). */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const media = value.split(';')[0]?.trim().toLowerCase();
  return media === 'application/json';
}
