import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../sync-server/auth';
import { collectionOf } from '../../../sync-server/schema';
import { type RunningServer, startServer } from '../../../sync-server/server';
import { createI18n, LANGUAGES } from '../../../src/i18n';
import type { Action } from '../../../src/schema';
import { loadSession, staffLogin, verifyOffline } from '../../../renderer/staff/session';
import type { StaffSession } from '../../../renderer/staff/state';
import { type PickedFile, StaffRuntime } from '../../../renderer/staff/workspace';
import { UPLOAD_RETRY } from '../../../renderer/staff/workspace/staff-runtime';
import { GROUP, KG, referralOnItsLastDay } from '../api/harness';
import { failingStorage } from '../../unit/staff/memory-storage';
import { createTestContext, type TestContext } from '../../support/test-context';
import { apiAt, Cable, TestNetwork, TestTime, TestView, until, Workstation } from './runtime-harness';

// The staff runtime (renderer/staff/workspace/staff-runtime.ts) below E2E: its ports are the ones a
// test can drive (StaffPorts) — the clock is the server's test clock, timers run when the test moves
// it, the network is a real loopback TCP hop that can be cut — and everything else is real: the sync
// server with its PGlite, rxdb-server replication over HTTP, the staff app's own encrypted replica on
// rxdb's memory storage, the offline login's verifier.

const PASSWORD = 'staff-password-9';

let ctx: TestContext;
let server: RunningServer;
let cable: Cable;
/** The server as the workstation reaches it: through the cable. */
let url: string;
let time: TestTime;
let referralId: string;

/**
 * The workstation's side of HTTP (StaffPorts.fetch): real requests, counted; a refresh can be held
 * back; a document upload can be answered 503 as an overloaded server would.
 */
class Wire {
  refreshes = 0;
  uploads: number[] = [];
  failUploads = 0;
  private held: Promise<void> | null = null;
  private release: () => void = () => undefined;

  holdRefreshes(): () => void {
    this.held = new Promise((resolve) => {
      this.release = resolve;
    });
    return () => {
      this.held = null;
      this.release();
    };
  }

  fetch: typeof fetch = async (input, init) => {
    const path = new URL(String(input)).pathname;
    if (path === '/api/auth/refresh') {
      this.refreshes++;
      await this.held;
    }
    if (init?.method === 'PUT' && path.includes('/documents/')) {
      this.uploads.push(time.now().getTime());
      if (this.failUploads > 0) {
        this.failUploads--;
        return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'busy' } }), {
          status: 503,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    return fetch(input, init);
  };
}

async function staffAccount(login: string): Promise<string> {
  const user = await createUser(ctx, {
    login,
    password: PASSWORD,
    role: 'staff',
    name: `Сотрудник ${login}`,
    kindergartenId: KG,
  });
  return user.id;
}

/** One login and runtime on a workstation, with its own network and view of the ports. */
async function openWorkspace(
  ws: Workstation,
  login: string,
  options: {
    password?: string;
    online?: boolean;
    wire?: Wire;
    /** The session as the workspace opens with it (e.g. saved in the window an hour ago). */
    opensWith?: (session: StaffSession) => StaffSession;
  } = {},
) {
  const wire = options.wire ?? new Wire();
  const network = new TestNetwork(options.online ?? true);
  const view = new TestView();
  const outcome = await staffLogin(ws.local, url, login, options.password ?? PASSWORD, wire.fetch);
  if (!outcome.ok) throw new Error(`login ${login}: ${outcome.code}`);
  view.session = options.opensWith?.(outcome.session) ?? outcome.session;
  const started = await StaffRuntime.start(ws.host, ws.ports(view, { time, network, fetch: wire.fetch }));
  if (!started.ok) throw new Error(`start: ${started.error.code}`);
  // The rest of the collections and the attached files are watched after the first paint.
  time.advance(0);
  return { runtime: started.runtime, view, network, wire, session: outcome.session };
}

