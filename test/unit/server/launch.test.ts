import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureServerBuild, isServerBuildStale } from '../../../sync-server/launch.mjs';

// sync-server/launch.mjs: `npm start` runs the server from a bundle built once (issue 16, item 6).

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

describe('the server bundle (launch.mjs)', () => {
  // A small project of the same shape: sync-server/cli.ts exporting runCli, a module of src/ it imports.
  const root = mkdtempSync(join(tmpdir(), 'oryn-launch-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'sync-server'));
  mkdirSync(join(root, 'src', 'pdf'), { recursive: true });
  writeFileSync(join(root, 'src', 'pdf', 'font.txt'), 'the font');
  writeFileSync(
    join(root, 'src', 'pdf', 'fonts.ts'),
    `import { readFileSync } from 'node:fs';
     export const fontsDir: string = import.meta.dirname;
     export const font = () => readFileSync(new URL('./font.txt', import.meta.url), 'utf8');`,
  );
  writeFileSync(
    join(root, 'sync-server', 'cli.ts'),
    `import { font, fontsDir } from '../src/pdf/fonts';
     export const places = () => ({ dirname: import.meta.dirname, filename: import.meta.filename, fontsDir, font: font() });`,
  );
  const bundle = join(root, 'dist', 'server', 'cli.mjs');

  it('keeps import.meta of each source where the source is, not where the bundle is', async () => {
    const first = await ensureServerBuild({ root, bundle });
    expect(first.built).toBe(true);
    const { places } = await import(pathToFileURL(bundle).href);
    expect(places()).toEqual({
      dirname: join(root, 'sync-server'),
      filename: join(root, 'sync-server', 'cli.ts'),
      fontsDir: join(root, 'src', 'pdf'),
      font: 'the font',
    });
  });

  it('is rebuilt only when a source changed since it was built', async () => {
    expect(isServerBuildStale(root, bundle)).toBe(false);
    expect((await ensureServerBuild({ root, bundle })).built).toBe(false);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'pdf', 'fonts.ts'), later, later);
    expect(isServerBuildStale(root, bundle)).toBe(true);
    expect((await ensureServerBuild({ root, bundle })).built).toBe(true);
    expect(isServerBuildStale(root, bundle)).toBe(false);
  });

  it('runs the real command line from the bundle, with bare node', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'sync-server', 'launch.mjs'), '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: oryn/);
    expect(run.stdout).toMatch(/serve\s/);
    expect(run.stdout).toMatch(/seed\s/);
  });
});
