import { createContext, use, useSyncExternalStore, type ReactNode } from 'react';
import type { TokenProvider } from '../graph/graph-request';
import { hasWriteScope, writePermissionName } from './scopes';
import type { GrantedScopes } from './token-provider';

export interface SignedInAccount {
  name: string;
  username: string;
  tenantId: string;
}

export interface AuthSession {
  account: SignedInAccount;
  grantedScopes: GrantedScopes;
  getToken: TokenProvider;
  signOut: () => void;
}

const AuthSessionContext = createContext<AuthSession | null>(null);

export function AuthSessionProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  return <AuthSessionContext value={session}>{children}</AuthSessionContext>;
}

export function useAuthSession(): AuthSession {
  const session = use(AuthSessionContext);
  if (session === null) throw new Error('useAuthSession must be used below AuthSessionProvider');
  return session;
}

export type WriteAccess =
  | { status: 'checking' }
  | { status: 'granted' }
  | { status: 'denied'; missingScope: string; reason: string };

/** Whether the signed-in user may save edits, from the scopes granted in their Graph token. */
export function useWriteAccess(): WriteAccess {
  const { grantedScopes } = useAuthSession();
  const scopes = useSyncExternalStore(grantedScopes.subscribe, grantedScopes.get);
  if (scopes === null) return { status: 'checking' };
  if (hasWriteScope(scopes)) return { status: 'granted' };
  const missingScope = writePermissionName();
  return {
    status: 'denied',
    missingScope,
    reason: `Read only: your account has not been granted the ${missingScope} permission, so editing is turned off. Ask an Intune administrator to grant it.`,
  };
}
