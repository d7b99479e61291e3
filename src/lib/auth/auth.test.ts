import { AuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import type { AppConfig } from '../../config/env';
import { describeAuthError } from './auth-error-hints';
import { createMsalConfiguration } from './msal-config';
import { isSafeReturnPath, pendingReturnPath, rememberReturnTo, takeReturnTo } from './return-to';
import { configureGraphScopes, defaultGraphScopes, hasWriteScope, isPersonalAccount, personalAccountTenantId } from './scopes';

const emulatorConfig: AppConfig = {
  auth: {
    clientId: '6c5a2f1e-8b9d-4e3f-a1b2-c3d4e5f60718',
    authority: 'https://localhost:5174/common',
    knownAuthorities: ['localhost:5174'],
    metadataOrigin: 'http://localhost:5174',
  },
  graphBaseUrl: 'http://localhost:5174/beta',
  graphScopes: defaultGraphScopes,
};

describe('scopes', () => {
  it('can write with any ReadWrite scope Graph accepts for user states, in any spelling', () => {
    expect(hasWriteScope([defaultGraphScopes.read])).toBe(false);
    expect(hasWriteScope(['https://graph.microsoft.com/DeviceManagementManagedDevices.ReadWrite.All'])).toBe(true);
    expect(hasWriteScope(['deviceManagementConfiguration.readwrite.all'])).toBe(true);
    expect(hasWriteScope(['openid', 'DeviceManagementScripts.ReadWrite.All'])).toBe(true);
  });

  it('counts the configured write scope as one that can write', () => {
    configureGraphScopes({ read: 'https://graph.microsoft.com/Custom.Read.All', write: 'https://graph.microsoft.com/Custom.ReadWrite.All' });
    try {
      expect(hasWriteScope(['Custom.ReadWrite.All'])).toBe(true);
      expect(hasWriteScope(['Custom.Read.All'])).toBe(false);
    } finally {
      configureGraphScopes(defaultGraphScopes);
    }
  });

  it('recognises a personal Microsoft account by its tenant', () => {
    expect(isPersonalAccount({ tenantId: personalAccountTenantId })).toBe(true);
    expect(isPersonalAccount({ tenantId: 'b4d3c2a1-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })).toBe(false);
  });
});

describe('MSAL configuration', () => {
  it('passes the emulator metadata inline and never an undefined key', () => {
    const configuration = createMsalConfiguration(emulatorConfig, 'http://localhost:5173');
    expect(configuration.auth).toMatchObject({
      clientId: emulatorConfig.auth.clientId,
      authority: 'https://localhost:5174/common',
      knownAuthorities: ['localhost:5174'],
      redirectUri: 'http://localhost:5173/redirect.html',
    });
    expect(Object.values(configuration.auth)).not.toContain(undefined);
    const metadata = JSON.parse(configuration.auth.authorityMetadata ?? '{}') as Record<string, string>;
    expect(metadata.authorization_endpoint).toBe('http://localhost:5174/common/oauth2/v2.0/authorize');
    expect(metadata.token_endpoint).toBe('http://localhost:5174/common/oauth2/v2.0/token');
    expect(metadata.end_session_endpoint).toBe('http://localhost:5174/common/oauth2/v2.0/logout');
  });

  it('lets MSAL discover a real tenant (no inline metadata, no known authorities key)', () => {
    const configuration = createMsalConfiguration(
      { ...emulatorConfig, auth: { ...emulatorConfig.auth, authority: 'https://login.microsoftonline.com/contoso.example', knownAuthorities: [], metadataOrigin: null } },
      'https://dashboard.example',
    );
    expect('authorityMetadata' in configuration.auth).toBe(false);
    expect('knownAuthorities' in configuration.auth).toBe(false);
  });
});

describe('return after sign-in', () => {
  it('only returns to paths on this origin', () => {
    expect(isSafeReturnPath('/deviceManagement/deviceManagementScripts/1/userRunStates?q=a')).toBe(true);
    expect(isSafeReturnPath('//evil.example/')).toBe(false);
    expect(isSafeReturnPath('https://evil.example/')).toBe(false);
    expect(isSafeReturnPath('/\\evil.example')).toBe(false);
    expect(isSafeReturnPath('/a\nb')).toBe(false);
  });

  it('is taken once', () => {
    rememberReturnTo('/deviceManagement/deviceManagementScripts/1/userRunStates/2');
    expect(takeReturnTo()).toBe('/deviceManagement/deviceManagementScripts/1/userRunStates/2');
    expect(takeReturnTo()).toBeNull();
  });

  it('can be looked at without being taken (its path only, for preloading the page)', () => {
    rememberReturnTo('/deviceManagement/deviceManagementScripts/1/userRunStates?q=ada&page=2');
    expect(pendingReturnPath()).toBe('/deviceManagement/deviceManagementScripts/1/userRunStates');
    expect(takeReturnTo()).toBe('/deviceManagement/deviceManagementScripts/1/userRunStates?q=ada&page=2');
    expect(pendingReturnPath()).toBeNull();
  });
});

describe('sign-in error hints', () => {
  it('explains MSAL codes and AADSTS codes in plain words', () => {
    expect(describeAuthError(new AuthError('user_cancelled', 'cid'))).toMatchObject({ code: 'user_cancelled', hint: expect.stringMatching(/cancelled/) });
    expect(describeAuthError(new InteractionRequiredAuthError('consent_required', 'x'))).toMatchObject({
      hint: expect.stringMatching(/admin consent/),
    });
    expect(describeAuthError(new AuthError('invalid_request', 'cid', 'AADSTS50011: The redirect URI does not match'))).toMatchObject({
      code: 'AADSTS50011',
      hint: expect.stringMatching(/redirect URI/),
    });
    expect(describeAuthError(new AuthError('something_new', 'cid'))).toMatchObject({ code: 'something_new' });
  });
});