const serverAction = async (id: string) =>
  (await collectionOf(ctx.db, 'actions').findOne(id).exec())?.toJSON() as Action | undefined;

function draft(bulletinId: string) {
  return {
    bulletinId,
    groupId: GROUP,
    totalPlaces: 2,
    freePlaces: 1,
    placeType: 'free',
    vacancyAt: '2026-04-06T09:00:00+05:00',
  };
}

const bytes = new TextEncoder().encode('%PDF-1.4\n% справка 095/у\n');
const certificate: PickedFile = {
  name: 'справка-095у.pdf',
  contentType: 'application/pdf',
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  bytes,
};

/** The referral's extension on its last day, with the certificate attached. */
function extension() {
  const { name, size, sha256, contentType } = certificate;
  return { referralId, reason: 'Ребенок болеет', documents: [{ name, size, sha256, contentType }] };
}

beforeAll(async () => {
  // Access tokens outlive the clock's jumps in the seed's journey (twelve days).
  ctx = await createTestContext('2026-03-19T10:00:00+05:00', { accessTokenTtlMs: 60 * 86_400_000 }, 'pglite');
  server = await startServer(ctx, { port: 0, host: '127.0.0.1', storage: 'pglite' });
  // The seed's kindergarten, staff account isenova and a referral on its last valid day (2026-03-31).
  ({ referralId } = await referralOnItsLastDay(apiAt(ctx, `${server.url}/api`)));
  ({ cable, url } = await Cable.to(server.port));
  time = new TestTime(ctx.clock);
}, 120_000);

afterAll(async () => {
  await cable?.close();
  await server?.close();
  await ctx?.close();
});

