import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startE2eServer } from './e2e-server-process';

/**
 * Before any spec: build each renderer whose sources are newer than its build, then start a real sync
 * server (test/e2e/support/e2e-server.ts: PGlite in memory, demo data) on a free 127.0.0.1 port in a
 * child process, and hand its URL to the specs as ORYN_E2E_URL. Set ORYN_E2E_URL yourself to run the
 * specs against a server you started.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const APPS = ['parent', 'staff', 'supervisor'] as const;
/** Sources every renderer build depends on besides its own folder. */
const SHARED = ['renderer/ui', 'renderer/state', 'src/i18n', 'src/schema', 'src/domain', 'vite.config.ts'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

function buildIfStale(app: (typeof APPS)[number]): void {
  const src = join(ROOT, 'renderer', app);
  if (!existsSync(join(src, 'index.html'))) return;
  const built = join(ROOT, 'dist', 'renderer', app, 'index.html');
  const sources = Math.max(newest(src), ...SHARED.map((p) => newest(join(ROOT, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log(`[e2e] building the ${app} renderer`);
  const run = spawnSync('npx', ['vite', 'build'], {
    cwd: ROOT,
    env: { ...process.env, ORYN_APP: app },
    stdio: 'inherit',
  });
  // One app's broken build must not stop the other apps' specs: its own specs fail on their own.
  if (run.status !== 0) console.warn(`[e2e] the ${app} renderer did not build; its specs will fail`);
}

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  for (const app of APPS) buildIfStale(app);
  if (process.env.ORYN_E2E_URL) return undefined;
  const server = await startE2eServer();
  process.env.ORYN_E2E_URL = server.url;
  process.env.ORYN_E2E_CLOCK_FILE = server.clockFile;
  console.log(`[e2e] sync server at ${server.url}`);
  return server.stop;
}
