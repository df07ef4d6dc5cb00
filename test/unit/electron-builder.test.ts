import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// electron-builder's own loader and JSON-schema validator (app-builder-lib ships with electron-builder):
// the configuration is checked the way `npm run dist` will read it, without packaging (that needs
// Electron's binary, which cannot be downloaded here).
// biome-ignore lint/suspicious/noExplicitAny: plain YAML, its shape checked by electron-builder's own schema below
type LoadedConfig = Record<string, any>;
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (dir: string, path: string | null, fromOptions: null) => Promise<LoadedConfig>;
  validateConfiguration: (config: LoadedConfig, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = join(import.meta.dirname, '..', '..');
let config: LoadedConfig;
beforeAll(async () => {
  config = await getConfig(root, join(root, 'electron-builder.yml'), null);
});

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app: appId, product name, the bundled main entry', () => {
    expect(config.appId).toBe('kz.oryn.staff');
    expect(config.productName).toBe('Oryn');
    expect(config.extraMetadata.main).toBe('dist/main/main.js');
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).main).toBe('dist/main/main.js');
  });

  it('builds a Windows NSIS installer and a portable exe, and a Linux AppImage for smoke tests', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage']);
  });

  it('installs per user into a folder the staff member may choose, with desktop and Start-menu shortcuts', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
    });
  });

  it('speaks Kazakh, Russian and English in the installer, Kazakh by default', () => {
    expect(config.nsis.installerLanguages).toEqual(['kk_KZ', 'ru_RU', 'en_US']);
    expect(config.nsis.multiLanguageInstaller).toBe(true);
    expect(config.nsis.language).toBe('1087');
  });

  it('names every artifact with product, version and architecture', () => {
    for (const name of [config.nsis.artifactName, config.portable.artifactName, config.linux.artifactName]) {
      expect(name).toMatch(/^\$\{productName\}-.*\$\{version\}.*\$\{arch\}\.\$\{ext\}$/);
    }
    expect(new Set([config.nsis.artifactName, config.portable.artifactName]).size).toBe(2);
  });

  it('ships the icons it points to: a 256×256 ICO for Windows and a PNG for Linux and the window', () => {
    const ico = readFileSync(join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    expect(ico[6]).toBe(0); // 0 means 256 px wide
    const png = readFileSync(join(root, config.linux.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(256);
    expect(existsSync(join(root, config.nsis.installerIcon))).toBe(true);
  });

  it('packs the bundled main process and the staff renderer, and no node_modules', () => {
    // The loader normalises `files` into [{ filter: [...] }].
    const patterns: string[] = config.files.flatMap((f: string | { filter: string[] }) =>
      typeof f === 'string' ? [f] : f.filter,
    );
    expect(patterns).toEqual(
      expect.arrayContaining(['dist/main/**/*', 'dist/renderer/staff/**/*', '!node_modules/**/*']),
    );
    expect(patterns.some((f) => f.includes('sync-server') || f.includes('renderer/parent'))).toBe(false);
  });

  it('writes the installers under dist/ (ignored by git), never into the source tree', () => {
    expect(config.directories.output).toBe('dist/release');
  });
});
