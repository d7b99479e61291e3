import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// The dashboard is always served on this port: the emulator's app registration and every
// documented link rely on it.
const appPort = 5173;

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  const securityHeaders = contentSecurityHeaders(env);
  return {
    plugins: [react()],
    server: { port: appPort, strictPort: true, host: 'localhost' },
    preview: { port: appPort, strictPort: true, host: 'localhost', headers: securityHeaders },
    build: {
      target: 'es2022',
      sourcemap: false,
      rollupOptions: {
        // redirect.html is MSAL's bridge page for silent renewal and popups; it must not load the app.
        input: { main: resolve(import.meta.dirname, 'index.html'), redirect: resolve(import.meta.dirname, 'redirect.html') },
      },
    },
  };
});

/**
 * A strict Content-Security-Policy for the served production bundle: scripts only from this
 * origin, network access only to the configured identity and Graph hosts, never framed.
 */
function contentSecurityHeaders(env: Record<string, string>): Record<string, string> {
  const origins = new Set<string>();
  const identityOrigins = new Set<string>();
  for (const key of ['VITE_AUTH_AUTHORITY', 'VITE_AUTH_METADATA_ORIGIN', 'VITE_GRAPH_BASE_URL']) {
    const value = env[key];
    if (value) origins.add(new URL(value).origin);
    if (value && key !== 'VITE_GRAPH_BASE_URL') identityOrigins.add(new URL(value).origin);
  }
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // MUI and Emotion inject <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${[...origins].join(' ')}`,
    // MSAL's silent renewal loads the authorize endpoint in a hidden iframe, which then lands on
    // this origin's redirect.html bridge.
    `frame-src 'self' ${[...identityOrigins].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
