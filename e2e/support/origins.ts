/**
 * Where the e2e suite finds the dashboard and the emulator. The defaults are the documented ports
 * (5173, 5174); E2E_APP_PORT / E2E_EMULATOR_PORT move a run aside, e.g. beside a running `npm start`.
 */
export const appPort = Number(process.env.E2E_APP_PORT ?? '5173');
export const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? '5174');
export const appOrigin = `http://localhost:${appPort}`;
export const emulatorOrigin = `http://localhost:${emulatorPort}`;
