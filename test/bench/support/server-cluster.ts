import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ensureServerBuild } from '../../../sync-server/launch.mjs';
import { freePort, type PostgresServer, startPostgres } from '../../integration/storage/postgres-server';

/**
 * What a benchmark of whole server processes needs around it: one throw-away PostgreSQL with a database
 * per scenario (seeded once with the CLI, then copied with CREATE DATABASE … TEMPLATE, which takes a
 * fraction of a second), real `sync-server/cli.ts serve` processes on loopback ports, and a cleanup
 * that stops every one of them even when the benchmark crashes or is interrupted.
 */

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist');
const CLI = join(ROOT, 'sync-server', 'cli.ts');
const LAUNCH = join(ROOT, 'sync-server', 'launch.mjs');

/**
 * How a server process is started: `built` as `npm start` and deployments do (sync-server/launch.mjs:
 * the server bundled once with esbuild), `tsx` compiling the TypeScript on start (as before, for
 * comparison).
 */
export type ServerVia = 'built' | 'tsx';
const serverArgs = (via: ServerVia, ...args: string[]) =>
  via === 'built' ? [LAUNCH, ...args] : tsxNodeArgs(CLI, ...args);

/** Node arguments that run a TypeScript file the way `tsx` does, from any working folder. */
const tsxNodeArgs = (file: string, ...args: string[]) => [
  '--require',
  join(TSX, 'preflight.cjs'),
  '--import',
  pathToFileURL(join(TSX, 'loader.mjs')).href,
  file,
  ...args,
];

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Seconds from spawning the process until /api/health answered. */
  startSeconds: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a power cut would end it. */
  kill(): Promise<void>;
  /** CPU seconds (user + system) the process has used so far; NaN where /proc cannot tell. */
  cpuSeconds(): number;
}

export class BenchCluster {
  private readonly children = new Set<ChildProcess>();
  private readonly folder = mkdtempSync(join(tmpdir(), 'oryn-actions-bench-'));
  private postgres?: PostgresServer;
  private stopped = false;
  private postmaster?: number;

  private constructor(readonly tokenSecret: string) {}

