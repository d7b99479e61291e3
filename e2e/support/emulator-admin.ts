import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

import type { RetryComplianceReport } from '../../emulator/faults/request-log';
import { emulatorOrigin } from './origins';

export interface UserRunState {
  id: string;
  userPrincipalName: string;
  successDeviceCount: number;
  errorDeviceCount: number;
}

export interface FaultRule {
  method?: string;
  path?: string;
  status?: number;
  retryAfter?: number | null;
  latencyMs?: number;
  drop?: boolean;
  expiredToken?: boolean;
  times?: number;
  skip?: number;
}

export interface LoggedRequest {
  seq: number;
  requestId: string;
  clientRequestId: string | null;
  method: string;
  path: string;
  status: number | null;
  fault: string | null;
  retryAfter: number | null;
  /** What a PATCH, POST or PUT sent, as received. */
  body?: string;
  /** For a request inside a `$batch`: the batch's request-id and the inner request's id. */
  batch?: { requestId: string; id: string };
}

/** An audit event as Graph lists it (the properties the tests read). */
export interface AuditEvent {
  id: string;
  activityDateTime: string;
  activityOperationType: string;
  correlationId: string;
  actor: { userPrincipalName: string | null; applicationId: string };
  resources: { resourceId: string; modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[] }[];
}

/** The emulator's test controls (`/_emulator/...`): reset, raw store reads, faults, request log. */
export class EmulatorAdmin {
  constructor(private readonly request: APIRequestContext) {}

  async reset(): Promise<void> {
    const response = await this.request.post(`${emulatorOrigin}/_emulator/reset`, { data: {} });
    expect(response.ok(), await response.text()).toBe(true);
  }

  /**
   * Reads a user state straight from the store, bypassing Graph's auth, faults and throttling.
   * `collection` is the script's kind as in Graph's path (Windows PowerShell scripts by default).
   */
  async userState(scriptId: string, stateId: string, collection = 'deviceManagementScripts'): Promise<UserRunState | undefined> {
    const response = await this.request.get(`${emulatorOrigin}/_emulator/store/${collection}/${scriptId}/userRunStates/${stateId}`);
    if (response.status() === 404) return undefined;
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as UserRunState;
  }

  /** Every user state of a script straight from the store, in the order Graph lists them. */
  async userStates(scriptId: string): Promise<UserRunState[]> {
    const response = await this.request.get(`${emulatorOrigin}/_emulator/store/deviceManagementScripts/${scriptId}/userRunStates`);
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as { value: UserRunState[] }).value;
  }

  /**
   * Another admin's change, made through Graph itself (a token minted for the account), so the
   * app's next save of that record meets a conflict.
   */
  async patchAsOtherAdmin(
    userPrincipalName: string,
    scriptId: string,
    stateId: string,
    changes: Partial<UserRunState>,
    { pastFaultRules = false }: { pastFaultRules?: boolean } = {},
  ): Promise<void> {
    const minted = await this.request.post(`${emulatorOrigin}/_emulator/tokens`, { data: { upn: userPrincipalName } });
    expect(minted.ok(), await minted.text()).toBe(true);
    const token = ((await minted.json()) as { access_token: string }).access_token;
    // A fault in the request's header decides before the rules: `latency=0` is no fault at all, so
    // this PATCH lands while the rules set for the app's requests stay in force for them.
    const headers = { Authorization: `Bearer ${token}`, ...(pastFaultRules ? { 'x-emulator-fault': 'latency=0' } : {}) };
    const response = await this.request.patch(
      `${emulatorOrigin}/beta/deviceManagement/deviceManagementScripts/${scriptId}/userRunStates/${stateId}`,
      { headers, data: changes },
    );
    expect(response.ok(), await response.text()).toBe(true);
  }

  async setFaults(rules: FaultRule[]): Promise<void> {
    const response = await this.request.put(`${emulatorOrigin}/_emulator/faults`, { data: { rules } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  async requests(): Promise<LoggedRequest[]> {
    const response = await this.request.get(`${emulatorOrigin}/_emulator/requests`);
    expect(response.ok(), await response.text()).toBe(true);
    const body = (await response.json()) as { value?: LoggedRequest[] } | LoggedRequest[];
    return Array.isArray(body) ? body : (body.value ?? []);
  }

  /** The bodies of the PATCHes Graph received for one user state, parsed, in arrival order. */
  async patchBodies(stateId: string): Promise<unknown[]> {
    const log = await this.requests();
    return log
      .filter((entry) => entry.method === 'PATCH' && entry.path.includes(`/userRunStates/${stateId}`))
      .map((entry) => JSON.parse(entry.body ?? 'null') as unknown);
  }

  /** For every answer that carried Retry-After: whether the client waited that long before retrying. */
  async retryCompliance(): Promise<RetryComplianceReport> {
    const response = await this.request.get(`${emulatorOrigin}/_emulator/retry-compliance`);
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as RetryComplianceReport;
  }

  /** Graph treats the next `count` access tokens it sees as expired. */
  async expireTokens(count = 1): Promise<void> {
    const response = await this.request.post(`${emulatorOrigin}/_emulator/tokens/expire`, { data: { count } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  /** Revokes the account's sign-in session and refresh tokens: only interactive sign-in helps. */
  async revokeSessions(userPrincipalName: string): Promise<void> {
    const response = await this.request.post(`${emulatorOrigin}/_emulator/sessions/revoke`, { data: { upn: userPrincipalName } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  /**
   * The tenant's audit events, newest first, through Graph itself (the log has no store route) with
   * a token the emulator mints for the admin; every page is read.
   */
  async auditEvents(): Promise<AuditEvent[]> {
    const minted = await this.request.post(`${emulatorOrigin}/_emulator/tokens`, { data: { upn: 'admin@contoso.onmicrosoft.com' } });
    expect(minted.ok(), await minted.text()).toBe(true);
    const token = ((await minted.json()) as { access_token: string }).access_token;
    const events: AuditEvent[] = [];
    let next: string | undefined = `${emulatorOrigin}/beta/deviceManagement/auditEvents?$top=1000`;
    while (next !== undefined) {
      const response = await this.request.get(next, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.ok(), await response.text()).toBe(true);
      const page = (await response.json()) as { value: AuditEvent[]; '@odata.nextLink'?: string };
      events.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return events;
  }

  /**
   * Another administrator's change, made through Graph itself (a token minted for the admin, a
   * PATCH to the user state), as a tool outside the dashboard would make it.
   */
  async patchUserState(scriptId: string, stateId: string, changes: Partial<Omit<UserRunState, 'id'>>): Promise<void> {
    await this.patchAsOtherAdmin('admin@contoso.onmicrosoft.com', scriptId, stateId, changes);
  }

  async clearRequests(): Promise<void> {
    const response = await this.request.delete(`${emulatorOrigin}/_emulator/requests`);
    expect(response.ok(), await response.text()).toBe(true);
  }
}
