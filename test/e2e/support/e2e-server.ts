import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, watchFile } from 'node:fs';
import { openRuntime } from '../../../sync-server/runtime';
import { seedDemo } from '../../../sync-server/seed';
import { startServer } from '../../../sync-server/server';
import { seedE2eDistrict } from './e2e-district';

/**
 * The sync server the E2E specs run against, started by global-setup.ts in its own process: the real
 * server (sync-server/server.ts) on an in-memory PGlite, the console SMS gateway with its dev-only
 * endpoint (GET /api/dev/sms/:phone, on with DEV_SMS=1) so specs can read the code, the demo district (sync-server/seed,
 * with DEMO_PASSWORD logins), and the journey's own kindergarten (e2e-district.ts). Prints ORYN_E2E_URL=… once
 * it listens.
 */
const port = Number(process.env.E2E_PORT ?? 0);
const host = '127.0.0.1';

/**
 * The server's clock, injected (ServerContext.now): real time plus an offset a spec may set through
 * E2E_CLOCK_FILE (support/server-clock.ts), to reach "the referral's last valid day" without waiting.
 */
let offsetMs = 0;
const clockFile = process.env.E2E_CLOCK_FILE;
function readOffset() {
  let value = 0;
  try {
    if (clockFile && existsSync(clockFile))
      value = Number(JSON.parse(readFileSync(clockFile, 'utf8')).offsetMs);
  } catch {
    // A half-written file: keep the clock as it was until the next change.
    return;
  }
  offsetMs = Number.isFinite(value) ? value : 0;
}
if (clockFile) {
  readOffset();
  watchFile(clockFile, { interval: 50 }, readOffset);
}

const runtime = await openRuntime({
  now: () => new Date(Date.now() + offsetMs),
  storage: { kind: 'pglite', dataDir: 'memory://' },
  name: 'oryn',
  config: {
    tokenSecret: randomBytes(32).toString('base64url'),
    publicUrl: `http://${host}:${port}`,
    // Turned on as an operator does (DEV_SMS=1, set by e2e-server-process.ts); it answers loopback clients
    // only, which the specs' browser and request contexts are.
    devSmsEndpoint: process.env.DEV_SMS === '1',
  },
});
// A smaller queue than `npm start`'s 5000 applications: the same shapes, a quicker start.
await seedDemo(runtime.ctx, { applications: 600 });
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
