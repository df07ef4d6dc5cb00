import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Runs e2e-server.ts (a real sync server on PGlite memory with the demo data) in a child process on a
 * free loopback port. Used by the Playwright globalSetup and by the benchmarks that need a server.
 */
export interface E2eServer {
  url: string;
  /** The file whose `offsetMs` moves the server's clock (support/server-clock.ts). */
  clockFile: string;
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');

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

export async function startE2eServer(): Promise<E2eServer> {
  const port = await freePort();
  const clockFile = join(ROOT, 'test-results', `e2e-clock-${port}.json`);
  mkdirSync(dirname(clockFile), { recursive: true });
  writeFileSync(clockFile, JSON.stringify({ offsetMs: 0 }));
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'e2e-server.ts')], {
    cwd: ROOT,
    // DEV_SMS=1: the operator's switch for the dev SMS endpoint the specs read codes from (sms-inbox.ts).
    env: { ...process.env, E2E_PORT: String(port), E2E_CLOCK_FILE: clockFile, DEV_SMS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child, 180_000);
  // Keep draining the server's output so its pipe never fills and blocks it.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url,
    clockFile,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(t);
          ok();
        });
        child.kill('SIGTERM');
      }),
  };
}
