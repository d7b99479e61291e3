import * as z from 'zod/mini';

/** deviceManagementScriptUserState as Graph beta returns it (the fields this app selects). */
export const userStateSchema = z.object({
  id: z.string(),
  userPrincipalName: z.pipe(
    z.nullish(z.string()),
    z.transform((value) => value ?? ''),
  ),
  successDeviceCount: z.int(),
  errorDeviceCount: z.int(),
});
export type UserState = z.output<typeof userStateSchema>;

export const editableFields = ['userPrincipalName', 'successDeviceCount', 'errorDeviceCount'] as const;
export type EditableField = (typeof editableFields)[number];
export type UserStateChanges = Partial<Pick<UserState, EditableField>>;

export const fieldLabels: Record<EditableField, string> = {
  userPrincipalName: 'User principal name',
  successDeviceCount: 'Success device count',
  errorDeviceCount: 'Error device count',
};

/** Int32 maximum: Graph stores the counts as Edm.Int32. */
export const maxCount = 2_147_483_647;
/**
 * Microsoft Entra's UserPrincipalName rules, which Graph applies and the emulator enforces: at most
 * 113 characters, a part before the @ of 1–64 and a domain of at most 48.
 */
export const maxUpnLength = 113;
const maxUpnLocalLength = 64;
const maxUpnDomainLength = 48;

/**
 * A count as typed: plain digits only, 0..2147483647. Number() would accept "1e3", " 5", "+5" and
 * "0x10", so the text is checked before it is converted. Returns a message or null.
 */
export function countProblem(text: string): string | null {
  if (text === '') return 'Enter a number: a whole number from 0 to 2,147,483,647.';
  if (/^\d+$/.test(text)) {
    const digits = text.replace(/^0+(?=\d)/, '');
    if (digits.length > 10 || Number(digits) > maxCount) return 'Too large: the largest allowed count is 2,147,483,647.';
    return null;
  }
  if (/\s/.test(text)) return 'Remove the spaces: use the digits 0–9 only.';
  if (/^-\d*([.,]\d+)?$/.test(text)) return 'A count cannot be negative: use 0 or more.';
  if (/^\+/.test(text)) return 'Leave out the plus sign: use the digits 0–9 only.';
  if (/^\d*[.,]\d*$/.test(text)) return 'Use a whole number, without decimals.';
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return 'Write the number out in digits (no exponent such as 1e3).';
  return 'Use the digits 0–9 only: a whole number from 0 to 2,147,483,647.';
}

// Direction controls let a UPN display differently from what it is (e.g. "moc.liame@" spoofing).
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// Invisible format characters (soft hyphen, zero-width space and joiners, word joiner, BOM).
const invisibleCharacters = /[\u00ad\u200b-\u200d\u2060\ufeff]/;

/** C0 and C1 control characters (tab, newline, NUL, bell, …). */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
const markupCharacters = /[<>"]/;
// Entra allows an apostrophe (o'neill) but no other quote; the value is only ever rendered as text.
const localPart = /^[A-Za-z0-9'._!#^~-]+$/;
const domainLabel = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * A UPN must look like user@domain. Only printable ASCII is allowed (no emoji, accented letters,
 * right-to-left text or invisible characters), which also keeps markup out
 * (docs/decisions/004-input-validation.md). Returns a message or null.
 */
export function upnProblem(text: string): string | null {
  if (text === '') return 'Enter a user principal name, like user@contoso.com.';
  if (text.length > maxUpnLength) {
    return `Too long: a user principal name can have at most ${maxUpnLength} characters (this one has ${text.length.toLocaleString('en-US')}).`;
  }
  if (markupCharacters.test(text)) return 'Remove the characters < > and ": they are not allowed in a user principal name.';
  if (/\s/.test(text)) return 'Remove the spaces: a user principal name has none.';
  if (bidiControls.test(text)) return 'Remove the right-to-left or other text-direction control characters.';
  if (hasControlCharacter(text) || invisibleCharacters.test(text)) return 'Remove the control or invisible characters.';
  if (/[^\u0021-\u007e]/.test(text)) {
    return 'Use only letters A–Z, digits and ordinary punctuation: emoji and accented or non-Latin letters are not allowed.';
  }
  const at = text.split('@');
  if (at.length === 1) return 'Add an @ between the user name and the domain, like user@contoso.com.';
  if (at.length > 2) return 'Use exactly one @: a user principal name looks like user@contoso.com.';
  const [user = '', domain = ''] = at;
  if (user === '') return 'Put the user name before the @, like user@contoso.com.';
  if (user.length > maxUpnLocalLength) return `Too long: the part before the @ can have at most ${maxUpnLocalLength} characters.`;
  if (!localPart.test(user)) {
    return "The part before the @ can only use letters, digits and ' . - _ ! # ^ ~";
  }
  if (user.startsWith('.') || user.endsWith('.') || user.includes('..')) {
    return 'The part before the @ cannot start or end with a dot, or have two dots in a row.';
  }
  const labels = domain.split('.');
  if (domain === '' || labels.length < 2 || !labels.every((label) => domainLabel.test(label))) {
    return 'After the @, put a domain with a dot, like contoso.com.';
  }
  if (domain.length > maxUpnDomainLength) return `Too long: the domain after the @ can have at most ${maxUpnDomainLength} characters.`;
  return null;
}

const countText = z.pipe(
  z.string().check(
    z.superRefine((text, context) => {
      const problem = countProblem(text);
      if (problem !== null) context.addIssue({ code: 'custom', message: problem, input: text });
    }),
  ),
  z.transform((text) => Number(text)),
);

const upnText = z.string().check(
  z.superRefine((text, context) => {
    const problem = upnProblem(text);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem, input: text });
  }),
);