  /** Starts PostgreSQL 15 (fsync on, as production) and arranges for everything to stop on exit. */
  static async start(): Promise<BenchCluster> {
    const cluster = new BenchCluster(`bench-shared-token-secret-${process.pid}-0123456789abcdef`);
    // A crash or ^C must not leave server processes or a PostgreSQL behind.
    process.once('exit', () => cluster.killSync());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void cluster.stop().finally(() => process.exit(130));
      });
    }
    cluster.postgres = await startPostgres({ durable: true });
    // Built once here, so that no server process started below spends its start-up building.
    await ensureServerBuild();
    return cluster;
  }

  /** CPU seconds PostgreSQL has used so far: the postmaster, its exited children and its live ones. */
  async postgresCpuSeconds(): Promise<number> {
    if (this.postmaster === undefined) {
      const client = new pg.Client({ connectionString: this.url('postgres') });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        this.postmaster = Number(procStat(rows[0].pid)?.[1] ?? 0);
      } finally {
        await client.end();
      }
    }
    return processTreeCpuSeconds(this.postmaster);
  }

  /** The URL of one database of this cluster. */
  url(database: string): string {
    if (!this.postgres) throw new Error('PostgreSQL is not running');
    return this.postgres.url.replace(/\/[^/]*$/, `/${database}`);
  }

  /** Runs SQL as the superuser on the maintenance database (CREATE/DROP DATABASE). */
  async admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  /** An empty database, or a copy of `template` (which must have no open connections). */
  async createDatabase(name: string, template?: string): Promise<string> {
    await this.admin(`DROP DATABASE IF EXISTS "${name}"`);
    await this.admin(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
    return this.url(name);
  }

  async dropDatabase(name: string): Promise<void> {
    await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }

  /** `cli.ts seed --demo --applications n` into an empty database, as an operator would; returns seconds. */
  seedDemo(database: string, applications: number): number {
    const start = performance.now();
    const run = spawnSync(
      process.execPath,
      serverArgs('built', 'seed', '--demo', '--applications', String(applications)),
      {
        cwd: this.folder,
        env: this.serverEnv(database),
        encoding: 'utf8',
        timeout: 15 * 60_000,
      },
    );
    if (run.status !== 0) {
      throw new Error(
        `seed --demo failed (${run.status ?? run.signal}): ${(run.stderr || run.stdout).slice(-2000)}`,
      );
    }
    return (performance.now() - start) / 1000;
  }

  /** `cli.ts seed --region n` into an empty database (issue 16); returns seconds. */
  seedRegion(database: string, applications: number): number {
    const start = performance.now();
    const run = spawnSync(process.execPath, serverArgs('built', 'seed', '--region', String(applications)), {
      cwd: this.folder,
      env: this.serverEnv(database),
      encoding: 'utf8',
      timeout: 30 * 60_000,
    });
    if (run.status !== 0) {
      throw new Error(
        `seed --region failed (${run.status ?? run.signal}): ${(run.stderr || run.stdout).slice(-2000)}`,
      );
    }
    return (performance.now() - start) / 1000;
  }

  private serverEnv(database: string, port?: number): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: this.url(database),
      TOKEN_SECRET: this.tokenSecret,
      HOST: '127.0.0.1',
      ...(port ? { PORT: String(port) } : {}),
      DATA_DIR: join(this.folder, 'data'),
      LOG_LEVEL: 'warn',
    };
  }

  /** `cli.ts serve` on a free loopback port; resolves once GET /api/health answers 200. */
  async startServer(
    database: string,
    name: string,
    port?: number,
    extraEnv: NodeJS.ProcessEnv = {},
    via: ServerVia = 'built',
  ): Promise<ServerProcess> {
    port ??= await freePort();
    const spawned = performance.now();
    const logFile = join(this.folder, `${name}.log`);
    const log = createWriteStream(logFile);
    // BENCH_SERVER_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: profiles written when a server stops.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, ...serverArgs(via, 'serve')], {
      cwd: this.folder,
      env: { ...this.serverEnv(database, port), ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    let exited: string | undefined;
    const exit = new Promise<void>((done) =>
      child.once('exit', (code, signal) => {
        exited = `${code ?? signal}`;
        this.children.delete(child);
        done();
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (exited !== undefined)
        throw new Error(`${name} exited (${exited}) before listening:\n${tail(logFile)}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${name} did not answer /api/health within 180 s:\n${tail(logFile)}`);
      }
      const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      // Often enough that the start-up figure is not rounded up by the polling (region.bench.ts).
      await sleep(25);
    }
    return {
      url,
      port,
      pid: child.pid ?? 0,
      startSeconds: (performance.now() - spawned) / 1000,
      cpuSeconds: () => cpuSecondsOf(child.pid),
      kill: async () => {
        if (exited !== undefined) return;
        child.kill('SIGKILL');
        await exit;
      },
      stop: async () => {
        if (exited !== undefined) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exit;
        clearTimeout(timer);
      },
    };
  }

  /**
   * The floor of a start-up: a bare Node process with an HTTP server answering 200, spawned and polled
   * exactly as startServer does its server; seconds from spawning to the first 200.
   */
  async floorStartSeconds(): Promise<number> {
    const port = await freePort();
    const spawned = performance.now();
    const child = spawn(
      process.execPath,
      ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`],
      { stdio: 'ignore' },
    );
    this.children.add(child);
    try {
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(25)) {
        const ok = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) return (performance.now() - spawned) / 1000;
      }
      throw new Error('the bare HTTP server did not answer within 60 s');
    } finally {
      child.kill('SIGKILL');
      this.children.delete(child);
    }
  }

  /** The last lines a server process logged (for a failure message). */
  logOf(name: string): string {
    return tail(join(this.folder, `${name}.log`));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
    this.stopped = true;
    await this.postgres?.stop().catch((error) => console.error('stopping PostgreSQL:', error));
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** Kills the server processes still running (also from the 'exit' handler, which cannot wait). */
  private killSync(): void {
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
    // PostgresServer.stop runs pg_ctl synchronously, so this works even inside an 'exit' handler.
    if (!this.stopped) void this.postgres?.stop().catch(() => undefined);
  }
}

/** The fields of /proc/<pid>/stat after the command (state, ppid, …), or undefined once it is gone. */
function procStat(pid: number | undefined): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime of /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  const fields = procStat(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : Number.NaN;
}

/**
 * CPU seconds of a process, of its children that exited (cutime + cstime, once reaped) and of those
 * still running: PostgreSQL's backends, nginx's worker.
 */
export function processTreeCpuSeconds(root: number): number {
  const fields = procStat(root);
  if (!fields) return Number.NaN;
  let total = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${root}/task/${root}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {}
  for (const child of children) {
    const cpu = cpuSecondsOf(child);
    if (Number.isFinite(cpu)) total += cpu;
  }
  return total;
}

/** Busy CPU seconds of the whole machine so far (every core, every process: /proc/stat). */
export function machineCpuSeconds(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const ticks = cpu.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  const busy = ticks.slice(0, 8).reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0);
  return busy / 100;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
