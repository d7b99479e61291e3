import { escapeHtml } from '../http.ts';
import type { SeededAccount } from '../constants.ts';

const STYLE = `
  body { font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; color: #1b1b1b; margin: 0; }
  main { max-width: 440px; margin: 8vh auto; background: #fff; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 1rem; }
  p { line-height: 1.5; }
  ul { list-style: none; padding: 0; margin: 0; }
  li + li { margin-top: .5rem; }
  button { width: 100%; text-align: left; padding: .75rem 1rem; font: inherit; border: 1px solid #8a8886; background: #fff; cursor: pointer; }
  button:hover, button:focus { background: #f3f2f1; outline: 2px solid #0067b8; }
  button.primary { background: #0067b8; color: #fff; border-color: #0067b8; }
  .name { display: block; font-weight: 600; }
  .upn { display: block; color: #444; }
  .hint { font-size: .875rem; color: #444; }
  .banner { font-size: .875rem; color: #444; border-top: 1px solid #ddd; margin-top: 1.5rem; padding-top: 1rem; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main aria-labelledby="page-title">
${body}
<p class="banner">Local Microsoft identity platform emulator — no real accounts, no passwords.</p>
</main>
</body>
</html>`;
}

export function signInPage(input: { action: string; ctx: string; accounts: readonly SeededAccount[]; hint: string | undefined; appName: string; scopes: string[] }): string {
  const hint = input.hint?.toLowerCase();
  const ordered = [...input.accounts].sort((a, b) => Number(b.upn.toLowerCase() === hint) - Number(a.upn.toLowerCase() === hint));
  const items = ordered
    .map((account) => {
      const preselected = account.upn.toLowerCase() === hint;
      return `<li><button type="submit" name="account" value="${escapeHtml(account.upn)}"${preselected ? ' autofocus class="primary"' : ''}>
<span class="name">${escapeHtml(account.displayName)}</span><span class="upn">Sign in as ${escapeHtml(account.upn)}</span></button></li>`;
    })
    .join('\n');
  return layout(
    'Sign in to your account',
    `<h1 id="page-title">Pick an account</h1>
<p id="app-desc">to continue to <strong>${escapeHtml(input.appName)}</strong></p>
<form method="post" action="${escapeHtml(input.action)}" aria-labelledby="page-title" aria-describedby="app-desc">
<input type="hidden" name="ctx" value="${escapeHtml(input.ctx)}">
<ul>
${items}
</ul>
</form>
<p class="hint">Requested permissions: ${escapeHtml(input.scopes.join(', ') || 'sign-in only')}</p>`,
  );
}

export function approvalPage(input: { action: string; ctx: string; account: SeededAccount; appName: string; missing: string[] }): string {
  return layout(
    'Need admin approval',
    `<h1 id="page-title">Need admin approval</h1>
<p><strong>${escapeHtml(input.appName)}</strong> needs permission to access resources in your organization that only an admin can grant.</p>
<p>Signed in as ${escapeHtml(input.account.upn)}. Missing: ${escapeHtml(input.missing.join(', '))}.</p>
<form method="post" action="${escapeHtml(input.action)}" aria-labelledby="page-title">
<input type="hidden" name="ctx" value="${escapeHtml(input.ctx)}">
<input type="hidden" name="account" value="${escapeHtml(input.account.upn)}">
<button type="submit" name="decision" value="decline" class="primary">Return to the application without granting consent</button>
</form>`,
  );
}

export function errorPage(code: number, message: string): string {
  return layout(
    'Sign in error',
    `<h1 id="page-title">Sorry, but we’re having trouble signing you in.</h1>
<p role="alert">AADSTS${code}: ${escapeHtml(message)}</p>`,
  );
}

export function signedOutPage(): string {
  return layout('Signed out', '<h1 id="page-title">You signed out of your account</h1><p>It’s a good idea to close all browser windows.</p>');
}