/**
 * The one edit schema, shared by the form, the grid's row editor and the tests. Input is what
 * the user typed (text); output is what Graph takes.
 */
export const userStateEditSchema = z.object({
  userPrincipalName: upnText,
  successDeviceCount: countText,
  errorDeviceCount: countText,
});

/**
 * The edit schema for a record as Intune holds it now: a field left as it is passes, whatever
 * Graph holds there (a name with a hidden character that another tool wrote), since a save sends
 * only the changed fields; what the user changes is checked as ever. Without this, a count of such
 * a record could not be corrected without renaming its user.
 */
export function userStateEditSchemaFor(current: Pick<UserState, EditableField>) {
  const kept = toEditInput(current);
  const checked = (field: EditableField) =>
    z.string().check(
      z.superRefine((text, context) => {
        const problem = fieldProblem(field, text, kept[field]);
        if (problem !== null) context.addIssue({ code: 'custom', message: problem, input: text });
      }),
    );
  return z.object({
    userPrincipalName: checked('userPrincipalName'),
    successDeviceCount: z.pipe(checked('successDeviceCount'), z.transform((text) => Number(text))),
    errorDeviceCount: z.pipe(checked('errorDeviceCount'), z.transform((text) => Number(text))),
  });
}
export type UserStateEditInput = z.input<typeof userStateEditSchema>;
export type UserStateEditOutput = z.output<typeof userStateEditSchema>;

/**
 * A count of a bulk edit: empty leaves it unchanged, anything else is checked by the very field
 * schema of the form and the grid (same messages), so a bulk value is valid exactly when a single
 * edit's would be. Kept here with the zod code the route already loads, not in the bulk chunk.
 */
const optionalCountText = z.pipe(
  z.string(),
  z.transform((text, context): number | undefined => {
    if (text === '') return undefined;
    const parsed = countText.safeParse(text);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) context.issues.push({ code: 'custom', message: issue.message, input: text });
    return undefined;
  }),
);

/** The bulk edit dialog's fields ("Success device count", "Error device count"). */
export const bulkEditSchema = z.object({
  successDeviceCount: optionalCountText,
  errorDeviceCount: optionalCountText,
});
export type BulkEditInput = z.input<typeof bulkEditSchema>;
export type BulkEditOutput = z.output<typeof bulkEditSchema>;

/** What is wrong with a field's text; nothing when it is the value the record holds (`kept`). */
export function fieldProblem(field: EditableField, text: string, kept?: string): string | null {
  if (text === kept) return null;
  return field === 'userPrincipalName' ? upnProblem(text) : countProblem(text);
}

export function toEditInput(state: Pick<UserState, EditableField>): UserStateEditInput {
  return {
    userPrincipalName: state.userPrincipalName,
    successDeviceCount: String(state.successDeviceCount),
    errorDeviceCount: String(state.errorDeviceCount),
  };
}

/** The fields (of `fields`, all editable ones by default) in which two versions of a record differ: the conflict check. */
export function differingFields(expected: UserState, actual: UserState, fields: readonly EditableField[] = editableFields): EditableField[] {
  return fields.filter((field) => expected[field] !== actual[field]);
}

/** `actual` already holds every value of `changes`. */
export function holdsChanges(actual: UserState, changes: UserStateChanges): boolean {
  return (Object.keys(changes) as EditableField[]).every((field) => actual[field] === changes[field]);
}

/** Only the properties whose value really changed: the PATCH body. */
export function changedFields(original: Pick<UserState, EditableField>, edited: UserStateEditOutput): UserStateChanges {
  const changes: UserStateChanges = {};
  if (edited.userPrincipalName !== original.userPrincipalName) changes.userPrincipalName = edited.userPrincipalName;
  if (edited.successDeviceCount !== original.successDeviceCount) changes.successDeviceCount = edited.successDeviceCount;
  if (edited.errorDeviceCount !== original.errorDeviceCount) changes.errorDeviceCount = edited.errorDeviceCount;
  return changes;
}
