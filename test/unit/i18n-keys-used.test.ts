import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../src/i18n';

// Signal Desktop's rule: every literal i18n key used in the code must exist, so a typo or a key
// deleted from the resources fails here instead of showing the raw key to a parent.
const root = join(import.meta.dirname, '..', '..');
const SCANNED = ['renderer', 'sync-server', 'main'];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Literal keys of t('…'), t("…"), i18n.t('…') and <Trans i18nKey="…">. Template literals are skipped. */
function usedKeys(source: string): string[] {
  const calls = [...source.matchAll(/\bt\(\s*(['"])([^'"\n]+)\1/g)].map((m) => m[2]);
  const trans = [...source.matchAll(/\bi18nKey=\{?\s*(['"])([^'"\n]+)\1/g)].map((m) => m[2]);
  return [...calls, ...trans];
}

function hasKey(tree: unknown, key: string): boolean {
  let node = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('i18n keys used in the code', () => {
  it('finds literal keys in t() calls and Trans components, and skips dynamic ones', () => {
    const src = `t('parent.nav.home'); i18n.t("staff.sync.online", { x: 1 }); t(\`errors.\${code}\`);
      <Trans i18nKey="common.yes" />; format('x'); split('t');`;
    expect(usedKeys(src)).toEqual(['parent.nav.home', 'staff.sync.online', 'common.yes']);
  });

  it('tells a leaf text from a missing key or a whole subtree', () => {
    const en = resources.en.translation;
    expect(hasKey(en, 'common.actions.save')).toBe(true);
    expect(hasKey(en, 'common.actions.saev')).toBe(false);
    expect(hasKey(en, 'common.actions')).toBe(false);
  });

  it('every literal key in renderer/, sync-server/ and main/ exists in en', () => {
    const missing = SCANNED.flatMap((dir) => sourceFiles(join(root, dir))).flatMap((file) =>
      usedKeys(readFileSync(file, 'utf8'))
        .filter((key) => !hasKey(resources.en.translation, key))
        .map((key) => `${relative(root, file)}: ${key}`),
    );
    expect(missing).toEqual([]);
  });
});
