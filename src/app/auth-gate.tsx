import { AuthError, InteractionStatus, type AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorIds } from '../components/error-panel';
import { Loading } from '../components/loading';
import { mainContentId, SkipLink } from '../components/skip-link';
import { UserPrincipalName } from '../components/user-principal-name';
import { useDocumentTitle } from '../components/use-document-title';
import { describeAuthError } from '../lib/auth/auth-error-hints';
import { markSignedOut, rememberReturnTo } from '../lib/auth/return-to';
import { graphScopes, isPersonalAccount } from '../lib/auth/scopes';
import { TopBar } from './top-bar';

export interface AuthGateProps {
  /** From the redirect round trip that loaded this page, if it failed. */
  startError: unknown;
  signedOut: boolean;
  children: (account: AccountInfo, signOut: () => void) => ReactNode;
}

/**
 * Lets only a signed-in work or school account through. Anyone else is sent through MSAL's
 * redirect sign-in (auth code + PKCE) and brought back to the URL they opened.
 */
export function AuthGate({ startError, signedOut, children }: AuthGateProps) {
  const { instance, inProgress, accounts } = useMsal();
  const account = instance.getActiveAccount() ?? accounts[0] ?? null;
  const [loginError, setLoginError] = useState<unknown>(null);
  const [waitForUser, setWaitForUser] = useState(signedOut || startError !== null);
  const error = loginError ?? startError;
  // One automatic sign-in per page load, even when effects run twice (StrictMode in development).
  const loginStarted = useRef(false);

  const startLogin = useCallback((prompt?: 'select_account') => {
    rememberReturnTo(`${window.location.pathname}${window.location.search}`);
    instance
      .loginRedirect({ scopes: [graphScopes().read], redirectUri: `${window.location.origin}/`, ...(prompt === undefined ? {} : { prompt }) })
      .catch((caught: unknown) => {
        // A second call while MSAL is already navigating away (e.g. StrictMode in development) is harmless.
        if (caught instanceof AuthError && caught.errorCode === 'interaction_in_progress') return;
        setLoginError(caught);
        setWaitForUser(true);
      });
  }, [instance]);
  const signIn = useCallback(() => {
    loginStarted.current = true;
    setWaitForUser(false);
    setLoginError(null);
    startLogin();
  }, [startLogin]);

  // The identity platform shows its account picker even with a session, so another account can be chosen.
  const chooseAnotherAccount = useCallback(() => startLogin('select_account'), [startLogin]);

  const signOut = useCallback(() => {
    markSignedOut();
    void instance.logoutRedirect({ account: instance.getActiveAccount(), postLogoutRedirectUri: `${window.location.origin}/` });
  }, [instance]);

  const mustSignIn = account === null && !waitForUser && inProgress === InteractionStatus.None;
  useEffect(() => {
    if (!mustSignIn || loginStarted.current) return;
    loginStarted.current = true;
    startLogin();
  }, [mustSignIn, startLogin]);

  if (account !== null) {
    if (isPersonalAccount(account)) return <PersonalAccountPage account={account} onSignOut={signOut} onChooseAnotherAccount={chooseAnotherAccount} />;
    return children(account, signOut);
  }
  if (waitForUser) {
    return error !== null ? (
      <SignInProblem error={error} onSignIn={signIn} />
    ) : (
      <GatePage title="You have signed out">
        <Typography sx={{ mb: 2 }}>You have signed out of the dashboard.</Typography>
        <Button variant="contained" onClick={signIn}>
          Sign in
        </Button>
      </GatePage>
    );
  }
  return (
    <GatePage title="Signing in">
      <Loading label="Taking you to sign-in…" />
    </GatePage>
  );
}

function GatePage({ title, account = null, onSignOut, children }: { title: string; account?: AccountInfo | null; onSignOut?: () => void; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <>
      <SkipLink />
      <TopBar
        account={account === null ? null : { name: account.name ?? account.username, username: account.username }}
        onSignOut={onSignOut}
        linkHome={false}
      />
      <Container component="main" id={mainContentId} tabIndex={-1} sx={{ py: 3, '&:focus': { outline: 'none' } }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {title}
        </Typography>
        {children}
      </Container>
    </>
  );
}

function SignInProblem({ error, onSignIn }: { error: unknown; onSignIn: () => void }) {
  const problem = describeAuthError(error);
  return (
    <GatePage title="Sign-in did not complete">
      <Alert severity="error" role="alert" sx={{ mb: 2 }}>
        <AlertTitle>Sign-in did not complete</AlertTitle>
        {problem.hint}
        <ErrorIds code={problem.code} requestId={null} />
      </Alert>
      <Button variant="contained" onClick={onSignIn}>
        Sign in
      </Button>
    </GatePage>
  );
}

function PersonalAccountPage({ account, onSignOut, onChooseAnotherAccount }: { account: AccountInfo; onSignOut: () => void; onChooseAnotherAccount: () => void }) {
  return (
    <GatePage title="Signed in with a personal account" account={account} onSignOut={onSignOut}>
      <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
        Intune needs a work or school account; personal Microsoft accounts such as <UserPrincipalName value={account.username} /> cannot
        manage it.
      </Alert>
      {/* "Sign out" is in the top bar, as on every page. */}
      <Button variant="contained" onClick={onChooseAnotherAccount}>
        Use another account
      </Button>
    </GatePage>
  );
}
