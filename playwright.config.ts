import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './e2e/support/chromium';
import { appOrigin, appPort, emulatorOrigin, emulatorPort } from './e2e/support/origins';

const executablePath = chromiumExecutable();
const isCI = Boolean(process.env.CI);
// Opt-in: reuse an already running `npm start` (its data is reset by every test).
const reuseServers = process.env.E2E_REUSE_SERVERS === '1';

export default defineConfig({
  testDir: './e2e',
  // Every test resets the one shared emulator, so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: isCI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: appOrigin,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    permissions: ['clipboard-read', 'clipboard-write'],
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [...chromiumArgs],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx tsx emulator/main.ts --port ${emulatorPort} --data-dir .emulator-data/e2e-${emulatorPort} --reset --app-origin ${appOrigin}`,
      url: `${emulatorOrigin}/common/v2.0/.well-known/openid-configuration`,
      reuseExistingServer: reuseServers,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The production bundle, as `npm start` serves it.
      command: `npx vite build --logLevel warn --outDir dist-e2e-${appPort} && npx vite preview --outDir dist-e2e-${appPort} --port ${appPort}`,
      url: `${appOrigin}/`,
      // Environment variables win over .env: the bundle talks to this run's emulator.
      env: {
        VITE_AUTH_AUTHORITY: `https://localhost:${emulatorPort}/common`,
        VITE_AUTH_KNOWN_AUTHORITIES: `localhost:${emulatorPort}`,
        VITE_AUTH_METADATA_ORIGIN: emulatorOrigin,
        VITE_GRAPH_BASE_URL: `${emulatorOrigin}/beta`,
      },
      reuseExistingServer: reuseServers,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
