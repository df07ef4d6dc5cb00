import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The direction of imports is one-way (architecture.md): src/ imports nothing from main/, renderer/
// or sync-server/; src/domain imports nothing that does I/O. A type-only import is allowed inside src.
const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports at run time (type-only imports excluded). */
function runtimeImports(source: string): string[] {
  const specs: string[] = [];
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) {
    if (m[2]) continue;
    const spec = m[3] ?? m[4] ?? m[5];
    if (spec) specs.push(spec);
  }
  return specs;
}

const IO_MODULES =
  /^(node:|fs$|path$|http$|https$|net$|child_process$|os$|rxdb|rxjs|react|electron|pg$|@electric-sql|express|pdfkit|i18next|pino|argon2)/;

function violations(dir: string, allowed: (spec: string, file: string) => string | null): string[] {
  return sourceFiles(join(root, dir)).flatMap((file) =>
    runtimeImports(readFileSync(file, 'utf8'))
      .map((spec) => allowed(spec, file))
      .filter((v): v is string => v !== null)
      .map((v) => `${relative(root, file)}: ${v}`),
  );
}

describe('layering', () => {
  it('finds imports, and ignores type-only ones', () => {
    const src = `import { a } from 'x';\nimport type { B } from 'y';\nexport * from './z';\nconst m = await import('w');\nimport 'side';`;
    expect(runtimeImports(src)).toEqual(['x', './z', 'w', 'side']);
  });

  it('src/ imports nothing from main/, renderer/ or sync-server/', () => {
    const bad = violations('src', (spec, file) => {
      if (!spec.startsWith('.')) return null;
      const target = relative(root, join(file, '..', spec));
      return /^(main|renderer|sync-server|test)(\/|$)/.test(target)
        ? `imports ${spec}; src/ may import only from src/ and packages`
        : null;
    });
    expect(bad).toEqual([]);
  });

  it('src/domain imports no module that does I/O, and nothing outside src/domain', () => {
    const bad = violations('src/domain', (spec, file) => {
      if (spec.startsWith('.')) {
        const target = relative(root, join(file, '..', spec));
        return target.startsWith('src/domain')
          ? null
          : `imports ${spec}; src/domain may import only src/domain at run time`;
      }
      return IO_MODULES.test(spec) ? `imports ${spec}; src/domain must stay pure (no I/O)` : null;
    });
    expect(bad).toEqual([]);
  });
});
