import { describe, expect, it } from 'vitest';
import type { GraphClient } from '../../../lib/graph/graph-client';
import { loadHistory } from './list-audit-events';

const now = Date.parse('2026-12-02T12:00:00Z');
const day = 24 * 60 * 60 * 1000;
const record = 'record-1';

function event(id: string, daysAgo: number, resourceId = record) {
  return { id, activityDateTime: new Date(now - daysAgo * day).toISOString(), correlationId: id, resources: [{ resourceId, modifiedProperties: [] }] };
}

/** A Graph client that answers each GET from `answer` and remembers what was asked, with which scopes. */
function fakeClient(answer: (path: string) => { value: unknown[]; '@odata.nextLink'?: string }) {
  const asked: { path: string; extraScopes: readonly string[] }[] = [];
  const client = {
    get: async (path: string, schema: { safeParse(data: unknown): { success: true; data: unknown } | { success: false } }, options?: { extraScopes?: readonly string[] }) => {
      asked.push({ path, extraScopes: options?.extraScopes ?? [] });
      const parsed = schema.safeParse(answer(path));
      if (!parsed.success) throw new Error('bad page');
      return parsed.data;
    },
  } as unknown as GraphClient;
  return { client, asked };
}

const filterOf = (path: string) => new URL(path, 'https://graph.example').searchParams.get('$filter');
const signal = new AbortController().signal;

describe('loadHistory', () => {
  it('asks by category and date only, newest window first, with the audit permission, and keeps only the record’s events', async () => {
    const { client, asked } = fakeClient(() => ({ value: [event('other', 1, 'someone-else'), event('mine', 2)] }));
    const page = await loadHistory(client, record.toUpperCase(), null, signal, now);
    expect(page.events.map((e) => e.id)).toEqual(['mine']);
    expect(asked).toHaveLength(1);
    expect(filterOf(asked[0]?.path ?? '')).toBe(`category eq 'DeviceConfiguration' and activityDateTime ge ${new Date(now - 30 * day).toISOString()}`);
    expect(asked[0]?.path).toContain('$orderby=activityDateTime%20desc');
    expect(asked[0]?.extraScopes).toEqual(['https://graph.microsoft.com/DeviceManagementApps.Read.All']);
    expect(page.older).toEqual({ windowStart: new Date(now - 60 * day).toISOString(), windowEnd: new Date(now - 30 * day).toISOString(), nextLink: null });
    expect(page.searchedBack).toBe(new Date(now - 30 * day).toISOString());
  });

  it('follows nextLink inside a window and goes on from it on the next load', async () => {
    const next = 'https://graph.example/beta/deviceManagement/auditEvents?$skiptoken=abc';
    const { client, asked } = fakeClient((path) => (path === next ? { value: [event('mine', 20)] } : { value: [event('other', 3, 'x')], '@odata.nextLink': next }));
    const page = await loadHistory(client, record, null, signal, now);
    expect(asked.map((a) => a.path === next)).toEqual([false, true]);
    expect(page.events.map((e) => e.id)).toEqual(['mine']);
  });

  it('searches back window by window to the year Intune keeps, then says there is nothing older', async () => {
    const { client, asked } = fakeClient(() => ({ value: [] }));
    const page = await loadHistory(client, record, null, signal, now);
    expect(page.events).toEqual([]);
    expect(page.older).toBeNull();
    expect(page.searchedBack).toBe(new Date(now - 365 * day).toISOString());
    expect(asked).toHaveLength(13);
    const last = filterOf(asked.at(-1)?.path ?? '');
    expect(last).toBe(`category eq 'DeviceConfiguration' and activityDateTime ge ${new Date(now - 365 * day).toISOString()} and activityDateTime lt ${new Date(now - 360 * day).toISOString()}`);
  });

  it('stops after its page budget in a busy log and goes on from there', async () => {
    let n = 0;
    const { client, asked } = fakeClient(() => ({ value: [event(`busy-${n}`, 1, 'x')], '@odata.nextLink': `https://graph.example/beta/next/${(n += 1)}` }));
    const page = await loadHistory(client, record, null, signal, now);
    expect(asked).toHaveLength(16);
    expect(page.older?.nextLink).toBe('https://graph.example/beta/next/16');
  });
});
