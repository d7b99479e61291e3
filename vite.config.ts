import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';

// The dashboard is always served on this port: the emulator's app registration and every
// documented link rely on it.
const appPort = 5173;
const reactRouterProduction = resolve(import.meta.dirname, 'node_modules/react-router/dist/production/index.mjs');

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  return {
    plugins: [react(), securityHeaders(env), cachingHeaders()],
    // react-router's package exports point at its development build whatever the mode; its production
    // build is the same code with the development warnings switched off (and minified away).
    resolve: mode === 'production' ? { alias: [{ find: /^react-router$/, replacement: reactRouterProduction }] } : {},
    server: { port: appPort, strictPort: true, host: 'localhost' },
    preview: { port: appPort, strictPort: true, host: 'localhost' },
    build: {
      target: 'es2022',
      sourcemap: false,
      rolldownOptions: {
        // redirect.html is MSAL's bridge page for silent renewal and popups; it must not load the app.
        input: { main: resolve(import.meta.dirname, 'index.html'), redirect: resolve(import.meta.dirname, 'redirect.html') },
        output: {
          codeSplitting: {
            // The libraries the entry loads anyway go in one chunk: left to the automatic split, the
            // MUI modules the entry shares with lazy chunks became a dozen small files, which gzip
            // worse and cost the first screen 4 KB (docs/decisions/016-bundle-bytes.md). MSAL stays
            // out: redirect.html shares it and must not load the rest.
            groups: [{ name: 'vendor', test: isEntryLibrary, tags: ['$initial'] }],
          },
        },
      },
    },
  };
});

/** The path of a request to the preview server, without its query. */
function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}

/** A library module (not app code, not MSAL, which the bridge page redirect.html needs alone). */
function isEntryLibrary(id: string): boolean {
  return /[\\/]node_modules[\\/]/.test(id) && !/[\\/]node_modules[\\/]@azure[\\/]/.test(id);
}

/**
 * Serves the production bundle (`vite preview`, so `npm start`) cached as a production host should
 * cache it. Every file under /assets/ has a hash of its content in its name, so a browser may keep
 * it for a year without asking again: a new build gives changed files new names. The pages that
 * name them (index.html, redirect.html, and the app's routes, which serve index.html) are asked
 * for every time, so a new build reaches the next page load. An admin opening a link in a browser
 * that has run the app before then starts it from the browser's cache, without waiting for the
 * server to confirm each file (docs/decisions/020-immutable-assets.md).
 */
function cachingHeaders(): Plugin {
  return {
    name: 'caching-headers',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        response.setHeader('Cache-Control', pathOf(request.url).startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        next();
      });
    },
  };
}

/**
 * Serves the production bundle (`vite preview`, so `npm start`) with the headers of a hardened host.
 * Only MSAL's bridge page may be framed, and only by this origin: silent token renewal loads it
 * in a hidden iframe. Every other page refuses all framing (clickjacking).
 */
function securityHeaders(env: Record<string, string>): Plugin {
  const appHeaders = contentSecurityHeaders(env, "'none'");
  const bridgeHeaders = contentSecurityHeaders(env, "'self'");
  return {
    name: 'security-headers',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        const headers = pathOf(request.url) === '/redirect.html' ? bridgeHeaders : appHeaders;
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
        next();
      });
    },
  };
}

/**
 * A strict Content-Security-Policy: scripts only from this origin, network access only to the
 * configured identity and Graph hosts.
 */
function contentSecurityHeaders(env: Record<string, string>, frameAncestors: "'none'" | "'self'"): Record<string, string> {
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
    `frame-ancestors ${frameAncestors}`,
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
