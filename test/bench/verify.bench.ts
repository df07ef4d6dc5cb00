// Issue 17: "answers take the same time for real and unknown codes". Measures GET /api/verify/:code
// over HTTP on loopback against the parents' API on PGlite (the default storage; the lookup is one
// expression-index query) with REFERRALS referrals stored: real codes, unknown codes of the right
// shape, and text that cannot be a code, interleaved request by request so that the machine's noise
// falls on all three alike. Prints p50 and p90 of each and the ratios unknown/real and
// malformed/real; a ratio far from 1.00 would tell an attacker which codes exist.
// `npm run bench -- verify`; VERIFY_REFERRALS / VERIFY_ROUNDS scale it.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { verificationCode } from '../../src/domain';
import type { Referral } from '../../src/schema';
import { createApi } from '../../sync-server/api';
import { collection } from '../../sync-server/database';
import { writeDocs } from '../../sync-server/store';
import { GROUP, KG, seedCatalogue } from '../integration/api/harness';
import { createTestContext } from '../support/test-context';

const REFERRALS = Number(process.env.VERIFY_REFERRALS ?? 2_000);
const ROUNDS = Number(process.env.VERIFY_ROUNDS ?? 300);

function referral(i: number): Referral {
  const id = `ref_bench-${i}`;
  return {
    id,
    applicationId: `app-${i}`,
    bulletinId: 'bul-1',
    responseId: `resp-${i}`,
    kindergartenId: KG,
    groupId: GROUP,
    childIin: '170720600126',
    childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
    parentId: `parent-${i}`,
    activatedAt: '2026-03-19T10:00:00+05:00',
    activatedBy: 'user:staff',
    validUntil: '2026-03-31',
    status: (['active', 'enrolled', 'expired', 'annulled'] as const)[i % 4]!,
    verificationCode: verificationCode(`bench-${i}`),
    updatedAt: 1,
  };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function main() {
  const ctx = await createTestContext('2026-03-20T10:00:00+05:00', {}, 'pglite');
  await seedCatalogue(ctx);
  const docs = Array.from({ length: REFERRALS }, (_, i) => referral(i));
  for (let i = 0; i < docs.length; i += 500)
    await writeDocs(collection(ctx.db, 'referrals'), docs.slice(i, i + 500));
  const app = express();
  // The limit is what is not measured here (integration tests hold it): room for every request.
  app.use(
    '/api',
    createApi(ctx, { limits: { verifyPerAddress: { capacity: 10 * ROUNDS, refillEveryMs: 1 } } }),
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/verify/`;

  const kinds = {
    real: (i: number) => docs[(i * 7919) % docs.length]!.verificationCode,
    unknown: (i: number) => verificationCode(`never-issued-${i}`),
    malformed: (i: number) => `not-a-code-${i}`,
  };
  const times: Record<keyof typeof kinds, number[]> = { real: [], unknown: [], malformed: [] };
  const ask = async (kind: keyof typeof kinds, i: number, keep: boolean) => {
    const t0 = performance.now();
    const res = await fetch(base + encodeURIComponent(kinds[kind](i)));
    await res.arrayBuffer();
    const elapsed = performance.now() - t0;
    if ((kind === 'real') !== (res.status === 200)) throw new Error(`${kind}: status ${res.status}`);
    if (keep) times[kind].push(elapsed);
  };
  for (let i = 0; i < 30; i++)
    for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) await ask(kind, i, false);
  for (let i = 0; i < ROUNDS; i++) {
    // A different order each round: none of the three always follows another.
    const order = (Object.keys(kinds) as (keyof typeof kinds)[]).sort(() => Math.random() - 0.5);
    for (const kind of order) await ask(kind, i, true);
  }
  server.close();
  await ctx.close();

  const p50 = (k: keyof typeof kinds) => percentile(times[k], 50);
  const p90 = (k: keyof typeof kinds) => percentile(times[k], 90);
  console.log(
    `GET /api/verify/:code, PGlite, ${REFERRALS} referrals, ${ROUNDS} rounds of each kind, interleaved`,
  );
  for (const k of Object.keys(kinds) as (keyof typeof kinds)[]) {
    console.log(`  ${k.padEnd(10)} p50 ${p50(k).toFixed(2)} ms   p90 ${p90(k).toFixed(2)} ms`);
  }
  console.log(
    `  ratio p50 unknown/real ${(p50('unknown') / p50('real')).toFixed(2)}×, malformed/real ${(p50('malformed') / p50('real')).toFixed(2)}×; p90 unknown/real ${(p90('unknown') / p90('real')).toFixed(2)}×`,
  );
}

await main();
