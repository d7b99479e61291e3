import Container from '@mui/material/Container';
import { useIsMutating } from '@tanstack/react-query';
import { Outlet } from 'react-router';
import { Notifications } from '../components/notifications';
import { OfflineBanner } from '../components/offline-banner';
import { ReadWaitNotice } from '../components/read-wait-notice';
import { useLeaveGuard } from '../components/use-leave-guard';
import { mainContentId, SkipLink } from '../components/skip-link';
import { useAuthSession } from '../lib/auth/auth-session';
import { TopBar } from './top-bar';

/** Every page: the top bar, the offline banner, the notice of reads held back, toasts, and the routed page. */
export function RootLayout() {
  const { account, signOut } = useAuthSession();
  const savesInFlight = useIsMutating();
  // Closing the tab with saves not yet sent (offline, or waiting out throttling) asks first.
  useLeaveGuard(savesInFlight > 0);
  return (
    <>
      <SkipLink />
      <TopBar account={account} onSignOut={signOut} />
      <OfflineBanner />
      <ReadWaitNotice />
      <Container component="main" id={mainContentId} tabIndex={-1} maxWidth="xl" sx={{ py: 3, '&:focus': { outline: 'none' } }}>
        <Outlet />
      </Container>
      <Notifications />
    </>
  );
}
