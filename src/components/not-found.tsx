import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';

export interface NotFoundStateProps {
  title: string;
  message: string;
  backTo: string;
  backLabel: string;
}

/** A clear "not found" with a way back, for unknown routes, scripts and user states. */
export function NotFoundState({ title, message, backTo, backLabel }: NotFoundStateProps) {
  return (
    <Alert severity="warning" sx={{ my: 2 }}>
      <AlertTitle component="h1">{title}</AlertTitle>
      <p style={{ margin: '0 0 8px' }}>{message}</p>
      <Link component={RouterLink} to={backTo}>
        {backLabel}
      </Link>
    </Alert>
  );
}
