import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web pages the server serves are Vite builds in dist/renderer/<app>. `npm start` and the E2E
 * setup build each one whose sources are newer than its build, so a fresh clone needs no separate
 * build step and an edited page is never served stale.
 */
export const RENDERER_APPS = ['parent', 'staff', 'supervisor'] as const;
export type RendererApp = (typeof RENDERER_APPS)[number];

/** Sources every renderer build depends on besides its own folder. */
const SHARED = [
  'renderer/ui',
  'renderer/staff/state',
  'src/host',
  'src/i18n',
  'src/schema',
  'src/domain',
  'vite.config.ts',
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

export function isRendererStale(root: string, app: RendererApp): boolean {
  const src = join(root, 'renderer', app);
  if (!existsSync(join(src, 'index.html'))) return false;
  const built = join(root, 'dist', 'renderer', app, 'index.html');
  const sources = Math.max(newest(src), ...SHARED.map((p) => newest(join(root, p))));
  return !existsSync(built) || statSync(built).mtimeMs < sources;
}

/** Builds the stale renderers one by one; returns the apps whose build failed (their pages stay unserved). */
export function buildStaleRenderers(
  root: string,
  say: (line: string) => void = (line) => console.log(line),
): RendererApp[] {
  const failed: RendererApp[] = [];
  for (const app of RENDERER_APPS) {
    if (!isRendererStale(root, app)) continue;
    say(`building the ${app} pages (vite)…`);
    const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: root,
      env: { ...process.env, ORYN_APP: app },
      stdio: 'inherit',
    });
    if (run.status !== 0) failed.push(app);
  }
  return failed;
}
