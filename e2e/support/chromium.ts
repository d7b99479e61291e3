import { existsSync } from 'node:fs';

/**
 * Debian's Chromium on CI and on these machines (nothing may download a browser here); a developer
 * laptop falls back to Playwright's own download. Shared by the e2e suite and the benchmark.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

/** Flags for headless Chromium as root on a closed network: without the networking ones it floods refused connections. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
