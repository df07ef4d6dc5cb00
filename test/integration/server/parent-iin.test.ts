import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../../src/domain';
import { processAction } from '../../../sync-server/actions';
import { refuseUnbindableIin } from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import { parentsByIin } from '../../../sync-server/parent-iin';
import type { Runtime } from '../../../sync-server/runtime';
import type { Parent } from '../../../sync-server/schema/parents';
import { seedRegion } from '../../../sync-server/seed';
import { postgresInstanceOf } from '../../../sync-server/server-sql';
import type { SqlParam } from '../../../sync-server/storage';
import { readAll, readOne } from '../../../sync-server/store';
import { actionOf, loginAs, startTestRuntime } from './harness';

/**
 * A parent's IIN is found through the server's expression index on the parents' table (PGlite), not a
 * walk of every account: the IIN-binding check and the state of a supervisor's `parent.releaseIin`
 * answer what the plain query over the parents answered — held, not held, freed — and the statement
 * they run is planned on the index.
 */
describe('parents by IIN (pglite)', () => {
  let runtime: Runtime;
  let parents: Parent[];
  beforeAll(async () => {
    ({ runtime } = await startTestRuntime());
    await seedRegion(runtime.ctx, { applications: 600 });
    parents = await readAll(collection(runtime.ctx.db, 'parents'), {});
  }, 120_000);
  afterAll(async () => {
    await runtime.close();
  });

  /** What rxdb's own query over the parents answers (the lookup before the index), as ids. */
  const plainQuery = async (iin: string) =>
    (await readAll(collection(runtime.ctx.db, 'parents'), { iin })).map((p) => p.id).sort();
  const lookup = async (iin: string) => (await parentsByIin(runtime.ctx.db, iin)).map((p) => p.id).sort();

  /** Counts the walks of the parents' storage (rxdb queries) while `run` runs. */
  async function parentWalks(run: () => Promise<unknown>): Promise<number> {
    const storage = collection(runtime.ctx.db, 'parents').storageInstance;
    const query = storage.query;
    let walks = 0;
    storage.query = (prepared) => {
      walks++;
      return query.call(storage, prepared);
    };
    try {
      await run();
    } finally {
      storage.query = query;
    }
    return walks;
  }

  it('answers held and not-held IINs as the plain query, and binding refuses a held one', async () => {
    const held = parents.filter((p) => p.iin);
    expect(held.length).toBeGreaterThan(100);
    for (const p of held.filter((_, i) => i % 25 === 0)) {
      expect(await lookup(p.iin!)).toEqual(await plainQuery(p.iin!));
      expect(await lookup(p.iin!)).toEqual([p.id]);
    }
    const nobodys = makeIin({ birthDate: '1979-03-02', sex: 'male', serial: 9876 })!;
    expect(parents.some((p) => p.iin === nobodys)).toBe(false);
    expect(await lookup(nobodys)).toEqual([]);
    expect(await plainQuery(nobodys)).toEqual([]);

    const [holder, other] = held;
    const ctx = runtime.ctx;
    expect(await parentWalks(() => refuseUnbindableIin(ctx, holder.iin!, holder.id))).toBe(0);
    await expect(refuseUnbindableIin(ctx, holder.iin!, other.id)).rejects.toMatchObject({
      status: 409,
      code: 'iinTaken',
    });
    await expect(refuseUnbindableIin(ctx, nobodys, other.id)).resolves.toBeUndefined();
  });

  it('frees an IIN through parent.releaseIin, reading its holder from the index', async () => {
    const holder = parents.find((p) => p.iin)!;
    const iin = holder.iin!;
    const sv = await loginAs(runtime, { login: 'sv-iin', role: 'supervisor', regionId: 'turkestan' });
    const release = actionOf(
      {
        kind: 'parent.releaseIin',
        actor: sv.userId,
        actorRole: 'supervisor',
        kindergartenId: 'region:turkestan',
        payload: { regionId: 'turkestan', iin, reason: 'Владелец предъявил удостоверение личности' },
      },
      runtime.ctx.now(),
    );
    let outcome: unknown;
    const walks = await parentWalks(async () => {
      outcome = await processAction(runtime.ctx, release);
    });
    expect(outcome).toEqual({ status: 'applied' });
    expect(walks).toBe(0);
    expect((await readOne(collection(runtime.ctx.db, 'parents'), holder.id))?.iin).toBeUndefined();
    // Freed: nobody holds it, by the index as by the plain query, and another account may bind it.
    expect(await lookup(iin)).toEqual([]);
    expect(await plainQuery(iin)).toEqual([]);
    const other = parents.find((p) => p.id !== holder.id)!;
    await expect(refuseUnbindableIin(runtime.ctx, iin, other.id)).resolves.toBeUndefined();
  });

  it('plans the lookup on the parents’ IIN index', async () => {
    const instance = postgresInstanceOf(collection(runtime.ctx.db, 'parents'))!;
    const sql = instance.sql;
    const query = sql.query;
    const statements: { text: string; params?: readonly SqlParam[] }[] = [];
    sql.query = ((text: string, params?: readonly SqlParam[]) => {
      statements.push({ text, params });
      return query.call(sql, text, params);
    }) as typeof sql.query;
    const iin = parents.find((p) => p.iin)!.iin!;
    try {
      await parentsByIin(runtime.ctx.db, iin);
    } finally {
      sql.query = query;
    }
    const lookups = statements.filter((s) => s.text.includes(instance.table) && /^\s*SELECT/i.test(s.text));
    expect(lookups).toHaveLength(1);
    await sql.query('SET enable_seqscan = off');
    try {
      const plan = await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${lookups[0].text}`, lookups[0].params);
      const index = `${instance.table.slice(1, -1).slice(0, 50)}_iin`;
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
        new RegExp(`Index Scan (using|on) ${index}\\b`),
      );
    } finally {
      await sql.query('SET enable_seqscan = on');
    }
  });
});
