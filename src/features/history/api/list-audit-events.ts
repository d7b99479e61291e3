import { infiniteQueryOptions, useInfiniteQuery, type QueryFunction } from '@tanstack/react-query';
import { graphResource } from '../../../lib/auth/scopes';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { useGraphClient } from '../../../lib/graph/graph-context';
import { historyKeys } from './keys';
import { auditEventsPageSchema, type AuditEvent, type AuditEventsPage } from './schema';

/**
 * Intune keeps audit events for one year and deletes them after that ("Audit, export, or delete
 * personal data in Intune": "Intune maintains audit logs for user and device actions for one
 * year"; Graph's List auditEvents reads "up to one year"). Older than that there is nothing to ask.
 */
export const retentionDays = 365;
/**
 * Intune's audit events need this permission, and no script or device scope reads them. Asked for
 * only when a record's history is first shown (incremental consent).
 */
export const auditReadScopeName = 'DeviceManagementApps.Read.All';
const auditReadScope = `${graphResource}/${auditReadScopeName}`;
/** The category Intune files script changes under (ADR 011); Graph documents filtering on it. */
export const scriptAuditCategory = 'DeviceConfiguration';
/** One window of the log: the admin center's longest date range is a month. */
const windowDays = 30;
/** Graph pages one load reads at most before it stops and offers "Load older". */
const pagesPerLoad = 16;
const dayMs = 24 * 60 * 60 * 1000;

/** Where the next (older) load starts: inside a window (its nextLink), or at a window's start. */
export interface HistoryCursor {
  /** ISO date-time; the window reaches back to here. */
  windowStart: string;
  /** ISO date-time the window ends before; null for the newest window, which has no end. */
  windowEnd: string | null;
  /** Graph's nextLink within the window, verbatim; null to start the window. */
  nextLink: string | null;
}

export interface HistoryPage {
  /** The record's events found by this load, newest first. */
  events: AuditEvent[];
  /** Where an older load would go on; null once the retention period is searched through. */
  older: HistoryCursor | null;
  /** ISO date-time the log has been searched back to. */
  searchedBack: string;
}

function firstCursor(now: number): HistoryCursor {
  return { windowStart: new Date(now - windowDays * dayMs).toISOString(), windowEnd: null, nextLink: null };
}

/**
 * Graph documents `$filter` on `category` and `activityDateTime` for audit events, nothing on
 * `resources` (ADR 015): a window is asked for by those two, and the record is picked out here.
 */
function windowPath(cursor: HistoryCursor): string {
  const filter = [`category eq '${scriptAuditCategory}'`, `activityDateTime ge ${cursor.windowStart}`];
  if (cursor.windowEnd !== null) filter.push(`activityDateTime lt ${cursor.windowEnd}`);
  return `/deviceManagement/auditEvents?$filter=${encodeURIComponent(filter.join(' and '))}&$orderby=${encodeURIComponent('activityDateTime desc')}&$top=999`;
}

export function touchesResource(event: AuditEvent, resourceId: string): boolean {
  const id = resourceId.toLowerCase();
  return event.resources.some((resource) => resource.resourceId.toLowerCase() === id);
}

/**
 * One "load" of a record's history: reads the log newest first, a window at a time, until a
 * Graph page held something for the record, the page budget is spent, or the year is searched.
 */
export async function loadHistory(
  client: GraphClient,
  resourceId: string,
  start: HistoryCursor | null,
  signal: AbortSignal,
  now: number = Date.now(),
): Promise<HistoryPage> {
  const floor = now - retentionDays * dayMs;
  let cursor: HistoryCursor | null = start ?? firstCursor(now);
  const events: AuditEvent[] = [];
  let searchedBack = cursor.windowEnd ?? new Date(now).toISOString();
  for (let pages = 0; cursor !== null && pages < pagesPerLoad; pages += 1) {
    const page: AuditEventsPage = await client.get(cursor.nextLink ?? windowPath(cursor), auditEventsPageSchema, { signal, extraScopes: [auditReadScope] });
    events.push(...page.value.filter((event) => touchesResource(event, resourceId)));
    const nextLink = page['@odata.nextLink'];
    if (nextLink !== undefined) {
      // Newest first: the page's last event is as far back as the log has been read.
      searchedBack = page.value.at(-1)?.activityDateTime ?? searchedBack;
      cursor = { ...cursor, nextLink };
    } else {
      searchedBack = cursor.windowStart;
      const windowEnd: string = cursor.windowStart;
      cursor = Date.parse(windowEnd) <= floor ? null : { windowStart: new Date(Math.max(floor, Date.parse(windowEnd) - windowDays * dayMs)).toISOString(), windowEnd, nextLink: null };
    }
    if (events.length > 0) break;
  }
  return { events, older: cursor, searchedBack };
}

function fetchHistory(client: GraphClient): QueryFunction<HistoryPage, ReturnType<typeof historyKeys.ofResource>, HistoryCursor | null> {
  return ({ queryKey: [, , resourceId], pageParam, signal }) => loadHistory(client, resourceId, pageParam, signal);
}

export function historyQueryOptions(client: GraphClient, resourceId: string) {
  return infiniteQueryOptions({
    queryKey: historyKeys.ofResource(resourceId),
    queryFn: fetchHistory(client),
    initialPageParam: null as HistoryCursor | null,
    getNextPageParam: (last: HistoryPage) => last.older ?? undefined,
  });
}

/** A record's audit history, loaded a window at a time ("Load older"). */
export function useHistory(resourceId: string) {
  return useInfiniteQuery(historyQueryOptions(useGraphClient(), resourceId));
}
