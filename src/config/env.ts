import * as z from 'zod/mini';
import { defaultGraphScopes, graphResource, permissionName, type GraphScopes } from '../lib/auth/scopes';

/** Settings the app needs from `import.meta.env`, validated once at start-up. */
export interface AppConfig {
  auth: {
    clientId: string;
    /** MSAL insists on an https authority string; see docs/decisions/001-local-emulator-contract.md. */
    authority: string;
    knownAuthorities: string[];
    /** Set only for the local emulator: identity endpoints are then taken from this plain-http origin. */
    metadataOrigin: string | null;
  };
  graphBaseUrl: string;
  /** Delegated Graph scopes for browsing and saving; the defaults unless the tenant consented to others. */
  graphScopes: GraphScopes;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

const httpUrl = (name: string) =>
  z.string({ error: `${name} is missing.` }).check(
    z.trim(),
    z.minLength(1, { error: `${name} is missing.`, abort: true }),
    z.refine((value) => URL.canParse(value), { error: `${name} must be an absolute URL.`, abort: true }),
    z.refine((value) => /^https?:$/.test(new URL(value).protocol), `${name} must be an http or https URL.`),
  );

const envSchema = z.object({
  VITE_AUTH_CLIENT_ID: z
    .string({ error: 'VITE_AUTH_CLIENT_ID is missing.' })
    .check(
      z.trim(),
      z.regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        'VITE_AUTH_CLIENT_ID must be the application (client) id, a GUID.',
      ),
    ),
  VITE_AUTH_AUTHORITY: httpUrl('VITE_AUTH_AUTHORITY').check(
    z.refine(
      (value) => !URL.canParse(value) || new URL(value).protocol === 'https:',
      'VITE_AUTH_AUTHORITY must start with https:// (MSAL refuses any other scheme).',
    ),
  ),
  VITE_AUTH_KNOWN_AUTHORITIES: z.optional(z.string()),
  VITE_AUTH_METADATA_ORIGIN: z.optional(z.string()),
  VITE_GRAPH_BASE_URL: httpUrl('VITE_GRAPH_BASE_URL'),
});

// A permission name (`DeviceManagementScripts.Read.All`) or its full scope URI (another cloud's
// Graph resource, say). Empty means the default.
const scopePattern = /^(https:\/\/[A-Za-z0-9.-]+(:\d+)?\/)?[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;

function readScope(raw: unknown, name: string, fallback: string, problems: string[]): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '') return fallback;
  if (!scopePattern.test(value)) {
    problems.push(`${name} must be a Graph permission such as ${permissionName(fallback)}, or its full scope URI.`);
    return fallback;
  }
  return value.includes('/') ? value : `${graphResource}/${value}`;
}

const metadataOriginSchema = httpUrl('VITE_AUTH_METADATA_ORIGIN');

/**
 * Parses the raw Vite environment. Returns every problem at once so a misconfigured deployment
 * is fixed in one go instead of one variable per reload.
 */
export function readConfig(raw: Record<string, unknown>): ConfigResult {
  const parsed = envSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const metadataRaw = typeof raw.VITE_AUTH_METADATA_ORIGIN === 'string' ? raw.VITE_AUTH_METADATA_ORIGIN.trim() : '';
  let metadataOrigin: string | null = null;
  if (metadataRaw !== '') {
    const origin = metadataOriginSchema.safeParse(metadataRaw);
    if (origin.success) metadataOrigin = new URL(origin.data).origin;
    else problems.push(...origin.error.issues.map((issue) => issue.message));
  }
  const graphScopes: GraphScopes = {
    read: readScope(raw.VITE_GRAPH_READ_SCOPE, 'VITE_GRAPH_READ_SCOPE', defaultGraphScopes.read, problems),
    write: readScope(raw.VITE_GRAPH_WRITE_SCOPE, 'VITE_GRAPH_WRITE_SCOPE', defaultGraphScopes.write, problems),
  };
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const env = parsed.data;
  return {
    ok: true,
    config: {
      auth: {
        clientId: env.VITE_AUTH_CLIENT_ID,
        authority: env.VITE_AUTH_AUTHORITY.replace(/\/+$/, ''),
        knownAuthorities: (env.VITE_AUTH_KNOWN_AUTHORITIES ?? '')
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== ''),
        metadataOrigin,
      },
      graphBaseUrl: env.VITE_GRAPH_BASE_URL.replace(/\/+$/, ''),
      graphScopes,
    },
  };
}
