import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { UserPrincipalName } from '../../../components/user-principal-name';
import { ErrorPanel } from '../../../components/error-panel';
import { Loading } from '../../../components/loading';
import { NotFoundState } from '../../../components/not-found';
import { useDocumentTitle } from '../../../components/use-document-title';
import { scriptsPath, userStatesPath } from '../../../config/routes';
import { useWriteAccess } from '../../../lib/auth/auth-session';
import { plainUserPrincipalName } from '../../../lib/hidden-characters';
import { isGraphError } from '../../../lib/graph/graph-error';
import type { ScriptKind } from '../../../lib/script-kinds';
import { toEditInput, type UserState } from '../api/schema';
import { useUserState } from '../api/use-user-state-queries';
import type { RowDraft } from '../drafts/draft-store';
import { UserStateForm, type FormStart } from './user-state-form';

/** The form starts from the restored draft if there is one, else from the server's record. */
function formStart(state: UserState, restored: RowDraft | null): FormStart {
  if (restored === null) return { baseline: state, values: toEditInput(state), restored: false };
  return { baseline: restored.baseline, values: { ...toEditInput(restored.baseline), ...restored.values }, restored: true };
}

/**
 * One user state, opened from the grid or a shared deep link. `restored` is what the user typed
 * here before a reload or sign-in round trip (the route's loader reads it: restoreFormDraft).
 */
export function UserStatePage({
  kind,
  scriptId,
  stateId,
  restored,
  scriptName,
  devices,
}: {
  kind: ScriptKind;
  scriptId: string;
  stateId: string;
  restored: RowDraft | null;
  /** The script the record belongs to, once known (the route reads it through the scripts feature). */
  scriptName?: string | undefined;
  /** The record's devices, shown under the form once the record is in (the route composes the devices feature). */
  devices?: ReactNode;
}) {
  const state = useUserState(kind, scriptId, stateId);
  const scriptLabel = scriptName ?? 'User run states';
  // Once the record is on screen, the keyboard starts at the form's heading, not the page body.
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = state.data !== undefined;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  const writeAccess = useWriteAccess();
  const upn = state.data?.userPrincipalName;
  useDocumentTitle(upn ? `${plainUserPrincipalName(upn)} – ${scriptLabel}` : 'User state');

  if (isGraphError(state.error) && state.error.status === 404) {
    return (
      <NotFoundState
        title="User state not found"
        message="There is no user state with this id for this script. It may have been deleted, or the link is wrong."
        backTo={userStatesPath(kind, scriptId)}
        backLabel="Back to user run states"
      />
    );
  }
  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <Link component={RouterLink} to={scriptsPath()}>
          Scripts
        </Link>
        <Link component={RouterLink} to={userStatesPath(kind, scriptId)}>
          {scriptLabel}
        </Link>
        <Typography color="text.primary">{upn ? <UserPrincipalName value={upn} /> : stateId}</Typography>
      </Breadcrumbs>
      <Typography ref={heading} tabIndex={-1} variant="h5" component="h1" gutterBottom sx={{ '&:focus': { outline: 'none' } }}>
        {state.data === undefined ? 'User state' : 'User state: '}
        {state.data !== undefined && (upn ? <UserPrincipalName value={upn} /> : state.data.id)}
      </Typography>
      {scriptName !== undefined && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {`Script: ${scriptName}`}
        </Typography>
      )}
      {writeAccess.status === 'denied' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {writeAccess.reason}
        </Alert>
      )}
      {state.isPending && <Loading label="Loading user state…" />}
      {state.isError && state.data === undefined && (
        <ErrorPanel error={state.error} title="Could not load the user state" onRetry={() => void state.refetch()} />
      )}
      {state.data !== undefined && (
        <UserStateForm
          kind={kind}
          scriptId={scriptId}
          state={state.data}
          canEdit={writeAccess.status === 'granted'}
          start={formStart(state.data, restored)}
        />
      )}
      {state.data !== undefined && devices}
    </>
  );
}
