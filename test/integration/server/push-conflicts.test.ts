import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actionSchema } from '../../../src/schema';
import { collection } from '../../../sync-server/database';
import { readAll } from '../../../sync-server/store';
import { kgAActivation, loginAs, seedSmallDistrict, startTestServer, type TestServer } from './harness';

/** Issue 13, point 7: a push conflict only ever answers a document the caller may read. */
describe('push conflicts', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
    await seedSmallDistrict(t.runtime);
  });
  afterEach(async () => {
    await t.stop();
  });

  async function push(token: string, rows: unknown[]) {
    const res = await fetch(`${t.server.url}/replication/actions/${actionSchema.version}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(rows),
    });
    return { status: res.status, text: await res.text() };
  }

  it("refuses a push under a parent's action id with 403, without the parent's document", async () => {
    const staff = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    // `file-1` is the seed's parent par-1 filing app-1, with the child's IIN and name in its payload.
    const [stored] = await readAll(collection(t.runtime.ctx.db, 'actions'), { id: 'file-1' });
    const childIin = String((stored!.payload as Record<string, unknown>).childIin);
    const colliding = kgAActivation(staff.userId, t.runtime.ctx.now(), { id: 'file-1' });
    const answer = await push(staff.token, [{ newDocumentState: { ...colliding, _deleted: false } }]);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).error.code).toBe('forbidden');
    expect(answer.text).not.toContain(childIin);
    expect(answer.text).not.toContain('КАМЕНОВА');
    expect(answer.text).not.toContain('par-1');
    // Nothing else of that push was written either.
    const [after] = await readAll(collection(t.runtime.ctx.db, 'actions'), { id: 'file-1' });
    expect(after!.actor).toBe('par-1');
  });

  it('refuses the whole push when one of its rows collides with a document out of scope', async () => {
    const staff = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const now = t.runtime.ctx.now();
    const own = kgAActivation(staff.userId, now);
    const colliding = { ...own, id: 'respond-3' };
    const answer = await push(staff.token, [
      { newDocumentState: { ...own, _deleted: false } },
      { newDocumentState: { ...colliding, _deleted: false } },
    ]);
    expect(answer.status).toBe(403);
    expect(await readAll(collection(t.runtime.ctx.db, 'actions'), { id: own.id })).toEqual([]);
  });

  it('answers 403 when the document out of scope is stored after the push was checked', async () => {
    const staff = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const actions = collection(t.runtime.ctx.db, 'actions');
    // Another process stores `file-2` between the guard's read and rxdb-server's write: the guard's
    // read does not see it yet, the write meets it as a conflict.
    const read = vi.spyOn(actions.storageInstance, 'findDocumentsById').mockResolvedValueOnce([]);
    const colliding = kgAActivation(staff.userId, t.runtime.ctx.now(), { id: 'file-2' });
    const answer = await push(staff.token, [{ newDocumentState: { ...colliding, _deleted: false } }]);
    read.mockRestore();
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).error.code).toBe('forbidden');
    expect(answer.text).not.toContain('par-2');
  });

  it("still answers a conflict on the caller's own action with the stored action", async () => {
    const staff = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const action = kgAActivation(staff.userId, t.runtime.ctx.now());
    const first = await push(staff.token, [{ newDocumentState: { ...action, _deleted: false } }]);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toEqual([]);
    const changed = { ...action, deviceId: 'another-device' };
    const second = await push(staff.token, [{ newDocumentState: { ...changed, _deleted: false } }]);
    expect(second.status).toBe(200);
    const conflicts = JSON.parse(second.text) as Record<string, unknown>[];
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: action.id, actor: staff.userId, deviceId: 'test-device' });
  });

  it("does not let a supervisor's push reveal a staff member's action either", async () => {
    const staff = await loginAs(t.runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const mine = kgAActivation(staff.userId, t.runtime.ctx.now());
    expect((await push(staff.token, [{ newDocumentState: { ...mine, _deleted: false } }])).status).toBe(200);
    const supervisor = await loginAs(t.runtime, {
      login: 'supervisor-t',
      role: 'supervisor',
      regionId: 'turkestan',
    });
    const forged = { ...mine, actor: supervisor.userId, actorRole: 'supervisor' };
    const answer = await push(supervisor.token, [{ newDocumentState: { ...forged, _deleted: false } }]);
    expect(answer.status).toBe(403);
    expect(answer.text).not.toContain(staff.userId);
  });
});
