import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { AuthError, createUser } from './auth';
import { backupToFile, BackupProblem, restoreFromFile } from './backup';
import { loadSettings, readEnvironment, serverConfigOf, type Settings, SettingsProblem } from './config';
import { collection } from './database';
import { createLogger } from './logging';
import { openRuntime, type Runtime } from './runtime';
import { startScheduler } from './scheduler';
import { DEMO_PARENT_PHONE, DEMO_PASSWORD, type DemoLogins, isSeeded, seedDemo, seedRegion } from './seed';
import { startServer } from './server';
import { storageRequestOf } from './storage-choice';
import { readByIds } from './store';
import { buildStaleRenderers } from './renderer-build';

/**
 * The server's command line (issue 5). `npm start` runs `start`: the server on PGlite in DATA_DIR,
 * created and seeded with the demo district on first run, printing where to go and how to log in.
 */

const ROOT = resolve(import.meta.dirname, '..');

async function open(settings: Settings): Promise<Runtime> {
  return openRuntime({
    storage: storageRequestOf(settings),
    config: serverConfigOf(settings),
    log: createLogger(),
    ...(settings.smsGatewayUrl ? { smsGatewayUrl: settings.smsGatewayUrl } : {}),
  });
}

async function seedWithProgress(
  runtime: Runtime,
  applications: number,
  kind: 'demo' | 'region' = 'demo',
): Promise<DemoLogins> {
  const title = kind === 'demo' ? 'Demo district' : `Region (${applications.toLocaleString('en-US')})`;
  const bar = new SingleBar({
    format: `${title} |{bar}| {percentage}% {stage} {duration}s`,
    hideCursor: true,
  });
  let started = false;
  const seed = kind === 'demo' ? seedDemo : seedRegion;
  const logins = await seed(runtime.ctx, {
    applications,
    onProgress(done, total, stage) {
      if (!started) {
        bar.start(total, 0, { stage });
        started = true;
      }
      bar.update(done, { stage });
    },
  });
  bar.stop();
  return logins;
}

