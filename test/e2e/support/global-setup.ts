import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(
      () => fail(new Error(`the e2e server did not start in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ORYN_E2E_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the e2e server exited with ${code}:\n${out}`));
    });
  });
}

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  for (const app of APPS) buildIfStale(app);
  if (process.env.ORYN_E2E_URL) return undefined;
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'e2e-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, E2E_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child, 180_000);
  // Keep draining the server's output so its pipe never fills and blocks it.
  child.stdout?.resume();
  child.stderr?.resume();
  process.env.ORYN_E2E_URL = url;
  console.log(`[e2e] sync server at ${url}`);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((ok) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        ok(undefined);
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(t);
        ok(undefined);
      });
    });
  };
}
