import { randomBytes } from 'node:crypto';
import { openRuntime } from '../../sync-server/runtime';
import { startServer } from '../../sync-server/server';
import { activationEndingToday, seedStaffScenario, seedStaffVolume } from './staff-scenario';

/**
 * A real sync server for the staff specs (started by staff-fixture.ts in its own process): in-memory
 * PGlite, the staff scenario, the built renderer at /staff/. Prints STAFF_E2E_URL=… once it listens.
 */
// The journey needs a referral on its last valid day "today", which no weekend or holiday has: then the
// server's clock (and the browsers', staff-fixture.ts) goes back to the latest day that has one, so the
// specs run whatever the calendar says. STAFF_E2E_SHIFT_DAYS forces a shift (to check this path).
const DAY = 86_400_000;
let clockOffsetMs = Number(process.env.STAFF_E2E_SHIFT_DAYS ?? 0) * DAY;
while (activationEndingToday(Date.now() + clockOffsetMs) === null && clockOffsetMs > -14 * DAY)
  clockOffsetMs -= DAY;
const runtime = await openRuntime({
  now: () => new Date(Date.now() + clockOffsetMs),
  storage: { kind: 'pglite', dataDir: 'memory://' },
  name: 'oryn',
  config: { tokenSecret: randomBytes(32).toString('base64url'), publicUrl: 'http://127.0.0.1' },
});
const seeded = await seedStaffScenario(runtime.ctx);
// The cold-start benchmark asks for a replica of a given size (test/bench/staff-cold-start.bench.ts).
const volume = Number(process.env.STAFF_VOLUME_DOCS ?? 0);
if (volume > 0) console.log(`STAFF_VOLUME=${await seedStaffVolume(runtime.ctx, volume)}`);
const server = await startServer(runtime.ctx, { port: 0, host: '127.0.0.1', storage: runtime.storage.kind });
console.log(
  `STAFF_E2E_URL=${server.url} LAST_DAY_REFERRAL=${seeded.lastDayReferral} CLOCK_OFFSET_MS=${clockOffsetMs}`,
);

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
