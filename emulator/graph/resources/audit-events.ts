import { AUDIT_EVENT_SCHEMA, auditEventEntity } from '../entities.ts';
import { collection, singleSelect } from '../collections.ts';
import { notFound, odataContext, ok, selectSuffix, type Call } from '../handler.ts';
import { encodeSkipToken, nextLink, parseCollectionOptions, QueryError } from '../odata.ts';

// `deviceManagement/auditEvents` and `…/{auditEventId}`: Intune's audit log of this tenant.

const FRAGMENT = 'deviceManagement/auditEvents';

/**
 * Newest first unless `$orderby=activityDateTime asc`; paged by a (time, id) key, so events
 * written while a client pages never make a page repeat or skip an older event.
 */
export function listAuditEvents(call: Call): Response {
  const options = parseCollectionOptions(call.url, AUDIT_EVENT_SCHEMA);
  if (options.orderBy.length > 1) throw new QueryError("Audit events can be ordered by 'activityDateTime' only.");
  const descending = options.orderBy[0]?.descending ?? true;
  if (options.offset !== undefined) throw new QueryError('The $skiptoken value is not valid.');
  const cursor = options.cursor;
  const page = call.store.audit.query({
    ...(options.filter ? { filter: options.filter.test } : {}),
    descending,
    ...(cursor ? { after: { activityDateTime: String(cursor.values[0] ?? ''), id: cursor.id } } : {}),
    skip: options.skip,
    top: options.top,
  });
  const rows = page.rows.map((e) => auditEventEntity(e, options.select));
  const next = page.next ? nextLink(call.publicOrigin, call.url, options.carried, encodeSkipToken({ cursor: { values: [page.next.activityDateTime], id: page.next.id } })) : undefined;
  return collection(call, FRAGMENT, options.select, rows, page.total, options.count, next);
}

export function getAuditEvent(call: Call): Response {
  const id = call.params.auditEventId ?? '';
  const event = call.store.getAuditEvent(id);
  if (!event) return notFound(call.ids, 'auditEvent', id);
  const select = singleSelect(call, AUDIT_EVENT_SCHEMA);
  return ok({ '@odata.context': odataContext(call, `${FRAGMENT}${selectSuffix(select)}/$entity`), ...auditEventEntity(event, select) });
}
