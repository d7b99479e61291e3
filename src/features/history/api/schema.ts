import * as z from 'zod/mini';

// Intune fills these loosely (an application actor has no UPN, a resource may lack a name):
// absent text reads as '', so the history never fails on a field it only shows.
const optionalText = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? ''),
);
// An audited value that did not exist (a creation's old value) is null, not ''.
const auditedValue = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? null),
);

/** auditProperty: one modified property, old and new as strings. */
const auditPropertySchema = z.object({
  displayName: optionalText,
  oldValue: auditedValue,
  newValue: auditedValue,
});

/** auditResource: what an event touched; `resourceId` is the entity's id. */
const auditResourceSchema = z.object({
  displayName: optionalText,
  type: optionalText,
  auditResourceType: optionalText,
  resourceId: optionalText,
  modifiedProperties: z.pipe(
    z.nullish(z.array(auditPropertySchema)),
    z.transform((value) => value ?? []),
  ),
});

/** auditActor: a signed-in administrator (a UPN) or an application acting alone. */
const auditActorSchema = z.object({
  type: optionalText,
  userPrincipalName: optionalText,
  userId: optionalText,
  applicationId: optionalText,
  applicationDisplayName: optionalText,
  servicePrincipalName: optionalText,
});

/** auditEvent (Graph beta), the properties the history shows. */
export const auditEventSchema = z.object({
  id: z.string(),
  displayName: optionalText,
  activity: optionalText,
  activityDateTime: z.string(),
  activityType: optionalText,
  activityOperationType: optionalText,
  activityResult: optionalText,
  correlationId: optionalText,
  category: optionalText,
  actor: z.pipe(
    z.nullish(auditActorSchema),
    z.transform((value) => value ?? null),
  ),
  resources: z.pipe(
    z.nullish(z.array(auditResourceSchema)),
    z.transform((value) => value ?? []),
  ),
});
export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditActor = NonNullable<AuditEvent['actor']>;
export type AuditResource = AuditEvent['resources'][number];

/** One page of `/deviceManagement/auditEvents`. */
export const auditEventsPageSchema = z.object({
  value: z.array(auditEventSchema),
  '@odata.nextLink': z.optional(z.string()),
});
export type AuditEventsPage = z.output<typeof auditEventsPageSchema>;
