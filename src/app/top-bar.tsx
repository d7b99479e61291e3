import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { appName } from '../components/use-document-title';
import { scriptsPath } from '../config/routes';

export interface TopBarProps {
  account: { name: string; username: string } | null;
  onSignOut?: () => void;
  /** Outside the router (sign-in states) the title is plain text. */
  linkHome?: boolean;
}

/** The app bar: the app's name, the signed-in account and "Sign out". */
export function TopBar({ account, onSignOut, linkHome = true }: TopBarProps) {
  return (
    <AppBar position="static" component="header">
      <Toolbar sx={{ gap: 2 }}>
        <Typography variant="h6" component="p" sx={{ flexGrow: 1 }}>
          {linkHome ? (
            <Link component={RouterLink} to={scriptsPath()} color="inherit" underline="hover">
              {appName}
            </Link>
          ) : (
            appName
          )}
        </Typography>
        {account !== null && (
          <Box aria-label="Signed-in account" role="group" sx={{ textAlign: 'right', lineHeight: 1.2 }}>
            <Typography variant="body2" component="p">
              {account.name}
            </Typography>
            <Typography variant="caption" component="p">
              {account.username}
            </Typography>
          </Box>
        )}
        {account !== null && onSignOut !== undefined && (
          <Button color="inherit" variant="outlined" onClick={onSignOut}>
            Sign out
          </Button>
        )}
      </Toolbar>
    </AppBar>
  );
}