/** The logins a seed made: a few staff, every supervisor, the demo parent (password shared). */
function printLogins(logins: DemoLogins): void {
  const staff = logins.staff;
  const lines = [
    '',
    `Logins (password ${logins.password}):`,
    ...staff.slice(0, 3).map((s) => `  staff      ${s.login.padEnd(22)} ${s.kindergartenId}`),
    ...(staff.length > 3
      ? [`  …          ${staff.length} staff accounts in all: staff-<locality>-NN, one per kindergarten`]
      : []),
    ...logins.supervisors.map((s) => `  supervisor ${s.login.padEnd(22)} ${s.regionId}`),
    `  parent     ${logins.parent.phone}           (КАМЕНОВ ЕРМЕК)`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function printWelcome(runtime: Runtime, url: string, storage: string): Promise<void> {
  const built = (app: string) => existsSync(join(ROOT, 'dist', 'renderer', app, 'index.html'));
  const note = (app: string) => (built(app) ? '' : '   (not built yet: npm run build)');
  const lines = [
    '',
    `Oryn sync server on ${storage} — ${url}`,
    `  Staff app:         ${url}/staff/${note('staff')}`,
    `  Supervisor pages:  ${url}/supervisor/${note('supervisor')}`,
    `  Parents:           ${url}/${note('parent')}`,
    `  Health:            ${url}/api/health`,
    // The address a referral's QR code opens: PUBLIC_URL, which phones must be able to reach.
    `  Check a referral:  ${runtime.ctx.config.publicUrl}/#/verify   (PUBLIC_URL, printed in the referral's QR code)`,
  ];
  const demo = await readByIds(collection(runtime.ctx.db, 'users'), [
    'user:staff-tur-01',
    'user:staff-ary-01',
    'user:supervisor-turkestan',
    'user:supervisor-shymkent',
  ]);
  if (demo.length > 0) {
    lines.push('', `Demo logins (password ${DEMO_PASSWORD}):`);
    for (const u of demo) {
      lines.push(`  ${u.role.padEnd(10)} ${u.login.padEnd(22)} ${u.kindergartenId ?? u.regionId ?? ''}`);
    }
    lines.push(`  parent     ${DEMO_PARENT_PHONE}           (КАМЕНОВ ЕРМЕК)`);
  }
  if (runtime.ctx.config.devSmsEndpoint)
    lines.push(
      '',
      `DEV_SMS=1, no SMS operator: codes are not sent; the last one sent to a phone is at`,
      `  ${url}/api/dev/sms/<phone>   (answers this computer only; DEV_SMS=0 turns it off)`,
    );
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function serve(options: { seedIfEmpty: boolean; buildPages: boolean; demo: boolean }): Promise<void> {
  // `npm start` on a fresh clone: build the web pages first (only those whose sources changed).
  if (options.buildPages) {
    const failed = buildStaleRenderers(ROOT, (line) => process.stdout.write(`${line}\n`));
    if (failed.length > 0) process.stderr.write(`these pages did not build: ${failed.join(', ')}\n`);
  }
  // The demo (`npm start`) shows SMS codes at /api/dev/sms so that new parents can register without an
  // SMS operator; the environment or .env still wins (DEV_SMS=0), and SMS_GATEWAY_URL turns it off.
  const settings = loadSettings(options.demo ? { DEV_SMS: '1', ...readEnvironment() } : readEnvironment());
  const runtime = await open(settings);
  if (options.seedIfEmpty && !(await isSeeded(runtime.ctx.db))) await seedWithProgress(runtime, 5000);
  const server = await startServer(runtime.ctx, {
    port: settings.port,
    host: settings.host,
    storage: runtime.storage.kind,
    trustProxy: settings.trustProxy,
  });
  const scheduler = startScheduler(runtime.ctx);
  await printWelcome(runtime, server.url, runtime.storage.kind);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    runtime.ctx.log.info('shutting down');
    await scheduler.stop();
    await server.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function withRuntime(work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const runtime = await open(loadSettings());
  try {
    await work(runtime);
  } finally {
    await runtime.close();
  }
}

export function buildCli(): Command {
  const program = new Command('oryn').description('Oryn sync server').showHelpAfterError();

  program
    .command('start', { isDefault: true })
    .description('serve; on first run create the database and seed the demo district')
    .action(() => serve({ seedIfEmpty: true, buildPages: true, demo: true }));

  program
    .command('serve')
    .description('serve the existing database')
    .action(() => serve({ seedIfEmpty: false, buildPages: false, demo: false }));

  program
    .command('seed')
    .description('fill an empty database: the demo district, or a region of N applications')
    .option('--demo', 'the demo district (Туркестанская область, 30 kindergartens)')
    .option('--region [n]', 'a region of n applications (default 200000), ~n/400 kindergartens')
    .option('--applications <n>', 'with --demo: how many applications', '5000')
    .action((opts: { demo?: boolean; region?: string | boolean; applications: string }) => {
      if (Boolean(opts.demo) === (opts.region !== undefined)) {
        process.stderr.write('Choose one: seed --demo or seed --region [n].\n');
        process.exitCode = 2;
        return;
      }
      const region = opts.region === true ? 200_000 : Number(opts.region);
      if (opts.region !== undefined && !(Number.isInteger(region) && region >= 1 && region <= 5_000_000)) {
        process.stderr.write('--region takes a whole number of applications from 1 to 5000000.\n');
        process.exitCode = 2;
        return;
      }
      return withRuntime(async (runtime) => {
        if (await isSeeded(runtime.ctx.db)) {
          process.stderr.write('The database already holds a district; nothing seeded.\n');
          process.exitCode = 1;
          return;
        }
        const started = performance.now();
        const logins = opts.demo
          ? await seedWithProgress(runtime, Math.max(1, Number.parseInt(opts.applications, 10) || 5000))
          : await seedWithProgress(runtime, region, 'region');
        process.stdout.write(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
        printLogins(logins);
      });
    });

  program
    .command('user')
    .description('staff and supervisor accounts')
    .command('add')
    .description('add a staff or supervisor account')
    .requiredOption('--login <login>')
    .addOption(
      new Option('--password <password>', '8–40 characters (or ORYN_PASSWORD)')
        .env('ORYN_PASSWORD')
        .makeOptionMandatory(),
    )
    .addOption(new Option('--role <role>').choices(['staff', 'supervisor']).makeOptionMandatory())
    .requiredOption('--name <name>')
    .option('--kindergarten <id>', 'staff: their kindergarten')
    .option('--region <id>', 'supervisor: their region')
    .action(
      (opts: {
        login: string;
        password: string;
        role: 'staff' | 'supervisor';
        name: string;
        kindergarten?: string;
        region?: string;
      }) =>
        withRuntime(async (runtime) => {
          const user = await createUser(runtime.ctx, {
            login: opts.login,
            password: opts.password,
            role: opts.role,
            name: opts.name,
            ...(opts.kindergarten ? { kindergartenId: opts.kindergarten } : {}),
            ...(opts.region ? { regionId: opts.region } : {}),
          });
          process.stdout.write(`Added ${user.role} ${user.login}\n`);
        }),
    );

  program
    .command('backup <file>')
    .description('write every collection to a JSON file (stop the server first)')
    .action((file: string) =>
      withRuntime(async (runtime) => {
        const count = await backupToFile(runtime.ctx.db, resolve(file), runtime.ctx.now());
        process.stdout.write(`Backed up ${count} documents to ${resolve(file)}\n`);
      }),
    );

  program
    .command('restore <file>')
    .description('restore a backup into an empty database (a new DATA_DIR or DATABASE_URL)')
    .action((file: string) =>
      withRuntime(async (runtime) => {
        const count = await restoreFromFile(runtime.ctx.db, resolve(file));
        process.stdout.write(`Restored ${count} documents from ${resolve(file)}\n`);
      }),
    );
  return program;
}

function explain(error: unknown): string {
  if (error instanceof SettingsProblem)
    return `Settings: ${error.problem.code} ${JSON.stringify(error.problem.params)}`;
  if (error instanceof BackupProblem) return `Backup: ${error.code} ${JSON.stringify(error.params)}`;
  if (error instanceof AuthError) return `Account: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Runs the command line: a failure prints its explanation and exits 1 (launch.mjs calls this). */
export async function runCli(argv: string[]): Promise<void> {
  await buildCli()
    .parseAsync(argv)
    .catch((error: unknown) => {
      process.stderr.write(`${explain(error)}\n`);
      process.exit(1);
    });
}

// Run directly (`tsx sync-server/cli.ts …`); `npm start` goes through launch.mjs and the built bundle.
const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) void runCli(process.argv);
