/**
 * Reads `npm audit --json` output. Four outcomes: clean; findings at or above the level that
 * fails the build; no verdict, because the registry would not answer the advisory query (some
 * registries and mirrors do not offer the audit endpoint: they answer 404, 405 or 501, or cannot
 * be reached); or failed, for anything else (no report, a missing lockfile, a cut-off report),
 * which must not pass as "no verdict".
 */
export type AuditVerdict =
  | { kind: 'clean'; dependencies: number }
  | { kind: 'findings'; findings: Array<{ name: string; severity: string }> }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'failed'; reason: string };

const failingSeverities = new Set(['high', 'critical']);
/** HTTP answers of a registry that has no advisory endpoint. */
const endpointMissingStatuses = new Set([404, 405, 501]);
/** npm's codes for an advisory endpoint it could not use or reach. */
const endpointUnavailableCodes = new Set([
  'ENOAUDIT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNRESET',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstText(...candidates: unknown[]): string | undefined {
  const found = candidates.find((text) => typeof text === 'string' && text !== '');
  return typeof found === 'string' ? found : undefined;
}

export function auditVerdict(output: string): AuditVerdict {
  let report: unknown;
  try {
    report = JSON.parse(output);
  } catch {
    return {
      kind: 'failed',
      reason: `npm audit printed no readable JSON report: ${output.slice(0, 200) || '(nothing)'}`,
    };
  }
  if (!isRecord(report)) return { kind: 'failed', reason: 'npm audit printed an unexpected report' };
  const error = isRecord(report.error) ? report.error : null;
  if (typeof report.statusCode === 'number' || error !== null) {
    const reason =
      firstText(report.message, error?.summary, error?.detail, error?.code) ?? 'npm audit failed without a message';
    const status = typeof report.statusCode === 'number' ? report.statusCode : null;
    const code = typeof error?.code === 'string' ? error.code : typeof report.code === 'string' ? report.code : null;
    const endpointUnavailable =
      (status !== null && endpointMissingStatuses.has(status)) || (code !== null && endpointUnavailableCodes.has(code));
    return endpointUnavailable ? { kind: 'unavailable', reason } : { kind: 'failed', reason };
  }
  if (!isRecord(report.vulnerabilities) || !isRecord(report.metadata)) {
    return { kind: 'failed', reason: 'npm audit printed a report without vulnerabilities or metadata' };
  }
  const findings = Object.entries(report.vulnerabilities).flatMap(([name, entry]) => {
    const severity = isRecord(entry) && typeof entry.severity === 'string' ? entry.severity : 'unknown';
    return failingSeverities.has(severity) ? [{ name, severity }] : [];
  });
  if (findings.length > 0) return { kind: 'findings', findings };
  const dependencies = isRecord(report.metadata.dependencies) ? report.metadata.dependencies.prod : undefined;
  return { kind: 'clean', dependencies: typeof dependencies === 'number' ? dependencies : 0 };
}
