import { readConfig } from './env';

const valid = {
  VITE_AUTH_CLIENT_ID: '6c5a2f1e-8b9d-4e3f-a1b2-c3d4e5f60718',
  VITE_AUTH_AUTHORITY: 'https://localhost:5174/common/',
  VITE_AUTH_KNOWN_AUTHORITIES: 'localhost:5174, other:1',
  VITE_AUTH_METADATA_ORIGIN: 'http://localhost:5174/ignored-path',
  VITE_GRAPH_BASE_URL: 'http://localhost:5174/beta/',
};

describe('readConfig', () => {
  it('parses the settings once into a typed config', () => {
    expect(readConfig(valid)).toEqual({
      ok: true,
      config: {
        auth: {
          clientId: valid.VITE_AUTH_CLIENT_ID,
          authority: 'https://localhost:5174/common',
          knownAuthorities: ['localhost:5174', 'other:1'],
          metadataOrigin: 'http://localhost:5174',
        },
        graphBaseUrl: 'http://localhost:5174/beta',
        graphScopes: {
          read: 'https://graph.microsoft.com/DeviceManagementScripts.Read.All',
          write: 'https://graph.microsoft.com/DeviceManagementScripts.ReadWrite.All',
        },
      },
    });
  });

  it('takes the Graph scopes a tenant consented to, as permission names or full scope URIs', () => {
    const result = readConfig({
      ...valid,
      VITE_GRAPH_READ_SCOPE: ' DeviceManagementConfiguration.Read.All ',
      VITE_GRAPH_WRITE_SCOPE: 'https://graph.microsoft.us/DeviceManagementConfiguration.ReadWrite.All',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        graphScopes: {
          read: 'https://graph.microsoft.com/DeviceManagementConfiguration.Read.All',
          write: 'https://graph.microsoft.us/DeviceManagementConfiguration.ReadWrite.All',
        },
      },
    });
  });

  it('refuses a Graph scope that is not a permission name', () => {
    const result = readConfig({ ...valid, VITE_GRAPH_READ_SCOPE: 'read everything', VITE_GRAPH_WRITE_SCOPE: 'http://graph.example/X.ReadWrite.All' });
    expect(result).toEqual({
      ok: false,
      problems: [
        'VITE_GRAPH_READ_SCOPE must be a Graph permission such as DeviceManagementScripts.Read.All, or its full scope URI.',
        'VITE_GRAPH_WRITE_SCOPE must be a Graph permission such as DeviceManagementScripts.ReadWrite.All, or its full scope URI.',
      ],
    });
  });

  it('treats the emulator-only settings as optional (a real tenant)', () => {
    const result = readConfig({ ...valid, VITE_AUTH_KNOWN_AUTHORITIES: undefined, VITE_AUTH_METADATA_ORIGIN: '' });
    expect(result).toMatchObject({ ok: true, config: { auth: { knownAuthorities: [], metadataOrigin: null } } });
  });

  it('lists every problem at once', () => {
    const result = readConfig({ VITE_AUTH_AUTHORITY: 'http://login.example/common', VITE_AUTH_METADATA_ORIGIN: 'nope' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'VITE_AUTH_CLIENT_ID is missing.',
        'VITE_AUTH_AUTHORITY must start with https:// (MSAL refuses any other scheme).',
        'VITE_GRAPH_BASE_URL is missing.',
        'VITE_AUTH_METADATA_ORIGIN must be an absolute URL.',
      ]),
    );
  });
});
