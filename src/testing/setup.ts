import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';

// The machine is shared and jsdom renders a data grid slowly; waiting longer only costs time when
// a test is about to fail anyway.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
