import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSession, revokeAllSessions, revokeSession, verifySession } from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import type { SqlDriver, SqlParam } from '../../../sync-server/storage';
import { loginAs, startTestRuntime } from './harness';

// Every API request checks its session and its account; they are kept between requests in the
// process (auth/account-cache.ts) and dropped the moment either changes (another process's change:
// two-processes.test.ts).

/** Statements the driver runs meanwhile (reads go straight to the driver, outside transactions). */
async function statementsDuring(driver: SqlDriver, work: () => Promise<unknown>): Promise<number> {
  const query = driver.query;
  let n = 0;
  driver.query = <Row>(sql: string, params?: readonly SqlParam[]) => {
    n++;
    return query.call(driver, sql, params) as Promise<Row[]>;
  };
  try {
    await work();
  } finally {
    driver.query = query;
  }
  return n;
}

async function addParent(runtime: Runtime, id: string) {
  const now = runtime.ctx.now();
  await collection(runtime.ctx.db, 'parents').insert({
    id,
    phone: '+77010000002',
    consentVersion: '2026-01',
    consentAt: now.toISOString(),
    passwordHash: '!',
    lastName: 'ОМАРОВА',
    firstName: 'АЛИЯ',
    tokenVersion: 0,
    createdAt: now.toISOString(),
    updatedAt: now.getTime(),
  });
  return issueSession(runtime.ctx, { id, role: 'parent', tokenVersion: 0 });
}

describe('sessions checked again in one process', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    ({ runtime } = await startTestRuntime());
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('reads the session and the account once, in one statement, and not again until either changes', async () => {
    const { token } = await addParent(runtime, 'parent:a');
    const driver = await runtime.storage.driver!();
    let first: Awaited<ReturnType<typeof verifySession>> = null;
    expect(
      await statementsDuring(driver, async () => (first = await verifySession(runtime.ctx, token))),
    ).toBe(1);
    expect(first).toMatchObject({ userId: 'parent:a', role: 'parent', name: 'ОМАРОВА АЛИЯ' });
    expect(await statementsDuring(driver, () => verifySession(runtime.ctx, token))).toBe(0);
    // A change of the account (a new name) is read again, once.
    const parent = await collection(runtime.ctx.db, 'parents').findOne('parent:a').exec();
    await parent!.incrementalPatch({ firstName: 'ДАНА' });
    let again: Awaited<ReturnType<typeof verifySession>> = null;
    expect(
      await statementsDuring(driver, async () => (again = await verifySession(runtime.ctx, token))),
    ).toBe(1);
    expect(again).toMatchObject({ name: 'ОМАРОВА ДАНА' });
  });

  it('refuses at once a session revoked, an account logged out everywhere, a staff account disabled', async () => {
    const one = await addParent(runtime, 'parent:b');
    const other = await issueSession(runtime.ctx, { id: 'parent:b', role: 'parent', tokenVersion: 0 });
    const staff = await loginAs(runtime, { login: 'staff-z', role: 'staff', kindergartenId: 'kg-a' });
    const principal = await verifySession(runtime.ctx, one.token);
    expect(await verifySession(runtime.ctx, other.token)).not.toBeNull();
    expect(await verifySession(runtime.ctx, staff.token)).not.toBeNull();

    await revokeSession(runtime.ctx, principal!.sessionId);
    expect(await verifySession(runtime.ctx, one.token)).toBeNull();
    expect(await verifySession(runtime.ctx, other.token)).not.toBeNull();
    await revokeAllSessions(runtime.ctx, 'parent:b', 'parent');
    expect(await verifySession(runtime.ctx, other.token)).toBeNull();
    const user = await collection(runtime.ctx.db, 'users').findOne(staff.userId).exec();
    await user!.incrementalPatch({ disabled: true });
    expect(await verifySession(runtime.ctx, staff.token)).toBeNull();
  });
});
