import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import { localRules } from './no-import-cycle.js';

// The rule follows imports on disk, so each case is a small project of real files; the file under
// test is linted from its own text, the files it imports are read by the rule.
const root = mkdtempSync(join(tmpdir(), 'no-import-cycle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sources: Record<string, string> = {
  // Both sides type-only: import-x/no-cycle would not see this one.
  'type-only/a.ts': "import type { B } from './b';\nexport interface A { b: B }\n",
  'type-only/b.ts': "import type { A } from './a';\nexport interface B { a: A }\n",
  // Both sides lazy: a route table and the chunk that imports it back, say.
  'dynamic/routes.ts': "export const loadPage = () => import('./page');\n",
  'dynamic/page.ts': "export const loadRoutes = () => import('./routes');\n",
  // One way only, through every kind of import.
  'acyclic/app.ts': "import { view } from './view';\nexport const start = () => import('./lazy').then(() => view);\n",
  'acyclic/view.ts': "import type { Model } from './model';\nexport const view = (model?: Model) => model;\n",
  'acyclic/lazy.ts': "export * from './model';\n",
  'acyclic/model.ts': 'export interface Model { id: string }\n',
};
for (const [name, text] of Object.entries(sources)) {
  mkdirSync(join(root, name, '..'), { recursive: true });
  writeFileSync(join(root, name), text);
}

const file = (name: string) => join(root, name);
const code = (name: string) => sources[name] ?? '';
/** The chain the rule reports: from the linted file round to itself, relative to the working directory. */
const chain = (...names: string[]) => names.map((name) => relative(process.cwd(), file(name))).join(' -> ');

// RuleTester declares its cases through the test framework's describe and it.
RuleTester.describe = describe;
RuleTester.it = it;

const rule = localRules.rules['no-import-cycle'];
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

tester.run('no-import-cycle', rule, {
  valid: ['acyclic/app.ts', 'acyclic/view.ts', 'acyclic/lazy.ts', 'acyclic/model.ts'].map((name) => ({
    name,
    filename: file(name),
    code: code(name),
  })),
  invalid: [
    {
      name: 'a cycle through type-only imports',
      filename: file('type-only/a.ts'),
      code: code('type-only/a.ts'),
      errors: [{ messageId: 'cycle', data: { chain: chain('type-only/a.ts', 'type-only/b.ts', 'type-only/a.ts') } }],
    },
    {
      name: 'a cycle through dynamic import()',
      filename: file('dynamic/routes.ts'),
      code: code('dynamic/routes.ts'),
      errors: [
        { messageId: 'cycle', data: { chain: chain('dynamic/routes.ts', 'dynamic/page.ts', 'dynamic/routes.ts') } },
      ],
    },
  ],
});
