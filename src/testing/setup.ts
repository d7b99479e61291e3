import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';

// The machine is shared and jsdom renders a data grid slowly: a file's first render, importing the
// grid cold, has taken over 5 s on a busy machine. Waiting longer only costs time when a test is
// about to fail anyway.
configure({ asyncUtilTimeout: 15_000 });

// React, React Router and MUI report real problems (a render error, an act() warning, a missing
// key, an invalid prop) through console.error: a test that causes one fails, as in the e2e suite.
let consoleErrors: string[] = [];
const consoleError = console.error.bind(console);
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(' '));
    consoleError(...args);
  });
});

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.mocked(console.error).mockRestore();
  if (consoleErrors.length > 0) throw new Error(`Unexpected console.error:\n${consoleErrors.join('\n---\n')}`);
});
