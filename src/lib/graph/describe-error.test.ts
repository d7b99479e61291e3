import { configureGraphScopes, defaultGraphScopes } from '../auth/scopes';
import { describeError, retryNoticeText } from './describe-error';
import { GraphError } from './graph-error';

const graphError = (status: number, write = false) => new GraphError({ status, code: `Http${status}`, message: 'developer text', write });

describe('describeError', () => {
  it('names the missing read or write permission on a 403, without speaking of personal accounts', () => {
    const read = describeError(graphError(403)).message;
    expect(read).toContain('DeviceManagementScripts.Read.All');
    expect(read).not.toMatch(/personal/i);
    expect(describeError(graphError(403, true)).message).toContain('DeviceManagementScripts.ReadWrite.All');
  });

  it('names the configured permission when the tenant uses another one', () => {
    configureGraphScopes({ read: 'https://graph.microsoft.com/DeviceManagementConfiguration.Read.All', write: 'DeviceManagementConfiguration.ReadWrite.All' });
    try {
      expect(describeError(graphError(403)).message).toContain('DeviceManagementConfiguration.Read.All');
      expect(describeError(graphError(403, true)).message).toContain('DeviceManagementConfiguration.ReadWrite.All');
    } finally {
      configureGraphScopes(defaultGraphScopes);
    }
  });

  it('claims nothing was written after a cancel only when Graph had refused the attempt before', () => {
    const cancelled = (unconfirmedWrite: boolean) =>
      describeError(new GraphError({ status: 0, code: 'Cancelled', message: 'x', write: true, unconfirmedWrite })).message;
    expect(cancelled(false)).toBe('You cancelled this while it was waiting to be retried; nothing was written to Intune.');
    expect(cancelled(true)).toBe(
      'You cancelled this while it was waiting to be retried. Graph never confirmed the write, so Intune may already hold the new value.',
    );
    const lost = new GraphError({ status: 0, code: 'NetworkError', message: 'x', write: true, unconfirmedWrite: true });
    expect(describeError(lost).message).toMatch(/^Could not reach Microsoft Graph\..*Intune may already hold the new value\.$/);
  });

  it('calls any 5xx unavailable and keeps throttling for 429', () => {
    for (const status of [500, 502, 503, 504, 507]) {
      expect(describeError(graphError(status)).message).toMatch(/^Microsoft Graph is unavailable/);
    }
    expect(describeError(graphError(429)).message).toMatch(/^Microsoft Graph is throttling/);
  });
});

describe('retryNoticeText', () => {
  it('says throttling only for 429, with the attempt about to be made', () => {
    expect(retryNoticeText({ status: 429, attempt: 1 }, 3)).toBe('Graph is throttling; retrying in 3 s (attempt 2)');
    expect(retryNoticeText({ status: 429, attempt: 3 }, 1)).toBe('Graph is throttling; retrying in 1 s (attempt 4)');
  });

  it('calls a 5xx unavailable, and says when Graph could not be reached', () => {
    expect(retryNoticeText({ status: 503, attempt: 1 }, 3)).toBe('Graph is unavailable; retrying in 3 s (attempt 2)');
    expect(retryNoticeText({ status: 500, attempt: 2 }, 5)).toBe('Graph is unavailable; retrying in 5 s (attempt 3)');
    expect(retryNoticeText({ status: null, attempt: 1 }, 2)).toBe('Graph could not be reached; retrying in 2 s (attempt 2)');
  });
});
