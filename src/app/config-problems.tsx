import { describeError } from '../lib/graph/describe-error';

/** Shown instead of the app when the deployment's settings are missing or wrong (no MSAL, no MUI). */
export function ConfigProblems({ problems }: { problems: string[] }) {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '40px auto', padding: '0 16px' }}>
      <h1>The dashboard is not configured</h1>
      <p>Fix these settings (see .env.example and the README), then rebuild:</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </main>
  );
}

/** Shown when sign-in could not even start. Plain words and the error code, never a stack. */
export function StartFailure({ error }: { error: unknown }) {
  const description = describeError(error);
  return (
    <main role="alert" style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '40px auto', padding: '0 16px' }}>
      <h1>The dashboard could not start</h1>
      <p>{description.message}</p>
      {description.code !== null && <p>Error code: {description.code}</p>}
    </main>
  );
}
