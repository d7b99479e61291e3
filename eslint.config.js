import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { localRules } from './scripts/lint/no-import-cycle.js';

// One-way structure: shared code -> features -> app. Features never import each other.
const layerZones = [
  { target: './src/features/scripts', from: './src/features', except: ['./scripts'] },
  { target: './src/features/user-states', from: './src/features', except: ['./user-states'] },
  { target: './src/features/devices', from: './src/features', except: ['./devices'] },
  // History shows user states' fields by their labels: it may read that feature's api types, never the reverse.
  { target: './src/features/history', from: './src/features', except: ['./history', './user-states/api'] },
  { target: './src/features', from: './src/app' },
  { target: ['./src/lib', './src/components', './src/config'], from: ['./src/features', './src/app'] },
];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'bench-results', '.emulator-data'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, 'import-x': importX, '@tanstack/query': pluginQuery },
    // The import rules need a resolver to follow imports; src/ uses extensionless relative imports.
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'] })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      // @types/papaparse pulls Node's types into the app's program, so the type checker no longer
      // says that these do not exist in a browser.
      'no-restricted-globals': ['error', 'process', 'Buffer', 'global', 'require', '__dirname', '__filename'],
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, { target: './src', from: './emulator' }] }],
    },
  },
  {
    // Component tests may use the emulator itself as their Graph backend; tests and their helpers
    // are never bundled.
    files: ['src/**/*.emulator.test.tsx', 'src/**/*.emulator.fixture.tsx', 'src/testing/emulator-graph.tsx'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    // No module may reach itself through its imports, type-only imports included (import-x/no-cycle
    // skips those, and has no option to count them).
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { local: localRules },
    rules: { 'local/no-import-cycle': 'error' },
  },
  {
    files: ['emulator/**/*.ts', 'scripts/**/*.{ts,js}', 'bench/**/*.ts', 'e2e/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['e2e/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: { ...playwright.configs['flat/recommended'].rules, 'playwright/no-skipped-test': 'error', 'playwright/no-focused-test': 'error' },
  },
);
