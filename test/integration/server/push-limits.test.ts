import { randomUUID } from 'node:crypto';
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { type RxServerReplicationState, replicateServer } from 'rxdb-server/plugins/replication-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAYLOAD_LIMITS } from '../../../src/domain';
import { actionSchema } from '../../../src/schema';
import { collection } from '../../../sync-server/database';
import { MAX_PUSH_ROWS } from '../../../sync-server/push-limits';
import type { RunningServer } from '../../../sync-server/server';
import { startServer } from '../../../sync-server/server';
import { readAll } from '../../../sync-server/store';
import type { Runtime } from '../../../sync-server/runtime';
import {
  actionOf,
  loginAs,
  seedSmallDistrict,
  startTestRuntime,
  startTestServer,
  type TestServer,
} from './harness';
import { openReplica, type ReplicaClient } from './staff-client';

type Staff = { userId: string; token: string };

/** A pending action of staff-a at kg-a, as the workspace writes it. */
function staffAction(user: Staff, now: Date, payload: Record<string, unknown> = { bulletinId: 'bul-a' }) {
  return actionOf(
    { kind: 'bulletin.close', actor: user.userId, actorRole: 'staff', kindergartenId: 'kg-a', payload },
    now,
  );
}

async function push(url: string, user: Staff, actions: object[], language = 'en') {
  const res = await fetch(`${url}/replication/actions/${actionSchema.version}/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': language,
      authorization: `Bearer ${user.token}`,
    },
    body: JSON.stringify(actions.map((a) => ({ newDocumentState: { ...a, _deleted: false } }))),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A payload nested `depth` levels deep under its `extra` field. */
function deepPayload(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) v = { v };
  return { bulletinId: 'bul-a', extra: v };
}

describe('limits at the push of actions (the processor idle: only what the push stores is looked at)', () => {
  let runtime: Runtime;
  let server: RunningServer;
  let staff: Staff;
  const clients: ReplicaClient[] = [];
  const databases: RxDatabase[] = [];
  const stored = () => readAll(collection(runtime.ctx.db, 'actions'), {});

  beforeEach(async () => {
    ({ runtime } = await startTestRuntime());
    await seedSmallDistrict(runtime);
    server = await startServer(runtime.ctx, {
      port: 0,
      host: '127.0.0.1',
      storage: runtime.storage.kind,
      processActions: false,
    });
    staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    for (const db of databases.splice(0)) await db.destroy();
    await server.close();
    await runtime.close();
  });

  it(`refuses ${MAX_PUSH_ROWS + 1} rows with 413, naming the limit in the caller's language, and stores none`, async () => {
    const before = (await stored()).length;
    const now = runtime.ctx.now();
    const rows = Array.from({ length: MAX_PUSH_ROWS + 1 }, () => staffAction(staff, now));
    const { status, body } = await push(server.url, staff, rows, 'ru');
    expect(status).toBe(413);
    expect(body).toEqual({
      error: {
        code: 'tooManyRows',
        message: 'Слишком много операций за одну синхронизацию: не более 200.',
        params: { limit: 200 },
      },
    });
    expect((await stored()).length).toBe(before);
  });

  it(`accepts ${MAX_PUSH_ROWS} rows and stores each one pending`, async () => {
    const now = runtime.ctx.now();
    const rows = Array.from({ length: MAX_PUSH_ROWS }, () => staffAction(staff, now));
    const { status, body } = await push(server.url, staff, rows);
    expect(status).toBe(200);
    expect(body).toEqual([]);
    const ids = new Set(rows.map((r) => r.id));
    const mine = (await stored()).filter((a) => ids.has(String(a.id)));
    expect(mine).toHaveLength(MAX_PUSH_ROWS);
    expect(new Set(mine.map((a) => a.status))).toEqual(new Set(['pending']));
  });

  it('refuses an action whose payload is over 16 KiB with 413, naming the action and the limit', async () => {
    const now = runtime.ctx.now();
    const fine = staffAction(staff, now);
    const large = staffAction(staff, now, {
      bulletinId: 'bul-a',
      reason: 'ә'.repeat(PAYLOAD_LIMITS.maxBytes / 2),
    });
    const { status, body } = await push(server.url, staff, [fine, large]);
    expect(status).toBe(413);
    expect(body).toEqual({
      error: {
        code: 'invalidPayload',
        message: 'The operation data is too large: at most 16384 bytes.',
        params: { field: 'payload', reason: 'tooLarge', max: 16384, actionId: large.id },
      },
    });
    // The whole push is refused: not even the fine action of it is stored.
    expect((await stored()).map((a) => a.id)).not.toContain(fine.id);
  });

  it('refuses a payload nested 2,000 deep with 400, so it never reaches the storage or the audit chain', async () => {
    const deep = staffAction(staff, runtime.ctx.now(), deepPayload(2000));
    const { status, body } = await push(server.url, staff, [deep], 'kk');
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: { code: 'invalidPayload', params: { reason: 'tooDeep', max: 6, actionId: deep.id } },
    });
    expect((body.error as { message: string }).message).toContain('6');
    expect((await stored()).map((a) => a.id)).not.toContain(deep.id);
    // The server is still there.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('lets a staff replica push 120 offline actions in its batches of 50 without meeting the limit', async () => {
    const client = await openReplica(server.url, staff.token, staff.userId);
    clients.push(client);
    await client.synced();
    const errors: unknown[] = [];
    client.states.get('actions')?.error$.subscribe((e) => errors.push(e));
    const now = runtime.ctx.now();
    const actions = Array.from({ length: 120 }, () => staffAction(staff, now));
    await client.col('actions').bulkInsert(actions);
    const ids = new Set(actions.map((a) => a.id));
    await vi.waitFor(
      async () => expect((await stored()).filter((a) => ids.has(String(a.id)))).toHaveLength(120),
      { timeout: 20_000, interval: 100 },
    );
    expect(errors).toEqual([]);
    expect(client.forbidden).toEqual([]);
  });

  it('tells a client whose batch is over the limit 413, which it retries rather than cancelling (only 403 cancels)', async () => {
    const db = await createRxDatabase({
      name: `push${randomUUID().replace(/-/g, '').slice(0, 10)}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    databases.push(db);
    await db.addCollections({ actions: { schema: actionSchema } });
    const now = runtime.ctx.now();
    const actions = Array.from({ length: MAX_PUSH_ROWS + 1 }, () => staffAction(staff, now));
    await db.collections.actions.bulkInsert(actions);
    const forbidden: unknown[] = [];
    const errors: unknown[] = [];
    const state = replicateServer({
      collection: db.collections.actions,
      replicationIdentifier: `oversized-${staff.userId}`,
      url: `${server.url}/replication/actions/${actionSchema.version}`,
      headers: { Authorization: `Bearer ${staff.token}` },
      live: true,
      retryTime: 200,
      waitForLeadership: false,
      push: { batchSize: 500 },
    }) as RxServerReplicationState<unknown>;
    state.forbidden$.subscribe((f) => forbidden.push(f));
    // rxdb keeps only the code of a failed push (the body is logged by rxdb-server's client).
    state.error$.subscribe((e) => errors.push((e as { code?: string }).code));
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const quietDir = vi.spyOn(console, 'dir').mockImplementation(() => undefined);
    try {
      // Retried after retryTime, again and again: the replication stays up, waiting for a smaller batch.
      await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
      expect(new Set(errors)).toEqual(new Set(['RC_PUSH']));
      expect(forbidden).toEqual([]);
      expect(state.isStopped()).toBe(false);
      expect(
        quietDir.mock.calls.map(([body]) => (body as { error?: { code?: string } }).error?.code),
      ).toContain('tooManyRows');
    } finally {
      await state.cancel();
      quiet.mockRestore();
      quietDir.mockRestore();
    }
    const ids = new Set(actions.map((a) => a.id));
    expect((await stored()).filter((a) => ids.has(String(a.id)))).toEqual([]);
  });
});

describe('a payload field its kind does not take', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
    await seedSmallDistrict(t.runtime);
  });
  afterEach(async () => {
    await t.stop();
  });

  it('is stored by the push and rejected by the processor with the field named, changing nothing', async () => {
    const staff = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const action = actionOf(
      {
        kind: 'response.activate',
        actor: staff.userId,
        actorRole: 'staff',
        kindergartenId: 'kg-a',
        payload: { responseId: 'resp_respond-1', comment: 'x'.repeat(4000) },
      },
      t.runtime.ctx.now(),
    );
    const { status } = await push(t.server.url, staff, [action]);
    // Not a forged push (403 would cancel the workstation's replication): the processor's to judge.
    expect(status).toBe(200);
    const db = t.runtime.ctx.db;
    await vi.waitFor(
      async () => {
        const [stored] = await readAll(collection(db, 'actions'), { id: action.id });
        expect(stored).toMatchObject({
          status: 'rejected',
          reason: { code: 'invalidPayload', params: { field: 'comment', reason: 'unknown' } },
        });
      },
      { timeout: 20_000, interval: 100 },
    );
    const [response] = await readAll(collection(db, 'responses'), { id: 'resp_respond-1' });
    expect(response).toMatchObject({ status: 'active' });
    expect(await readAll(collection(db, 'audit'), { actionId: action.id })).toEqual([]);
  });
});
