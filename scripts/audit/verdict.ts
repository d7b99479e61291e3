/**
 * Reads `npm audit --json` output. Three outcomes: clean, findings at or above the level that
 * fails the build, or no verdict because the registry would not answer the advisory query (some
 * registries and mirrors do not offer the audit endpoint: they answer 404 or 405).
 */
export type AuditVerdict =
  | { kind: 'clean'; dependencies: number }
  | { kind: 'findings'; findings: Array<{ name: string; severity: string }> }
  | { kind: 'unavailable'; reason: string };

const failingSeverities = new Set(['high', 'critical']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function auditVerdict(output: string): AuditVerdict {
  let report: unknown;
  try {
    report = JSON.parse(output);
  } catch {
    return { kind: 'unavailable', reason: `npm audit printed no JSON report: ${output.slice(0, 200)}` };
  }
  if (!isRecord(report)) return { kind: 'unavailable', reason: 'npm audit printed an unexpected report' };
  // npm prints the failed advisory request itself (statusCode, message) or an `error` object.
  if (typeof report.statusCode === 'number' || isRecord(report.error)) {
    const error = isRecord(report.error) ? report.error : {};
    const reason = [report.message, error.summary, error.detail].find(
      (text) => typeof text === 'string' && text !== '',
    );
    return { kind: 'unavailable', reason: typeof reason === 'string' ? reason : 'npm audit failed without a message' };
  }
  const vulnerabilities = isRecord(report.vulnerabilities) ? report.vulnerabilities : {};
  const findings = Object.entries(vulnerabilities).flatMap(([name, entry]) => {
    const severity = isRecord(entry) && typeof entry.severity === 'string' ? entry.severity : 'unknown';
    return failingSeverities.has(severity) ? [{ name, severity }] : [];
  });
  if (findings.length > 0) return { kind: 'findings', findings };
  const metadata = isRecord(report.metadata) ? report.metadata : {};
  const dependencies =
    isRecord(metadata.dependencies) && typeof metadata.dependencies.prod === 'number' ? metadata.dependencies.prod : 0;
  return { kind: 'clean', dependencies };
}
