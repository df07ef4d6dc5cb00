import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { almatyDayOfMs, canRespond, matchingQueue } from '../../../src/domain';
import type { Action, Application, Bulletin, Group } from '../../../src/schema';
import { type ActionOutcome, processAction } from '../../../sync-server/actions';
import { verifyChain } from '../../../sync-server/audit';
import { collection } from '../../../sync-server/database';
import { createLogger } from '../../../sync-server/logging';
import { openRuntime, type Runtime } from '../../../sync-server/runtime';
import { seedDemo } from '../../../sync-server/seed';
import { readAll, writeDocs } from '../../../sync-server/store';
import { type PostgresServer, startPostgres } from '../storage/postgres-server';
import { logSink } from './harness';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** Process B: the processor in its own Node process (action-worker.ts), fed actions on stdin. */
function startWorker(url: string) {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      join(tsx, 'preflight.cjs'),
      '--import',
      pathToFileURL(join(tsx, 'loader.mjs')).href,
      join(import.meta.dirname, 'action-worker.ts'),
    ],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr?.on('data', (d) => (errors += d));
  const waiting = new Map<string, (outcome: ActionOutcome) => void>();
  let ready!: () => void;
  const opened = new Promise<void>((ok) => (ready = ok));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') return ready();
    const { id, outcome, error } = JSON.parse(line) as {
      id: string;
      outcome?: ActionOutcome;
      error?: string;
    };
    waiting.get(id)?.(outcome ?? { status: 'rejected', reason: { code: 'workerError', params: { error } } });
  });
  return {
    opened,
    errors: () => errors,
    process(action: Action): Promise<ActionOutcome> {
      return new Promise((ok) => {
        waiting.set(action.id, ok);
        child.stdin!.write(`${JSON.stringify(action)}\n`);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.stdin!.end();
      await exited;
    },
  };
}

/**
 * Two processes on one PostgreSQL (this one and action-worker.ts, each with its own connection pool,
 * LISTEN connection and coordination) apply 2,000
 * actions interleaved between them on overlapping queues and bulletins: parents respond (some twice),
 * then two workstations activate every response at once, each on a different process. Whatever the
 * interleaving, no place is promised twice, the first activation wins, every action ends applied or
 * rejected exactly once, and the audit chain verifies.
 */
describe('two processes applying interleaved actions', () => {
  let pg: PostgresServer;
  let a: Runtime;
  let b: ReturnType<typeof startWorker>;
  const lines: string[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    a = await openRuntime({
      storage: { kind: 'postgres', url: pg.url },
      config: { tokenSecret: 'interleaved-two-processes-secret-0123456789', publicUrl: 'http://127.0.0.1' },
      log: createLogger({ level: 'warn', destination: logSink(lines) }),
    });
    await seedDemo(a.ctx);
    b = startWorker(pg.url);
    await b.opened;
  }, 180_000);

  afterAll(async () => {
    await b?.stop().catch(() => undefined);
    await a?.close().catch(() => undefined);
    await pg?.stop();
  }, 60_000);

  it('keeps every invariant across 2,000 actions', async () => {
    const db = a.ctx.db;
    const now = a.ctx.now();
    const bulletins = await readAll(collection(db, 'bulletins'), { status: 'published' });
    const kindergartens = new Map((await readAll(collection(db, 'kindergartens'), {})).map((k) => [k.id, k]));
    const waiting = await readAll(collection(db, 'applications'), { status: 'waiting' });
    const staff = new Map(
      (await readAll(collection(db, 'users'), { role: 'staff' })).map((u) => [u.kindergartenId, u.id]),
    );
    // Every (application, bulletin) pair that may respond now, in bulletin order: the same
    // application appears under several bulletins, so some responses race for one application.
    const pairs: [Application, Bulletin][] = [];
    for (const bulletin of bulletins) {
      const kg = kindergartens.get(bulletin.kindergartenId)!;
      // The bulletin's matching queue once, not once per application (5,000 × 19 rankings otherwise).
      const queue = matchingQueue(waiting, bulletin, kg, now.getTime()).map((x) => x.id);
      for (const app of waiting) {
        const queuePosition = queue.indexOf(app.id) + 1;
        if (canRespond(app, bulletin, kg, now.toISOString(), { queuePosition }).ok)
          pairs.push([app, bulletin]);
      }
    }
    expect(pairs.length).toBeGreaterThan(1400);
    const action = (fields: Pick<Action, 'kind' | 'payload' | 'actor' | 'actorRole' | 'kindergartenId'>) =>
      ({
        id: randomUUID(),
        deviceId: 'interleaved',
        occurredAt: a.ctx.now().toISOString(),
        status: 'pending',
        updatedAt: Date.now(),
        ...fields,
      }) as Action;
    // Even actions here, odd ones in process B, all at once.
    const run = (x: Action, i: number) => (i % 2 === 0 ? processAction(a.ctx, x) : b.process(x));

    const responds = pairs.slice(0, 1400).map(([app, bulletin]) =>
      action({
        kind: 'application.respond',
        payload: { applicationId: app.id, bulletinId: bulletin.id },
        actor: app.parentId,
        actorRole: 'parent',
        kindergartenId: bulletin.kindergartenId,
      }),
    );
    const respondOutcomes = await Promise.all(responds.map(run));
    const responses = await readAll(collection(db, 'responses'), {
      id: { $in: responds.map((r) => `resp_${r.id}`) },
    });

    // Two workstations of the kindergarten activate every response at the same moment, one per process.
    const activations: Action[] = [];
    for (const r of responses.slice(0, 300)) {
      for (let twice = 0; twice < 2; twice++) {
        activations.push(
          action({
            kind: 'response.activate',
            payload: { responseId: r.id, skipReason: 'Проверка параллельной обработки' },
            actor: staff.get(r.kindergartenId)!,
            actorRole: 'staff',
            kindergartenId: r.kindergartenId,
          }),
        );
      }
    }
    expect(responds.length + activations.length).toBe(2000);
    const activationOutcomes = await Promise.all(activations.map(run));

    // Each action ended exactly once: applied or rejected, and the audit holds exactly the applied ones.
    const all = [...responds, ...activations];
    const outcomes: ActionOutcome[] = [...respondOutcomes, ...activationOutcomes];
    const stored = new Map(
      (await readAll(collection(db, 'actions'), { id: { $in: all.map((x) => x.id) } })).map((x) => [x.id, x]),
    );
    expect(all.map((x) => stored.get(x.id)?.status)).toEqual(outcomes.map((o) => o.status));
    const audit = await readAll(collection(db, 'audit'), {});
    const audited = audit.map((e) => e.actionId).filter((id) => stored.has(id));
    expect(new Set(audited).size).toBe(audited.length);
    expect(audited.length).toBe(outcomes.filter((o) => o.status === 'applied').length);
    expect(verifyChain(audit)).toMatchObject({ ok: true, length: audit.length });

    // An application responds once; a response is activated once: the first applied wins.
    const appliedResponds = responds.filter((_, i) => respondOutcomes[i].status === 'applied');
    expect(
      new Set(appliedResponds.map((r) => (r.payload as { applicationId: string }).applicationId)).size,
    ).toBe(appliedResponds.length);
    expect(responses).toHaveLength(appliedResponds.length);
    for (let i = 0; i < activations.length; i += 2) {
      const pair = [activationOutcomes[i], activationOutcomes[i + 1]];
      expect(pair.filter((o) => o.status === 'applied').length).toBeLessThanOrEqual(1);
      const lost = pair.find((o) => o.status === 'rejected' && o.reason.code === 'alreadyActivated');
      if (lost) expect(pair.some((o) => o.status === 'applied')).toBe(true);
    }
    expect(activationOutcomes.filter((o) => o.status === 'applied').length).toBeGreaterThan(0);

    // No place promised twice: a bulletin's active referrals never exceed its free places, a response
    // and an application hold at most one.
    const referrals = await readAll(collection(db, 'referrals'), { status: 'active' });
    const count = (key: (r: (typeof referrals)[number]) => string) => {
      const m = new Map<string, number>();
      for (const r of referrals) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return m;
    };
    for (const [bulletinId, n] of count((r) => r.bulletinId)) {
      const bulletin = bulletins.find((x) => x.id === bulletinId);
      if (bulletin) expect(n).toBeLessThanOrEqual(bulletin.freePlaces);
    }
    expect(Math.max(...count((r) => r.responseId).values())).toBe(1);
    expect(Math.max(...count((r) => r.applicationId).values())).toBe(1);
    const referred = await readAll(collection(db, 'applications'), { status: 'referred' });
    const seeded = waiting.map((x) => x.id);
    expect(
      referred
        .filter((x) => seeded.includes(x.id))
        .map((x) => x.id)
        .sort(),
    ).toEqual(
      referrals
        .map((r) => r.applicationId)
        .filter((id) => seeded.includes(id))
        .sort(),
    );
    expect(await readAll(collection(db, 'actionJournal'), {})).toEqual([]);
    expect(lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(b.errors()).not.toMatch(/"level":(50|60)/);
  }, 240_000);

  /**
   * A supervisor's group edits (actions since issue 12, item 6) interleaved across the two processes
   * with the workstations' contracts on the same groups: each contract adds a child to its group, each
   * edit sets the capacity. Decided under the locality's lock from the group as the contracts left it,
   * an edit never undoes a contract (enrolled = seeded + contracts applied), never sets a capacity below
   * the children enrolled (refused with the reason), and the group ends with the capacity of the last
   * edit applied to it — the last on the audit chain, which verifies.
   */
  it('applies supervisors’ group edits interleaved with contracts on the same groups, losing neither', async () => {
    const db = a.ctx.db;
    const staff = new Map(
      (await readAll(collection(db, 'users'), { role: 'staff' })).map((u) => [u.kindergartenId, u.id]),
    );
    const now = a.ctx.now();
    // Contracts to sign: the seed's signed ones on a few groups, made unsigned again (the referral
    // active, the application referred, the group's enrolled one less), written as a seed writes.
    const signedBefore = await readAll(collection(db, 'referrals'), { status: 'enrolled' });
    const byGroup = new Map<string, typeof signedBefore>();
    for (const r of signedBefore) byGroup.set(r.groupId, [...(byGroup.get(r.groupId) ?? []), r]);
    const active = [...byGroup.values()]
      .filter((rs) => rs.length >= 6)
      .slice(0, 8)
      .flatMap((rs) => rs.slice(0, 8))
      .map(({ contractNumber: _n, contractDate: _d, signedAt: _s, signedBy: _b, ...r }) => ({
        ...r,
        status: 'active' as const,
        validUntil: almatyDayOfMs(now.getTime() + 7 * 86_400_000),
        updatedAt: now.getTime() - 60_000,
      }));
    const groupIds = [...new Set(active.map((r) => r.groupId))];
    expect(active.length).toBeGreaterThan(20);
    const apps = await readAll(collection(db, 'applications'), {
      id: { $in: active.map((r) => r.applicationId) },
    });
    const unsignedGroups = (await readAll(collection(db, 'groups'), { id: { $in: groupIds } })).map((g) => ({
      ...g,
      enrolled: g.enrolled - active.filter((r) => r.groupId === g.id).length,
      updatedAt: now.getTime() - 60_000,
    }));
    await writeDocs(collection(db, 'referrals'), active);
    await writeDocs(
      collection(db, 'applications'),
      apps.map(({ enrolledKindergartenId: _k, enrolledGroupId: _g, ...app }) => ({
        ...app,
        status: 'referred' as const,
        updatedAt: now.getTime() - 60_000,
      })),
    );
    await writeDocs(collection(db, 'groups'), unsignedGroups);
    const before = new Map(unsignedGroups.map((g) => [g.id, g]));
    const kindergartens = new Map((await readAll(collection(db, 'kindergartens'), {})).map((k) => [k.id, k]));
    const supervisors = new Map(
      (await readAll(collection(db, 'users'), { role: 'supervisor' })).map((u) => [u.regionId, u.id]),
    );
    const at = (fields: Pick<Action, 'kind' | 'payload' | 'actor' | 'actorRole' | 'kindergartenId'>) =>
      ({
        id: randomUUID(),
        deviceId: 'interleaved',
        occurredAt: now.toISOString(),
        status: 'pending',
        updatedAt: Date.now(),
        ...fields,
      }) as Action;
    const contracts = active.map((r, i) =>
      at({
        kind: 'referral.signContract',
        payload: { referralId: r.id, contractNumber: `Д-${i}`, contractDate: almatyDayOfMs(now.getTime()) },
        actor: staff.get(r.kindergartenId)!,
        actorRole: 'staff',
        kindergartenId: r.kindergartenId,
      }),
    );
    // Three edits per group: capacities from the seeded enrolment up, so some may fall below what the
    // contracts signed meanwhile have made it — and one with room for every contract, which applies in
    // whatever order the two processes take them (under load the contracts may all come first).
    const edits = groupIds.flatMap((id, g) => {
      const group = before.get(id)!;
      const regionId = kindergartens.get(group.kindergartenId)!.regionId;
      return [0, 2 + active.length, 1].map((k) =>
        at({
          kind: 'group.edit',
          payload: { groupId: id, capacity: group.enrolled + k + (g % 3), name: `${group.name} (${k})` },
          actor: supervisors.get(regionId)!,
          actorRole: 'supervisor',
          kindergartenId: group.kindergartenId,
        }),
      );
    });
    // Interleaved: contract, edit, contract, … and alternately on this process and on process B.
    const mixed: Action[] = [];
    for (let i = 0; i < Math.max(contracts.length, edits.length); i++) {
      if (contracts[i]) mixed.push(contracts[i]);
      if (edits[i]) mixed.push(edits[i]);
    }
    const outcomes = await Promise.all(
      mixed.map((x, i) => (i % 2 === 0 ? processAction(a.ctx, x) : b.process(x))),
    );
    const outcome = new Map(mixed.map((x, i) => [x.id, outcomes[i]]));
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason.code === 'workerError')).toEqual([]);

    const after = new Map(
      (await readAll(collection(db, 'groups'), { id: { $in: groupIds } })).map((g) => [g.id, g]),
    );
    const audit = await readAll(collection(db, 'audit'), {});
    expect(verifyChain(audit)).toMatchObject({ ok: true, length: audit.length });
    const auditedIds = audit.map((e) => e.actionId);
    expect(new Set(auditedIds).size).toBe(auditedIds.length);
    const signed = contracts.filter((c) => outcome.get(c.id)?.status === 'applied');
    expect(signed.length).toBeGreaterThan(0);
    for (const id of groupIds) {
      const group: Group = after.get(id)!;
      const contractsHere = signed.filter(
        (c) => active.find((r) => r.id === (c.payload as { referralId: string }).referralId)?.groupId === id,
      );
      // Not one contract undone by an edit.
      expect(group.enrolled).toBe(before.get(id)!.enrolled + contractsHere.length);
      expect(group.enrolled).toBeLessThanOrEqual(group.capacity);
      const lastEdit = audit
        .filter((e) => e.kind === 'group.edit' && e.entityIds[0] === id)
        .sort((x, y) => x.seq - y.seq)
        .at(-1);
      if (lastEdit) expect(group.capacity).toBe((lastEdit.payload as { capacity: number }).capacity);
    }
    // Each edit ended once: applied and audited, or refused for a capacity below the enrolled.
    for (const e of edits) {
      const o = outcome.get(e.id)!;
      if (o.status === 'applied') expect(auditedIds).toContain(e.id);
      else expect(o.reason.code).toBe('capacityBelowEnrolled');
    }
    expect(edits.some((e) => outcome.get(e.id)?.status === 'applied')).toBe(true);
    const stored = await readAll(collection(db, 'actions'), { id: { $in: mixed.map((x) => x.id) } });
    expect(stored.map((x) => x.status).sort()).toEqual(outcomes.map((o) => o.status).sort());
    expect(await readAll(collection(db, 'actionJournal'), {})).toEqual([]);
    expect(b.errors()).not.toMatch(/"level":(50|60)/);
  }, 180_000);
});
