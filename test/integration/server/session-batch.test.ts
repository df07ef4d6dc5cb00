import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issueSession,
  revokeAllSessions,
  revokeSession,
  verifySession,
  verifySessions,
} from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { watchSession } from '../../../sync-server/session-watch';
import { loginAs, startTestRuntime } from './harness';

// One change fanned out to many open streams checks many sessions at once (issue 16, point 6):
// verifySessions answers them with one read per collection, and must answer exactly as
// verifySession does one by one — valid, revoked, logged out everywhere, disabled, forged, mixed.
describe('checking many sessions at once', () => {
  let runtime: Runtime;
  const tokens: string[] = [];
  beforeAll(async () => {
    ({ runtime } = await startTestRuntime());
    const now = runtime.ctx.now();
    await collection(runtime.ctx.db, 'parents').bulkInsert(
      ['parent:a', 'parent:b'].map((id, i) => ({
        id,
        phone: `+7701000000${i + 2}`,
        consentVersion: '2026-01',
        consentAt: now.toISOString(),
        passwordHash: '!',
        lastName: 'ОМАРОВА',
        firstName: 'АЛИЯ',
        tokenVersion: 0,
        createdAt: now.toISOString(),
        updatedAt: now.getTime(),
      })),
    );
    const parentA = await issueSession(runtime.ctx, { id: 'parent:a', role: 'parent', tokenVersion: 0 });
    const parentA2 = await issueSession(runtime.ctx, { id: 'parent:a', role: 'parent', tokenVersion: 0 });
    const parentB = await issueSession(runtime.ctx, { id: 'parent:b', role: 'parent', tokenVersion: 0 });
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const disabled = await loginAs(runtime, { login: 'staff-b', role: 'staff', kindergartenId: 'kg-b' });
    const supervisor = await loginAs(runtime, { login: 'sup-a', role: 'supervisor', regionId: 'r-a' });
    const out = await loginAs(runtime, { login: 'staff-c', role: 'staff', kindergartenId: 'kg-c' });
    await revokeSession(
      runtime.ctx,
      parentA2.token ? (await verifySession(runtime.ctx, parentA2.token))!.sessionId : '',
    );
    await revokeAllSessions(runtime.ctx, 'user:staff-c', 'staff');
    const b = await collection(runtime.ctx.db, 'users').findOne('user:staff-b').exec();
    await b!.incrementalPatch({ disabled: true });
    tokens.push(
      parentA.token,
      parentA2.token,
      parentB.token,
      staff.token,
      disabled.token,
      supervisor.token,
      out.token,
      'forged.token.value',
      parentA.token,
      supervisor.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    );
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('answers each token as verifySession does', async () => {
    const one = await Promise.all(tokens.map((t) => verifySession(runtime.ctx, t)));
    const many = await verifySessions(runtime.ctx, tokens);
    expect(many).toEqual(one);
    expect(many.map((p) => p?.userId ?? null)).toEqual([
      'parent:a',
      null,
      'parent:b',
      'user:staff-a',
      null,
      'user:sup-a',
      null,
      null,
      'parent:a',
      null,
    ]);
  });

  it('checks the sessions of streams that ask together in one batch, each with its own answer', async () => {
    const ended: number[] = [];
    const watches = tokens.map((t, i) => watchSession(runtime.ctx, t, () => ended.push(i)));
    const answers = await Promise.all(watches.map((w) => w.check()));
    for (const w of watches) w.stop();
    expect(answers).toEqual([true, false, true, true, false, true, false, false, true, false]);
    expect(ended.sort((a, b) => a - b)).toEqual([1, 4, 6, 7, 9]);
  });
});
