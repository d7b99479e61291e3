import { userStateAuditEvent, type AuditActor, type AuditEventRecord } from '../store/audit-log.ts';
import { NETWORK_DRIVES_SCRIPT_ID, SCRIPT_DEFINITIONS, TENANT_DOMAIN, TIME_ZONE_SCRIPT_ID } from './catalog.ts';
import { generateUserStates, type UserStateData } from './generate.ts';
import { guidFrom } from './prng.ts';

/**
 * A second administrator who exists only as the actor of seeded audit events: no sign-in, no
 * token. Her changes give a record's history someone else's edits to show.
 */
export const AUDIT_HISTORY_ACTOR = {
  upn: `megan@${TENANT_DOMAIN}`,
  userId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  /** The Intune admin center, where administrators usually edit. */
  applicationId: '5926fc8e-304e-4f59-8bed-58ca97cc39a4',
  applicationDisplayName: 'Microsoft Intune portal extension',
} as const;

/**
 * Seed positions (in seed order) of the user states that get history: a few of the 250-row script
 * and a few of the main script, away from the rows the e2e tests edit (the first ones and the last).
 */
const TARGETS: readonly { scriptId: string; indexes: readonly number[] }[] = [
  { scriptId: TIME_ZONE_SCRIPT_ID, indexes: [5, 17, 42, 120] },
  { scriptId: NETWORK_DRIVES_SCRIPT_ID, indexes: [35, 36, 37] },
];

const DAY_MS = 24 * 60 * 60 * 1000;

function actor(): AuditActor {
  return {
    type: 'ItPro',
    auditActorType: 'ItPro',
    userPermissions: ['*'],
    applicationId: AUDIT_HISTORY_ACTOR.applicationId,
    applicationDisplayName: AUDIT_HISTORY_ACTOR.applicationDisplayName,
    userPrincipalName: AUDIT_HISTORY_ACTOR.upn,
    servicePrincipalName: null,
    ipAddress: '203.0.113.24',
    userId: AUDIT_HISTORY_ACTOR.userId,
  };
}

/** The user states that have seeded history, with their current (seeded) values. */
export function auditHistoryUserStates(): { scriptId: string; state: UserStateData }[] {
  const out: { scriptId: string; state: UserStateData }[] = [];
  for (const target of TARGETS) {
    const definition = SCRIPT_DEFINITIONS.find((d) => d.id === target.scriptId);
    if (!definition) continue;
    const states = generateUserStates(definition, 0);
    for (const index of target.indexes) {
      const state = states[index];
      if (state) out.push({ scriptId: target.scriptId, state });
    }
  }
  return out;
}

/**
 * Deterministic past edits by AUDIT_HISTORY_ACTOR, ending in each user state's seeded values (so
 * the history agrees with the record). Dates count back from the start of `now`'s UTC day, 2 to
 * 40 days, well within the year Intune keeps audit events; ids and values never change.
 */
export function seededAuditHistory(now: number): AuditEventRecord[] {
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const at = (daysAgo: number, hour: number): string => new Date(dayStart - daysAgo * DAY_MS + hour * 60 * 60 * 1000).toISOString();
  const events: AuditEventRecord[] = [];
  auditHistoryUserStates().forEach(({ state }, n) => {
    const before: UserStateData = { ...state, errorDeviceCount: state.errorDeviceCount + 1 };
    if (n % 2 === 0 && state.successDeviceCount > 0) before.successDeviceCount = state.successDeviceCount - 1;
    const context = (k: number, daysAgo: number, hour: number) => ({
      eventId: guidFrom(`audit-history:${state.id}:${k}`),
      actor: actor(),
      correlationId: guidFrom(`audit-history-request:${state.id}:${k}`),
      at: at(daysAgo, hour),
    });
    // The first of each script's targets also has an older edit, so a history can have two pages of one.
    if (n === 0 || n === 4) {
      const older: UserStateData = { ...before, errorDeviceCount: before.errorDeviceCount + 1 };
      events.push(userStateAuditEvent(context(0, 40, 14), 'Patch', older, before));
    }
    events.push(userStateAuditEvent(context(1, 2 + n * 3, 9 + n), 'Patch', before, state));
  });
  return events;
}
