import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Comments cite the rules they follow by repository path — `docs/domain.md, Referrals` — so a reader
// of this repository alone can open them (issue 15, item 5). A cited path must exist, and a bare file
// name (`domain.md`, which once meant a folder outside the repository) is not a citation one can follow.
const root = join(import.meta.dirname, '..', '..');
const SKIPPED = new Set(['node_modules', '.git', 'build', 'dist', 'data', 'coverage', 'test-results']);
const CITING = /\.(ts|tsx|js|mjs|cjs|css|html|sql|sh|ya?ml|md)$/;

function citingFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name) || name.startsWith('playwright-report')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return citingFiles(path);
    return CITING.test(name) ? [path] : [];
  });
}

/** `docs/…` files as cited: a path starting at `docs/` (not inside another, `shared/docs/`), with an extension. */
function citedDocPaths(text: string): string[] {
  return [...text.matchAll(/(?<![\w./-])docs\/[\w./-]*\.[a-z]+\b/g)].map((m) => m[0]);
}

/** The docs named without their folder: `domain.md`, `architecture.md`, `style.md`, `stack.md`, … */
function bareDocNames(text: string): string[] {
  const names = readdirSync(join(root, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .map((n) => n.replace(/[.-]/g, (c) => `\\${c}`));
  const bare = new RegExp(`(?<![\\w./-])(?:${names.join('|')})(?![\\w-])`, 'g');
  return [...text.matchAll(bare)].map((m) => m[0]);
}

// This file's own examples are not citations.
const files = citingFiles(root)
  .map((path) => ({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }))
  .filter((f) => f.path !== 'test/unit/docs-references.test.ts');

describe('citations of the repository’s docs', () => {
  it('finds the citations it checks (the scan itself works)', () => {
    const cited = files.flatMap((f) => citedDocPaths(f.text));
    expect(cited.length).toBeGreaterThan(150);
    expect(new Set(cited)).toContain('docs/domain.md');
  });

  it('cites only paths that exist', () => {
    const missing = files.flatMap((f) =>
      citedDocPaths(f.text)
        .filter((cited) => !existsSync(join(root, cited)))
        .map((cited) => `${f.path}: ${cited}`),
    );
    expect(missing).toEqual([]);
  });

  it('cites a doc by its repository path, never by its bare file name (outside docs/ itself)', () => {
    const bare = files
      .filter((f) => !f.path.startsWith('docs/'))
      .flatMap((f) => bareDocNames(f.text).map((name) => `${f.path}: ${name}`));
    expect(bare).toEqual([]);
  });

  it('tells a citation from a bare name', () => {
    const text =
      '// (docs/domain.md, Referrals) and docs/stack.md. But not domain.md, nor ../shared/docs/style.md';
    expect(citedDocPaths(text)).toEqual(['docs/domain.md', 'docs/stack.md']);
    expect(bareDocNames(text)).toEqual(['domain.md']);
    expect(citedDocPaths('see docs/nowhere.md')).toEqual(['docs/nowhere.md']);
  });
});
