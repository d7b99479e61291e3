import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * `no-import-cycle`: no module may reach itself through its imports, counting every kind of
 * import: values, `import type` and `export type … from`, `export … from`, side-effect imports and
 * `import()`. import-x/no-cycle skips type-only imports by design (they vanish at run time), but a
 * type-only cycle still ties two modules together: neither can be understood, moved or split
 * without the other, which is what this rule is for.
 *
 * Only relative specifiers are followed (the project has no path aliases); packages never point
 * back into the project.
 */

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Resolves a relative specifier as the bundler resolution does: as given, with an extension, or an index file. */
function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  // TypeScript's ESM style names the emitted file: './x.js' may be './x.ts' on disk.
  if (/\.[cm]?jsx?$/.test(base)) candidates.push(...['.ts', '.tsx'].map((ext) => base.replace(/\.[cm]?jsx?$/, ext)));
  return candidates.find(isFile);
}

/** Imports of a file, resolved; cached per file and modification time. */
const edgesCache = new Map();

function edgesOf(file) {
  let mtime = 0;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = edgesCache.get(file);
  if (cached && cached.mtime === mtime) return cached.edges;
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const edges = [];
  for (const imported of info.importedFiles) {
    const target = resolveSpecifier(file, imported.fileName);
    if (target && !edges.includes(target)) edges.push(target);
  }
  edgesCache.set(file, { mtime, edges });
  return edges;
}

/** The shortest chain of imports from `start` back to `goal`, or undefined. */
function pathBack(start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const next of edgesOf(current)) {
      if (next === goal) {
        const chain = [current];
        for (let p = previous.get(current); p; p = previous.get(p)) chain.unshift(p);
        return chain;
      }
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!isFile(file)) return {};
    const root = context.cwd;
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const target = resolveSpecifier(file, source.value);
      if (!target) return;
      const chain = target === file ? [] : pathBack(target, file);
      if (!chain) return;
      const names = [file, ...chain, file].map((p) => relative(root, p));
      context.report({ node, messageId: 'cycle', data: { chain: names.join(' -> ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};

export const localRules = { rules: { 'no-import-cycle': rule } };
