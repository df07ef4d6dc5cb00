import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer table (docs/architecture.md, Layers). Imports run one way: everything may import src/, and
// src/ nothing of ours outside it; main/ (the Electron shell), the sync server and each renderer app
// import src/ and themselves, never one another; the renderer apps share only renderer/ui. Types cross
// a layer as much as code does (a server type in a client is a contract nobody checks), so the table
// counts type-only imports too; only src/domain's "no I/O" rule is about what runs.
const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

interface Import {
  spec: string;
  typeOnly: boolean;
}

/** Every module specifier a file imports or re-exports, static or dynamic, and whether it is type-only. */
function imports(source: string): Import[] {
  const found: Import[] = [];
  const re =
    /(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) {
    const spec = m[2] ?? m[3] ?? m[4];
    if (spec)
      found.push({
        spec,
        typeOnly: Boolean(m[1]) || (m[3] !== undefined && isTypePosition(source, m.index)),
      });
  }
  return found;
}

/** `import('x').T` after a colon, `as`, `typeof`, `<`, `|` or `&` is a type, not a module loaded at run time. */
function isTypePosition(source: string, at: number): boolean {
  return /(:|\bas|\btypeof|<|\||&)\s*$/.test(source.slice(Math.max(0, at - 12), at));
}

/** Which layer a repository path belongs to: src, main, sync-server, renderer/<app>, renderer/ui, test, or the root. */
function layerOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'renderer') return `renderer/${parts[1]}`;
  return parts.length === 1 ? '.' : parts[0];
}

const RENDERER_APPS = ['renderer/parent', 'renderer/staff', 'renderer/supervisor'];

/** Which layers each layer may import (itself always); `package.json` at the root is metadata anyone may read. */
const MAY_IMPORT: Record<string, string[]> = {
  src: [],
  main: ['src'],
  'sync-server': ['src'],
  'renderer/ui': ['src'],
  ...Object.fromEntries(RENDERER_APPS.map((app) => [app, ['src', 'renderer/ui']])),
};

/** Packages a layer must not import: Node's built-ins and server libraries stay out of the pages, React out of the server and the shell. */
const FOREIGN_PACKAGES: Record<string, RegExp> = {
  main: /^(react|react-dom|zustand|rxdb|express|pg|@electric-sql)(\/|$)/,
  'sync-server': /^(react|react-dom|zustand|electron|chart\.js)(\/|$)/,
  'renderer/ui': /^(node:|electron$|express$|pg$|@electric-sql|pino$|argon2$|rxdb)/,
  ...Object.fromEntries(
    RENDERER_APPS.map((app) => [
      app,
      /^(node:|electron$|express$|pg$|@electric-sql|pino$|argon2$|multer$|exceljs$)/,
    ]),
  ),
};

/**
 * Crossings that exist today and are to go, each with the step that removes it. The test fails both
 * when a new crossing appears and when one listed here is gone (then delete its line).
 */
const PENDING: string[] = [];

function crossings(): string[] {
  return Object.keys(MAY_IMPORT).flatMap((layer) =>
    sourceFiles(join(root, layer)).flatMap((file) =>
      imports(readFileSync(file, 'utf8')).flatMap(({ spec, typeOnly }) => {
        const from = relative(root, file);
        if (!spec.startsWith('.')) {
          return FOREIGN_PACKAGES[layer]?.test(spec) ? [`${from} → package ${spec}`] : [];
        }
        const target = relative(root, join(file, '..', spec));
        const to = layerOf(target);
        if (to === layer || MAY_IMPORT[layer]!.includes(to) || target === 'package.json') return [];
        return [`${from} → ${target}${typeOnly ? ' (type)' : ''}`];
      }),
    ),
  );
}

describe('layering', () => {
  it('finds imports and re-exports, static and dynamic, and tells type-only ones', () => {
    const src = `import { a } from 'x';\nimport type { B } from 'y';\nexport * from './z';\nexport type { C } from './c';\nconst m = await import('w');\nimport 'side';\nlet t: import('v').T;`;
    expect(imports(src)).toEqual([
      { spec: 'x', typeOnly: false },
      { spec: 'y', typeOnly: true },
      { spec: './z', typeOnly: false },
      { spec: './c', typeOnly: true },
      { spec: 'w', typeOnly: false },
      { spec: 'side', typeOnly: false },
      { spec: 'v', typeOnly: true },
    ]);
  });

  it('places paths in their layers', () => {
    expect(layerOf('renderer/staff/state/index.ts')).toBe('renderer/staff');
    expect(layerOf('renderer/ui/index.ts')).toBe('renderer/ui');
    expect(layerOf('sync-server/supervisor')).toBe('sync-server');
    expect(layerOf('src/host/host-contract.ts')).toBe('src');
    expect(layerOf('package.json')).toBe('.');
  });

  it('follows the layer table: src/ ← everything; main/, the server and each renderer app import only src/ (and the apps renderer/ui), never one another', () => {
    expect(crossings()).toEqual(PENDING);
  });

  it('src/domain imports no module that does I/O, and nothing outside src/domain at run time', () => {
    const IO_MODULES =
      /^(node:|fs$|path$|http$|https$|net$|child_process$|os$|rxdb|rxjs|react|electron|pg$|@electric-sql|express|pdfkit|i18next|pino|argon2)/;
    const bad = sourceFiles(join(root, 'src/domain')).flatMap((file) =>
      imports(readFileSync(file, 'utf8'))
        .filter(({ typeOnly }) => !typeOnly)
        .flatMap(({ spec }) => {
          const from = relative(root, file);
          if (spec.startsWith('.')) {
            const target = relative(root, join(file, '..', spec));
            return target.startsWith('src/domain') ? [] : [`${from}: imports ${spec} at run time`];
          }
          return IO_MODULES.test(spec) ? [`${from}: imports ${spec} (I/O)`] : [];
        }),
    );
    expect(bad).toEqual([]);
  });
});
