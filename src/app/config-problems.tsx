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
