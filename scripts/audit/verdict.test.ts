import { describe, expect, it } from 'vitest';
import { auditVerdict } from './verdict';

describe('auditVerdict', () => {
  it('is clean when no advisory is high or critical', () => {
    const report = {
      vulnerabilities: { 'some-lib': { severity: 'moderate' } },
      metadata: { dependencies: { prod: 42 } },
    };
    expect(auditVerdict(JSON.stringify(report))).toEqual({ kind: 'clean', dependencies: 42 });
  });

  it('lists high and critical advisories', () => {
    const report = {
      vulnerabilities: { a: { severity: 'high' }, b: { severity: 'low' }, c: { severity: 'critical' } },
      metadata: { dependencies: { prod: 3 } },
    };
    expect(auditVerdict(JSON.stringify(report))).toEqual({
      kind: 'findings',
      findings: [
        { name: 'a', severity: 'high' },
        { name: 'c', severity: 'critical' },
      ],
    });
  });

  it('gives no verdict when the registry refuses the advisory query', () => {
    // What npm 11 prints when the registry answers the bulk advisory endpoint with 405.
    const report = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    };
    expect(auditVerdict(JSON.stringify(report))).toEqual({
      kind: 'unavailable',
      reason: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    });
  });

  it('gives no verdict when npm could not reach the advisory endpoint', () => {
    expect(auditVerdict(JSON.stringify({ error: { code: 'ENOAUDIT', summary: 'no audit endpoint' } }))).toEqual({
      kind: 'unavailable',
      reason: 'no audit endpoint',
    });
    expect(auditVerdict(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND' } })).kind).toBe(
      'unavailable',
    );
  });

  it('fails on anything else: no lockfile, no JSON, a cut-off or unexpected report', () => {
    expect(
      auditVerdict(
        JSON.stringify({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.' } }),
      ),
    ).toEqual({
      kind: 'failed',
      reason: 'This command requires an existing lockfile.',
    });
    expect(auditVerdict(JSON.stringify({ statusCode: 500, message: '500 Internal Server Error' })).kind).toBe('failed');
    expect(auditVerdict('').kind).toBe('failed');
    expect(auditVerdict('{"vulnerabilities": {"a": {"severity": "high"').kind).toBe('failed');
    expect(auditVerdict(JSON.stringify({ auditReportVersion: 2 })).kind).toBe('failed');
  });
});
