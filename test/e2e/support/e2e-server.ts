import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerContext } from '../../../sync-server/context';
import { openRuntime } from '../../../sync-server/runtime';
import { startServer } from '../../../sync-server/server';
import { seedE2eDistrict } from './e2e-district';

/**
 * The sync server the E2E specs run against, started by global-setup.ts in its own process: the real
 * server (sync-server/server.ts) on an in-memory PGlite, the console SMS gateway with its dev-only
 * endpoint (GET /api/dev/sms/:phone) so specs can read the code, the demo district when the demo
 * seed is present, and the journey's own kindergarten (e2e-district.ts). Prints ORYN_E2E_URL=… once
 * it listens.
 */
const port = Number(process.env.E2E_PORT ?? 0);
const host = '127.0.0.1';

async function seedDemoIfPresent(ctx: ServerContext): Promise<void> {
  const file = join(import.meta.dirname, '..', '..', '..', 'sync-server', 'seed', 'demo.ts');
  if (!existsSync(file)) return;
  const mod = (await import(file)) as Record<string, unknown>;
  const seed = Object.values(mod).find(
    (v): v is (ctx: ServerContext) => Promise<unknown> => typeof v === 'function' && /seed/i.test(v.name),
  );
  if (seed) await seed(ctx);
}

const runtime = await openRuntime({
  storage: { kind: 'pglite', dataDir: 'memory://' },
  name: 'oryn',
  config: {
    tokenSecret: randomBytes(32).toString('base64url'),
    publicUrl: `http://${host}:${port}`,
    devSmsEndpoint: true,
  },
});
await seedDemoIfPresent(runtime.ctx);
await seedE2eDistrict(runtime.ctx);
const server = await startServer(runtime.ctx, { port, host, storage: runtime.storage.kind });
console.log(`ORYN_E2E_URL=${server.url}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => undefined);
  await runtime.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