// Each step waits for real replication over HTTP: generous bounds for a loaded machine (CI runs beside others).
describe('the staff runtime', { timeout: 180_000 }, () => {
  it('refreshes the session once when several ask during one refresh', async () => {
    await staffAccount('aliya');
    const ws = new Workstation();
    const wire = new Wire();
    const release = wire.holdRefreshes();
    const { runtime, view, network, session } = await openWorkspace(ws, 'aliya', {
      wire,
      // Reopened from the window's saved session after its access token expired: it refreshes first.
      opensWith: (s) => ({ ...s, validUntil: time.now().getTime() - 1 }),
    });
    await until(() => wire.refreshes === 1, 'the refresh request');
    // While it is under way the connection comes back twice (the window's online events).
    network.set(true);
    network.set(true);
    release();
    await until(() => view.docs.groups?.[GROUP] !== undefined, 'the replica to fill');
    expect(wire.refreshes).toBe(1);
    expect(view.sync.problem).toBeNull();
    const refreshed = view.session as StaffSession;
    expect(refreshed.refreshToken).not.toBe(session.refreshToken);
    expect(refreshed.validUntil).toBeGreaterThan(time.now().getTime());
    expect(loadSession(ws.sessionStorage)?.token).toBe(refreshed.token);
    // A second refresh with the same (rotating) refresh token would have revoked the whole session.
    const documents = await fetch(`${url}/api/referrals/${referralId}/documents`, {
      headers: { authorization: `Bearer ${refreshed.token}` },
    });
    expect(documents.status).toBe(200);
    await runtime.stop();
  });

  it('logs in offline after an online login, then pushes what was done and refreshes when online', async () => {
    await staffAccount('berik');
    const ws = new Workstation();
    const first = await openWorkspace(ws, 'berik');
    await until(() => first.view.docs.groups?.[GROUP] !== undefined, 'the first sync');
    await first.runtime.stop();

    cable.cut();
    const wire = new Wire();
    const { runtime, view, network, session } = await openWorkspace(ws, 'berik', { online: false, wire });
    expect(session).toMatchObject({ offline: true, token: null });
    await until(() => view.docs.groups?.[GROUP] !== undefined, 'the replica kept on this workstation');
    expect(await runtime.perform('bulletin.saveDraft', draft('bul-berik-1'))).toBeNull();
    expect(await runtime.perform('bulletin.saveDraft', draft('bul-berik-2'))).toBeNull();
    const ids = Object.values(view.docs.actions ?? {}).map((a) => a.id);
    expect(ids).toHaveLength(2);
    expect(Object.values(view.docs.actions ?? {}).map((a) => a.status)).toEqual(['pending', 'pending']);
    expect(wire.refreshes).toBe(0);

    cable.plug();
    network.set(true);
    await until(
      () => ids.every((id) => view.docs.actions?.[id]?.status === 'applied'),
      'both actions applied and pulled back',
    );
    for (const id of ids) expect((await serverAction(id))?.status).toBe('applied');
    expect(
      (await collectionOf(ctx.db, 'bulletins').findByIds(['bul-berik-1', 'bul-berik-2']).exec()).size,
    ).toBe(2);
    expect(wire.refreshes).toBe(1);
    const refreshed = view.session as StaffSession;
    expect(refreshed).toMatchObject({ offline: false, token: expect.any(String) });
    expect(refreshed.validUntil).toBeGreaterThan(time.now().getTime());
    expect(loadSession(ws.sessionStorage)?.token).toBe(refreshed.token);
    // The next offline login resumes with the newest refresh token (each works once).
    expect((await verifyOffline(ws.local, url, 'berik', PASSWORD))?.refreshToken).toBe(
      refreshed.refreshToken,
    );
    expect(view.sync).toMatchObject({ online: true, problem: null });
    await runtime.stop();
  });

  it('keeps no attached file when the replica cannot write the extension itself', async () => {
    // Another colleague of the kindergarten: rxdb's memory storage is one per process, shared by name.
    await staffAccount('erlan');
    const refusing = failingStorage('actions');
    const ws = new Workstation(refusing.storage);
    const { runtime, view } = await openWorkspace(ws, 'erlan');
    await until(() => view.docs.referrals?.[referralId] !== undefined, 'the referral in the replica');
    refusing.failNext();
    await expect(runtime.perform('referral.extend', extension(), [certificate])).rejects.toThrow(/quota/);
    const files = runtime.replica.collections.documentfiles;
    expect(await files.count().exec()).toBe(0);
    expect(Object.values(view.docs.actions ?? {}).filter((a) => a.kind === 'referral.extend')).toEqual([]);
    await runtime.stop();
  });

  it('retries a failing upload with a growing delay, keeping the file until the server has it', async () => {
    const ws = new Workstation();
    const wire = new Wire();
    const { runtime, view } = await openWorkspace(ws, 'isenova', { password: 'staff-password-1', wire });
    await until(() => view.docs.referrals?.[referralId] !== undefined, 'the referral in the replica');
    const file = certificate;
    wire.failUploads = 2;
    const refusal = await runtime.perform('referral.extend', extension(), [file]);
    expect(refusal).toBeNull();
    await until(() => wire.uploads.length > 0, 'the first upload, once the extension is applied');
    const delays: number[] = [];
    for (let step = 0; step < 6 && view.files[0]?.state !== 'uploaded'; step++) {
      await until(() => time.waiting().some((ms) => ms >= UPLOAD_RETRY.firstMs), 'a retry to be set');
      // Not lost meanwhile: waiting, with its bytes.
      expect(view.files).toMatchObject([{ state: 'waiting', hasContent: true }]);
      const delay = Math.min(...time.waiting().filter((ms) => ms >= UPLOAD_RETRY.firstMs));
      delays.push(delay);
      const attempts = wire.uploads.length;
      time.advance(delay);
      await until(() => wire.uploads.length > attempts, 'the retry');
      await until(() => view.files[0]?.state === 'uploaded' || time.waiting().length > 0, 'the retry to end');
    }
    expect(delays).toEqual([UPLOAD_RETRY.firstMs, 2 * UPLOAD_RETRY.firstMs]);
    expect(wire.uploads).toHaveLength(3);
    expect(view.files).toMatchObject([{ state: 'uploaded', hasContent: false }]);
    const listed = await fetch(`${url}/api/referrals/${referralId}/documents`, {
      headers: { authorization: `Bearer ${view.session?.token}` },
    });
    expect(await listed.json()).toEqual([expect.objectContaining({ name: file.name, sha256: file.sha256 })]);
    // Nothing left to retry.
    expect(time.waiting().filter((ms) => ms >= UPLOAD_RETRY.firstMs)).toEqual([]);
    await runtime.stop();
  });

  it('shows the queued actions of an account disabled meanwhile as rejected, with the reason, losing none', async () => {
    const userId = await staffAccount('dana');
    const ws = new Workstation();
    const { runtime, view, network } = await openWorkspace(ws, 'dana');
    await until(() => view.docs.groups?.[GROUP] !== undefined, 'the first sync');
    cable.cut();
    network.set(false);
    expect(await runtime.perform('bulletin.saveDraft', draft('bul-dana-1'))).toBeNull();
    expect(await runtime.perform('bulletin.saveDraft', draft('bul-dana-2'))).toBeNull();
    const ids = Object.keys(view.docs.actions ?? {});
    expect(ids).toHaveLength(2);

    // A supervisor disables the account (staff.disable: disabled, and every token of it void).
    const account = await collectionOf(ctx.db, 'users').findOne(userId).exec();
    await account!.incrementalModify((u) => ({ ...u, disabled: true, tokenVersion: u.tokenVersion + 1 }));

    cable.plug();
    network.set(true);
    await until(() => view.sync.problem === 'accountDisabled', 'the sync bar to say the account is disabled');
    await until(
      () => ids.every((id) => view.docs.actions?.[id]?.status === 'rejected'),
      'the actions to show rejected',
    );
    for (const id of ids) expect(view.docs.actions?.[id]?.reason).toEqual({ code: 'accountDisabled' });
    expect(view.problems).not.toContain('sessionExpired');
    // Nothing lost: both are in the replica as written, and none reached the server.
    const kept = await runtime.replica.collections.actions.findByIds(ids).exec();
    expect([...kept.values()].map((d) => [d.get('status'), d.get('payload').bulletinId]).sort()).toEqual([
      ['pending', 'bul-dana-1'],
      ['pending', 'bul-dana-2'],
    ]);
    for (const id of ids) expect(await serverAction(id)).toBeUndefined();
    await runtime.stop();

    // The next login on this workstation (offline: the server would refuse it) says the same at once.
    cable.cut();
    const again = await openWorkspace(ws, 'dana', { online: false });
    expect(again.view.sync.problem).toBe('accountDisabled');
    await until(
      () => ids.every((id) => again.view.docs.actions?.[id]?.reason?.code === 'accountDisabled'),
      'the actions shown rejected again',
    );
    await again.runtime.stop();
    cable.plug();

    // Enabled again, the staff member logs in online: what waited here is sent and applied after all.
    const enabled = await collectionOf(ctx.db, 'users').findOne(userId).exec();
    await enabled!.incrementalPatch({ disabled: false });
    const back = await openWorkspace(ws, 'dana');
    await until(
      () => ids.every((id) => back.view.docs.actions?.[id]?.status === 'applied'),
      'the kept actions applied once the account works again',
    );
    expect(back.view.sync.problem).toBeNull();
    await back.runtime.stop();

    // What the staff member reads, in each language.
    for (const language of LANGUAGES) {
      const t = createI18n(language).t;
      for (const key of [
        'staff.rejections.accountDisabled',
        'staff.rejections.hints.accountDisabled',
        'staff.sync.problems.accountDisabled',
      ]) {
        expect(t(key), `${language} ${key}`).not.toBe(key);
      }
    }
  });
});
