import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../src/i18n';
import { parentTexts as enParent } from '../../src/i18n/en/parentTexts';
import { parentTexts as kkParent } from '../../src/i18n/kk/parentTexts';
import { parentTexts as ruParent } from '../../src/i18n/ru/parentTexts';
import { GROUPS_WITH_FALLBACK, TEXT_ENUMERATIONS } from './i18n-enumerations';

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

// A template key (`common.languages.${l}`) escapes the literal-key check above: its group must be an
// enumeration the i18n tests hold to a text per value (i18n-enumerations.ts), or a lookup with a
// fallback written next to it.
const TEMPLATE_SCANNED = [...SCANNED, 'src'];

/** The static head of every template literal that names a text by its group: `staff.sync.problems.${p}` → 'staff.sync.problems'. */
function templateGroups(source: string): string[] {
  const head = `(?:${Object.keys(resources.en.translation).join('|')})`;
  return [...source.matchAll(new RegExp(`\`(${head}(?:\\.\\w+)*)\\.\\$\\{`, 'g'))].map((m) => m[1]!);
}

describe('i18n keys made from templates', () => {
  it('finds the group of a template key, wherever the template is', () => {
    const src = `t(\`common.languages.\${l}\`); const key = \`staff.sync.problems.\${p}\`; t(\`\${whole}\`); \`plain \${x}\`;`;
    expect(templateGroups(src)).toEqual(['common.languages', 'staff.sync.problems']);
  });

  it('every template key in the code fills a group whose values are enumerated, or falls back', () => {
    const unlisted = TEMPLATE_SCANNED.flatMap((dir) => sourceFiles(join(root, dir))).flatMap((file) =>
      templateGroups(readFileSync(file, 'utf8'))
        .filter((group) => !(group in TEXT_ENUMERATIONS) && !(group in GROUPS_WITH_FALLBACK))
        .map((group) => `${relative(root, file)}: ${group}.\${…}`),
    );
    expect(unlisted).toEqual([]);
  });

  it('each group with a fallback exists in en', () => {
    for (const group of Object.keys(GROUPS_WITH_FALLBACK)) {
      const node = group
        .split('.')
        .reduce<unknown>((n, part) => (n as Record<string, unknown>)?.[part], resources.en.translation);
      expect(typeof node, group).toBe('object');
    }
  });
});

// The parent view fetches only its parentTexts (src/i18n/parentSections.ts): a key it uses from another
// section exists in en, passes the test above, and would show raw on a parent's phone.
const PARENT_SOURCES = [
  join(root, 'renderer', 'parent'),
  join(root, 'renderer', 'ui'),
  join(root, 'src', 'i18n', 'translateError.ts'),
];
const SECTIONS = Object.keys(resources.en.translation);

/**
 * What a source refers to in the texts: every string literal that starts with a section of the texts (in
 * t('…'), t([…]), a form error's { key: '…' }), and the static head of a template key
 * (`common.languages.${l}` → the group 'common.languages').
 */
function textReferences(source: string): { keys: string[]; groups: string[] } {
  const head = `(?:${SECTIONS.join('|')})`;
  const keys = [...source.matchAll(new RegExp(`(['"])(${head}\\.[\\w.]*\\w)\\1`, 'g'))].map((m) => m[2]);
  const groups = [...source.matchAll(new RegExp(`\`(${head}(?:\\.\\w+)*)\\.\\$\\{`, 'g'))].map((m) => m[1]);
  return { keys, groups };
}

function hasGroup(tree: unknown, path: string): boolean {
  let node = tree;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'object' && node !== null;
}

describe('i18n keys the parent view uses', () => {
  it('finds keys in any string literal and groups in the head of template keys', () => {
    const src = `t(['errors.x', 'common.unknownError']); const e = { key: 'parent.form.required' };
      t(\`common.languages.\${l}\`); t(\`errors.\${code}\`); t(\`\${whole}\`); import './parent.css'; 'nothing.here';`;
    expect(textReferences(src)).toEqual({
      keys: ['errors.x', 'common.unknownError', 'parent.form.required'],
      groups: ['common.languages', 'errors'],
    });
  });

  it('every text key and group in renderer/parent, renderer/ui and translateError is in its parentTexts, in kk, ru and en', () => {
    const subsets = { kk: kkParent, ru: ruParent, en: enParent };
    const missing = PARENT_SOURCES.flatMap((path) =>
      statSync(path).isDirectory() ? sourceFiles(path) : [path],
    ).flatMap((file) => {
      const { keys, groups } = textReferences(readFileSync(file, 'utf8'));
      return Object.entries(subsets).flatMap(([lng, subset]) => [
        ...keys.filter((key) => !hasKey(subset, key)).map((key) => `${lng} ${relative(root, file)}: ${key}`),
        ...groups
          .filter((group) => !hasGroup(subset, group))
          .map((group) => `${lng} ${relative(root, file)}: ${group}.*`),
      ]);
    });
    expect(missing).toEqual([]);
  });

  it('a staff key used in the parent view is caught', () => {
    const { keys } = textReferences(`t('staff.sync.online')`);
    expect(keys.filter((key) => !hasKey(enParent, key))).toEqual(['staff.sync.online']);
    expect(hasKey(resources.en.translation, 'staff.sync.online')).toBe(true);
  });
});
