import { spawnSync } from 'node:child_process';
import { auditVerdict } from './verdict';

/**
 * `npm run audit`: high or critical advisories in production dependencies fail the run, and so
 * does an audit that could not run. When the registry does not offer the advisory endpoint, that
 * is said plainly and the run passes without a verdict, unless AUDIT_REQUIRED=1 (for a CI that
 * must have one).
 */
const result = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
  encoding: 'utf8',
  // A report with many findings is large; a cut-off report must not be mistaken for no report.
  maxBuffer: 256 * 1024 * 1024,
});
const verdict =
  result.error === undefined
    ? auditVerdict(result.stdout)
    : ({ kind: 'failed', reason: `could not run npm audit: ${result.error.message}` } as const);

switch (verdict.kind) {
  case 'clean':
    console.log(`npm audit: no high or critical advisories in ${verdict.dependencies} production dependencies.`);
    break;
  case 'findings':
    console.error('npm audit: high or critical advisories in production dependencies:');
    for (const { name, severity } of verdict.findings) console.error(`  ${severity.padEnd(8)} ${name}`);
    process.exitCode = 1;
    break;
  case 'unavailable':
    console.warn(`npm audit: NO VERDICT. The registry did not answer the advisory query (${verdict.reason}).`);
    if (process.env.AUDIT_REQUIRED === '1') process.exitCode = 2;
    break;
  case 'failed':
    console.error(`npm audit: FAILED. ${verdict.reason}`);
    process.exitCode = 1;
    break;
}
