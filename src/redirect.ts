import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

// Runs in MSAL's hidden iframe or popup only: hand the authorization answer to the window that
// asked for it. Never loads the app itself.
void broadcastResponseToMainFrame();
