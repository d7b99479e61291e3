import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { UserPrincipalName } from '../components/user-principal-name';
import { plainUserPrincipalName } from '../lib/hidden-characters';
import { appName } from '../components/use-document-title';
import { scriptsPath } from '../config/routes';
import { ColorSchemeToggle } from './color-scheme-toggle';

export interface TopBarProps {
  account: { name: string; username: string } | null;
  onSignOut?: () => void;
  /** Outside the router (sign-in states) the title is plain text. */
  linkHome?: boolean;
}

/** The app bar: the app's name, the signed-in account, dark mode and "Sign out". */
export function TopBar({ account, onSignOut, linkHome = true }: TopBarProps) {
  return (
    <AppBar position="static" component="header">
      <Toolbar sx={{ gap: { xs: 1, sm: 2 } }}>
        <Typography variant="h6" component="p" sx={{ flexGrow: 1, minWidth: 0, fontSize: { xs: '1rem', sm: '1.25rem' }, lineHeight: 1.2 }}>
          {linkHome ? (
            <Link component={RouterLink} to={scriptsPath()} color="inherit" underline="hover">
              {appName}
            </Link>
          ) : (
            appName
          )}
        </Typography>
        {account !== null && (
          <Box aria-label="Signed-in account" role="group" sx={{ textAlign: 'right', lineHeight: 1.2, minWidth: 0, maxWidth: { xs: '38%', sm: '45%' } }}>
            {/* On a narrow screen the UPN alone says who is signed in. */}
            <Typography variant="body2" component="p" noWrap sx={{ display: { xs: 'none', sm: 'block' } }}>
              {account.name}
            </Typography>
            <Typography variant="caption" component="p" noWrap title={plainUserPrincipalName(account.username)}>
              <UserPrincipalName value={account.username} />
            </Typography>
          </Box>
        )}
        <ColorSchemeToggle />
        {account !== null && onSignOut !== undefined && (
          <Button color="inherit" variant="outlined" onClick={onSignOut} sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
            Sign out
          </Button>
        )}
      </Toolbar>
    </AppBar>
  );
}
