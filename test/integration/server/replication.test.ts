import { randomUUID } from 'node:crypto';
import { actionSchema } from '../../../src/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { issueSession } from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import { startServer } from '../../../sync-server/server';
import { readAll } from '../../../sync-server/store';
import {
  actionOf,
  kgAActivation,
  loginAs,
  seedSmallDistrict,
  startTestServer,
  type TestServer,
} from './harness';
import { idsOf, openReplica, type ReplicaClient } from './staff-client';

describe('replication for staff and supervisors', () => {
  let t: TestServer;
  const clients: ReplicaClient[] = [];
  beforeEach(async () => {
    t = await startTestServer();
    await seedSmallDistrict(t.runtime);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await t.stop();
  });

  async function staffClient(login: string, kindergartenId: string) {
    const user = await loginAs(t.runtime, { login, role: 'staff', kindergartenId });
    const client = await openReplica(t.server.url, user.token, user.userId);
    clients.push(client);
    await client.synced();
    return { user, client };
  }

  it('gives staff only their kindergarten, and children only once they responded to it', async () => {
    const { client } = await staffClient('staff-a', 'kg-a');
    expect(await idsOf(client, 'kindergartens')).toEqual(['kg-a']);
    expect(await idsOf(client, 'groups')).toEqual(['grp-a']);
    expect(await idsOf(client, 'bulletins')).toEqual(['bul-a']);
    expect(await idsOf(client, 'applications')).toEqual(['app-1', 'app-2']);
    expect(await idsOf(client, 'responses')).toEqual(['resp_respond-1', 'resp_respond-2']);
    expect(await idsOf(client, 'notifications')).toEqual([]);
    // Which other kindergartens a child responded to stays on the server.
    const app = await client.col('applications').findOne('app-1').exec();
    expect(app?.toJSON()).not.toHaveProperty('visibleTo');
  });

  it('gives a supervisor the region, not another one', async () => {
    const user = await loginAs(t.runtime, {
      login: 'supervisor-t',
      role: 'supervisor',
      regionId: 'turkestan',
    });
    const client = await openReplica(t.server.url, user.token, user.userId);
    clients.push(client);
    await client.synced();
    expect(await idsOf(client, 'kindergartens')).toEqual(['kg-a', 'kg-b']);
    expect(await idsOf(client, 'applications')).toEqual(['app-1', 'app-2', 'app-3', 'app-4']);
    expect(await idsOf(client, 'bulletins')).toEqual(['bul-a', 'bul-b']);
    expect(await idsOf(client, 'responses')).toEqual(['resp_respond-1', 'resp_respond-2', 'resp_respond-3']);
  });

  it('refuses a forged push of a referral, and writes nothing', async () => {
    const { user, client } = await staffClient('staff-a', 'kg-a');
    const now = t.runtime.ctx.now();
    await client.col('referrals').insert({
      id: 'ref-forged',
      applicationId: 'app-1',
      bulletinId: 'bul-a',
      responseId: 'resp_respond-1',
      kindergartenId: 'kg-a',
      groupId: 'grp-a',
      childIin: '170720600126',
      childName: 'КАМЕНОВА ДАНИЯ',
      parentId: 'par-1',
      activatedAt: now.toISOString(),
      activatedBy: user.userId,
      validUntil: '2026-03-31',
      status: 'active',
      verificationCode: 'FORGED',
      updatedAt: now.getTime(),
    });
    await vi.waitFor(() => expect(client.forbidden).toContain('referrals'), { timeout: 10_000 });
    expect(await readAll(collection(t.runtime.ctx.db, 'referrals'), {})).toEqual([]);
  });

  it("refuses a push of an action in another staff member's name", async () => {
    const user = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const forged = kgAActivation('user:someone-else', t.runtime.ctx.now());
    const res = await fetch(`${t.server.url}/replication/actions/${actionSchema.version}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify([{ newDocumentState: { ...forged, _deleted: false } }]),
    });
    expect(res.status).toBe(403);
    expect(await readAll(collection(t.runtime.ctx.db, 'actions'), { id: forged.id })).toEqual([]);
  });

  it("takes a workstation's push of a supervisor's kind, and rejects it with the reason: a supervisor's only", async () => {
    const user = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const [group] = await readAll(collection(t.runtime.ctx.db, 'groups'), { kindergartenId: 'kg-a' });
    const edit = actionOf(
      {
        kind: 'group.edit',
        actor: user.userId,
        actorRole: 'staff',
        kindergartenId: 'kg-a',
        payload: { groupId: group.id, capacity: group.capacity + 10 },
      },
      t.runtime.ctx.now(),
    );
    const res = await fetch(`${t.server.url}/replication/actions/${actionSchema.version}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify([{ newDocumentState: { ...edit, _deleted: false } }]),
    });
    expect(res.status).toBe(200);
    await vi.waitFor(
      async () => {
        const [stored] = await readAll(collection(t.runtime.ctx.db, 'actions'), { id: edit.id });
        expect(stored).toMatchObject({
          status: 'rejected',
          reason: { code: 'forbidden', params: { kind: 'group.edit', role: 'staff' } },
        });
      },
      { timeout: 20_000, interval: 100 },
    );
    const [after] = await readAll(collection(t.runtime.ctx.db, 'groups'), { id: group.id });
    expect(after.capacity).toBe(group.capacity);
    expect(await readAll(collection(t.runtime.ctx.db, 'audit'), { actionId: edit.id })).toEqual([]);
  });

  it('pushes a staff action made while the server was down, and brings it back applied', async () => {
    const { user, client } = await staffClient('staff-a', 'kg-a');
    const port = t.server.port;
    await t.server.close();
    const action = kgAActivation(user.userId, t.runtime.ctx.now());
    await client.col('actions').insert(action);
    t.server = await startServer(t.runtime.ctx, { port, host: '127.0.0.1', storage: t.runtime.storage.kind });
    await vi.waitFor(
      async () =>
        expect((await client.col('actions').findOne(action.id).exec())?.get('status')).toBe('applied'),
      { timeout: 20_000, interval: 100 },
    );
    await vi.waitFor(async () => expect(await idsOf(client, 'referrals')).toEqual([`ref_${action.id}`]), {
      timeout: 10_000,
    });
    expect(client.forbidden).toEqual([]);
  });

  it('applies the first of two workstations activating one response and rejects the second as already activated', async () => {
    const a = await staffClient('staff-a1', 'kg-a');
    const b = await staffClient('staff-a2', 'kg-a');
    const now = t.runtime.ctx.now();
    const one = kgAActivation(a.user.userId, now, { deviceId: 'ws-1' });
    const two = kgAActivation(b.user.userId, now, { deviceId: 'ws-2' });
    await Promise.all([a.client.col('actions').insert(one), b.client.col('actions').insert(two)]);
    const statusOf = async (c: ReplicaClient, id: string) =>
      (await c.col('actions').findOne(id).exec())?.toJSON() as Record<string, unknown> | undefined;
    await vi.waitFor(
      async () => {
        expect((await statusOf(a.client, one.id))?.status).not.toBe('pending');
        expect((await statusOf(b.client, two.id))?.status).not.toBe('pending');
      },
      { timeout: 20_000, interval: 100 },
    );
    const results = [await statusOf(a.client, one.id), await statusOf(b.client, two.id)];
    expect(results.map((r) => r?.status).sort()).toEqual(['applied', 'rejected']);
    const rejected = results.find((r) => r?.status === 'rejected') as {
      reason: { code: string; params: Record<string, unknown> };
    };
    expect(rejected.reason.code).toBe('alreadyActivated');
    const winner = results.find((r) => r?.status === 'applied')!;
    expect(rejected.reason.params.deviceId).toBe(winner.deviceId);
  });

  it('answers 401 to parents, to expired tokens and to no token at all', async () => {
    const parent = await issueSession(t.runtime.ctx, { id: 'par-1', role: 'parent', tokenVersion: 0 });
    const pull = (token?: string) =>
      fetch(`${t.server.url}/replication/applications/0/pull?lwt=0&id=&limit=10`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await pull(parent.token)).status).toBe(401);
    expect((await pull()).status).toBe(401);
    const staff = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    expect((await pull(staff.token)).status).toBe(200);
    t.clock.advance(2 * 3_600_000);
    expect((await pull(staff.token)).status).toBe(401);
  });

  it('survives a push whose assumed master state carries _meta, and a bad base64 query', async () => {
    const staff = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const supervisor = await loginAs(t.runtime, {
      login: 'supervisor-t',
      role: 'supervisor',
      regionId: 'turkestan',
    });
    const action = actionOf(
      {
        kind: 'bulletin.close',
        actor: staff.userId,
        actorRole: 'staff',
        kindergartenId: 'kg-a',
        payload: { bulletinId: 'bul-a' },
      },
      t.runtime.ctx.now(),
    );
    const withMeta = await fetch(`${t.server.url}/replication/actions/${actionSchema.version}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.token}` },
      body: JSON.stringify([
        { newDocumentState: action, assumedMasterState: { ...action, _meta: { lwt: 1 } } },
      ]),
    });
    expect(withMeta.status).toBe(400);
    const badQuery = await fetch(`${t.server.url}/rest/audit/0/query/observe?query=%%%not-base64`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(badQuery.status).toBe(400);
    const malformed = await fetch(`${t.server.url}/replication/actions/${actionSchema.version}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.token}` },
      body: '[{"newDocumentState": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'malformedJson' } });
    const health = await fetch(`${t.server.url}/api/health`);
    expect(await health.json()).toMatchObject({ ok: true, storage: t.runtime.storage.kind });
    expect(await readAll(collection(t.runtime.ctx.db, 'actions'), { id: action.id })).toEqual([]);
  });

  it("keeps the audit log read-only over REST, and scoped to the supervisor's region", async () => {
    const supervisor = await loginAs(t.runtime, {
      login: 'supervisor-o',
      role: 'supervisor',
      regionId: 'other',
    });
    const query = await fetch(`${t.server.url}/rest/audit/0/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor.token}` },
      body: JSON.stringify({ selector: {} }),
    });
    const { documents } = (await query.json()) as { documents: { districtId: string }[] };
    expect(documents.length).toBeGreaterThan(0);
    expect(new Set(documents.map((d) => d.districtId))).toEqual(new Set(['other']));
    const set = await fetch(`${t.server.url}/rest/audit/0/set`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor.token}` },
      body: JSON.stringify([{ id: randomUUID(), districtId: 'other' }]),
    });
    expect(set.status).toBe(403);
  });
});
