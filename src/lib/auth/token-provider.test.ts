import { InteractionRequiredAuthError, ServerError, type AccountInfo, type IPublicClientApplication, type SilentRequest } from '@azure/msal-browser';
import { consentRequiredErrorCode, GraphError } from '../graph/graph-error';
import { deviceReadScope, graphScopes } from './scopes';
import { createTokenProvider, GrantedScopes } from './token-provider';

const account = { homeAccountId: 'home', username: 'helpdesk@contoso.com' } as AccountInfo;

function fakeMsal(acquireTokenSilent: (request: SilentRequest) => Promise<{ accessToken: string; scopes: string[] }>) {
  const redirects: unknown[] = [];
  const msal = {
    getActiveAccount: () => account,
    acquireTokenSilent,
    acquireTokenRedirect: async (request: unknown) => {
      redirects.push(request);
    },
  };
  return { msal: msal as unknown as IPublicClientApplication, redirects };
}

describe('token provider', () => {
  it('asks for the extra scopes of a request beside the read scope', async () => {
    const asked: string[][] = [];
    const { msal } = fakeMsal(async (request) => {
      asked.push(request.scopes);
      return { accessToken: 'token', scopes: request.scopes };
    });
    const getToken = createTokenProvider(msal, { grantedScopes: new GrantedScopes(), currentPath: () => '/' });
    await getToken({ write: false, forceRefresh: false, extraScopes: [deviceReadScope] });
    await getToken({ write: false, forceRefresh: false });
    expect(asked).toEqual([[graphScopes().read, deviceReadScope], [graphScopes().read]]);
  });

  it('answers 403 for extra scopes that need a prompt, and never leaves the page for them', async () => {
    const { msal, redirects } = fakeMsal(async () => {
      throw new InteractionRequiredAuthError('consent_required', 'AADSTS65001: consent is required');
    });
    const getToken = createTokenProvider(msal, { grantedScopes: new GrantedScopes(), currentPath: () => '/' });
    const failure = await getToken({ write: false, forceRefresh: false, extraScopes: [deviceReadScope] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphError);
    expect(failure).toMatchObject({ status: 403, code: consentRequiredErrorCode });
    expect(redirects).toEqual([]);
  });

  it('signs in interactively when the refresh token was refused and MSAL passes that error on', async () => {
    // What MSAL throws for a request that waited on another request's failed iframe renewal.
    const { msal, redirects } = fakeMsal(async () => {
      throw new ServerError('invalid_grant', 'AADSTS50173: The provided grant has expired due to it being revoked.');
    });
    const getToken = createTokenProvider(msal, { grantedScopes: new GrantedScopes(), currentPath: () => '/record' });
    await expect(getToken({ write: true, forceRefresh: true })).rejects.toBeInstanceOf(ServerError);
    expect(redirects).toEqual([expect.objectContaining({ scopes: [graphScopes().write] })]);
  });

  it('leaves other server errors to the caller, without leaving the page', async () => {
    const { msal, redirects } = fakeMsal(async () => {
      throw new ServerError('temporarily_unavailable', 'AADSTS90033: A transient error has occurred.');
    });
    const getToken = createTokenProvider(msal, { grantedScopes: new GrantedScopes(), currentPath: () => '/' });
    await expect(getToken({ write: false, forceRefresh: false })).rejects.toBeInstanceOf(ServerError);
    expect(redirects).toEqual([]);
  });
});
