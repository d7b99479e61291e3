/**
 * The floor page of `npm run bench`: the least a signed-in MSAL + MUI page has to ship (React,
 * MSAL's PublicClientApplication + MsalProvider, MUI's ThemeProvider, CssBaseline and an AppBar).
 * The dashboard's first screen is compared with it. Plain createElement, so no JSX setup is needed.
 */
import { PublicClientApplication } from '@azure/msal-browser';
import { MsalProvider } from '@azure/msal-react';
import AppBar from '@mui/material/AppBar';
import CssBaseline from '@mui/material/CssBaseline';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const metadataOrigin = 'http://localhost:5174/common';
const msal = new PublicClientApplication({
  auth: {
    clientId: '6c5a2f1e-8b9d-4e3f-a1b2-c3d4e5f60718',
    authority: 'https://localhost:5174/common',
    knownAuthorities: ['localhost:5174'],
    // Inline metadata, as the app passes it: the page makes no network request.
    authorityMetadata: JSON.stringify({
      issuer: `${metadataOrigin}/v2.0`,
      authorization_endpoint: `${metadataOrigin}/oauth2/v2.0/authorize`,
      token_endpoint: `${metadataOrigin}/oauth2/v2.0/token`,
      end_session_endpoint: `${metadataOrigin}/oauth2/v2.0/logout`,
      jwks_uri: `${metadataOrigin}/discovery/v2.0/keys`,
    }),
  },
  cache: { cacheLocation: 'sessionStorage' },
});

const theme = createTheme();
const container = document.getElementById('root');
if (container === null) throw new Error('no #root');

createRoot(container).render(
  createElement(
    StrictMode,
    null,
    createElement(
      MsalProvider,
      { instance: msal },
      createElement(
        ThemeProvider,
        { theme },
        createElement(CssBaseline),
        createElement(
          AppBar,
          { position: 'static' },
          createElement(Toolbar, null, createElement(Typography, { variant: 'h6' }, 'Floor page')),
        ),
      ),
    ),
  ),
);
