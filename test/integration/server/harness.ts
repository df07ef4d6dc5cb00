import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { makeIin } from '../../../src/domain';
import type { Action } from '../../../src/schema';
import { processAction } from '../../../sync-server/actions';
import { createUser, issueSession } from '../../../sync-server/auth';
import type { SmsGateway } from '../../../sync-server/context';
import { collection } from '../../../sync-server/database';
import { createLogger } from '../../../sync-server/logging';
import { openRuntime, type Runtime } from '../../../sync-server/runtime';
import { type RunningServer, startServer } from '../../../sync-server/server';
import type { StorageRequest } from '../../../sync-server/storage-choice';
import {
  openPgliteDriver,
  type SqlDriver,
  type SqlExecutor,
  type SqlParam,
} from '../../../sync-server/storage';

/**
 * The storage the server tests run on: an in-memory PGlite (the real PostgreSQL RxStorage), or rxdb's
 * memory storage with ORYN_TEST_STORAGE=memory for a quick local loop.
 */
export const TEST_STORAGE: StorageRequest | 'shared-pglite' =
  process.env.ORYN_TEST_STORAGE === 'memory' ? { kind: 'memory' } : 'shared-pglite';

// One in-memory PGlite per test file (its cold start is seconds); each test's database has its own
// name, so its own tables. Closed when the test worker exits.
let sharedPglite: Promise<SqlDriver> | undefined;
async function resolveStorage(storage: StorageRequest | 'shared-pglite'): Promise<StorageRequest> {
  if (storage !== 'shared-pglite') return storage;
  sharedPglite ??= openPgliteDriver('memory://');
  return { kind: 'pglite', driver: await sharedPglite };
}

/** The SMS operator is the one boundary tests replace (preamble). */
export class RecordingSms implements SmsGateway {
  readonly sent: { to: string; text: string }[] = [];
  async send(to: string, text: string): Promise<void> {
    this.sent.push({ to, text });
  }
}

/** A settable clock: tests move time, the server reads only this. */
export class TestClock {
  constructor(public ms = Date.parse('2026-03-19T05:00:00Z')) {}
  now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
}

export interface TestServer {
  runtime: Runtime;
  server: RunningServer;
  clock: TestClock;
  logLines: string[];
  stop(): Promise<void>;
}

export function logSink(lines: string[]) {
  return new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
}

export async function startTestRuntime(
  storage: StorageRequest | 'shared-pglite' = TEST_STORAGE,
  clock = new TestClock(),
): Promise<{ runtime: Runtime; logLines: string[]; clock: TestClock }> {
  const logLines: string[] = [];
  const runtime = await openRuntime({
    storage: await resolveStorage(storage),
    name: `t${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    config: { tokenSecret: 'test-secret-test-secret-test-secret', publicUrl: 'http://127.0.0.1' },
    log: createLogger({ level: 'debug', destination: logSink(logLines) }),
    now: clock.now,
    sms: new RecordingSms(),
  });
  return { runtime, logLines, clock };
}

export async function startTestServer(
  storage: StorageRequest | 'shared-pglite' = TEST_STORAGE,
  clock = new TestClock(),
): Promise<TestServer> {
  const { runtime, logLines } = await startTestRuntime(storage, clock);
  const server = await startServer(runtime.ctx, {
    port: 0,
    host: '127.0.0.1',
    storage: runtime.storage.kind,
  });
  return {
    runtime,
    server,
    clock,
    logLines,
    async stop() {
      await server.close();
      await runtime.close();
    },
  };
}

/** A staff or supervisor account and a session token for it. */
export async function loginAs(
  runtime: Runtime,
  user: {
    login: string;
    role: 'staff' | 'supervisor';
    kindergartenId?: string;
    regionId?: string;
    name?: string;
  },
): Promise<{ userId: string; token: string }> {
  const created = await createUser(runtime.ctx, {
    login: user.login,
    password: 'demo-password-1',
    role: user.role,
    name: user.name ?? user.login,
    ...(user.kindergartenId ? { kindergartenId: user.kindergartenId } : {}),
    ...(user.regionId ? { regionId: user.regionId } : {}),
  });
  const session = await issueSession(runtime.ctx, { id: created.id, role: user.role, tokenVersion: 0 });
  return { userId: created.id, token: session.token };
}

/** An action as a device would make it. */
export function actionOf(
  fields: Pick<Action, 'kind' | 'payload' | 'actor' | 'actorRole'> & Partial<Action>,
  now: Date,
): Action {
  return {
    id: fields.id ?? randomUUID(),
    kindergartenId: '',
    deviceId: 'test-device',
    occurredAt: now.toISOString(),
    status: 'pending',
    updatedAt: now.getTime(),
    ...fields,
  };
}

/**
 * A staff member of kg-a activating the seed's first response (seedSmallDistrict: app-1's to bul-a),
 * as their workstation writes it; `fields` change the rest (another id, device or kind).
 */
export function kgAActivation(actor: string, at: Date, fields: Partial<Action> = {}): Action {
  return actionOf(
    {
      kind: 'response.activate',
      actor,
      actorRole: 'staff',
      kindergartenId: 'kg-a',
      payload: { responseId: 'resp_respond-1' },
      ...fields,
    },
    at,
  );
}

export function childIin(n: number, birthDate = '2021-05-14'): string {
  for (let serial = n; serial < n + 50; serial++) {
    const iin = makeIin({ birthDate, sex: n % 2 ? 'male' : 'female', serial });
    if (iin) return iin;
  }
  throw new Error('no IIN');
}

/**
 * A small district (the seed's Туркестанская область): two kindergartens in Туркестан, one in another
 * region, one published bulletin each, four families filed and responded through parent actions.
 */
export async function seedSmallDistrict(runtime: Runtime): Promise<void> {
  const { ctx } = runtime;
  const now = ctx.now();
  const ms = now.getTime();
  const kg = (id: string, regionId: string, localityId: string, nameRu: string) => ({
    id,
    nameKk: nameRu,
    nameRu,
    ownership: 'state' as const,
    regionId,
    localityId,
    address: `${localityId}, 1`,
    languages: ['kk', 'ru'],
    status: 'open' as const,
    updatedAt: ms,
  });
  await collection(ctx.db, 'kindergartens').bulkInsert([
    kg('kg-a', 'turkestan', 'turkestan-city', 'ГККП «Балапан» ясли-сад'),
    kg('kg-b', 'turkestan', 'turkestan-city', 'ГККП «Алия» ясли-сад'),
    kg('kg-x', 'other', 'other-city', 'ГККП «Айголек»'),
  ]);
  const group = (id: string, kindergartenId: string) => ({
    id,
    kindergartenId,
    name: `${id} тобы`,
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [2021],
    ageGroup: 'Разновозрастная группа',
    capacity: 20,
    enrolled: 10,
    status: 'open' as const,
    updatedAt: ms,
  });
  await collection(ctx.db, 'groups').bulkInsert([
    group('grp-a', 'kg-a'),
    group('grp-b', 'kg-b'),
    group('grp-x', 'kg-x'),
  ]);
  const bulletin = (
    id: string,
    kindergartenId: string,
    groupId: string,
    regionId: string,
    localityId: string,
  ) => ({
    id,
    kindergartenId,
    groupId,
    regionId,
    localityId,
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [2021],
    ageGroup: 'Разновозрастная группа',
    placeType: 'free',
    totalPlaces: 2,
    freePlaces: 2,
    vacancyAt: now.toISOString(),
    publishedAt: now.toISOString(),
    access: 'all' as const,
    status: 'published' as const,
    authorId: 'user:seed',
    authorName: 'Исенова Гулмира',
    updatedAt: ms,
  });
  await collection(ctx.db, 'bulletins').bulkInsert([
    bulletin('bul-a', 'kg-a', 'grp-a', 'turkestan', 'turkestan-city'),
    bulletin('bul-b', 'kg-b', 'grp-b', 'turkestan', 'turkestan-city'),
    bulletin('bul-x', 'kg-x', 'grp-x', 'other', 'other-city'),
  ]);
  const families = [
    { n: 1, bulletinId: 'bul-a', regionId: 'turkestan', localityId: 'turkestan-city' },
    { n: 2, bulletinId: 'bul-a', regionId: 'turkestan', localityId: 'turkestan-city' },
    { n: 3, bulletinId: 'bul-b', regionId: 'turkestan', localityId: 'turkestan-city' },
    { n: 4, bulletinId: null, regionId: 'turkestan', localityId: 'turkestan-city' },
    { n: 5, bulletinId: 'bul-x', regionId: 'other', localityId: 'other-city' },
  ];
  await collection(ctx.db, 'parents').bulkInsert(
    families.map((f) => ({
      id: `par-${f.n}`,
      phone: `+7701000000${f.n}`,
      consentVersion: '2026-01',
      consentAt: now.toISOString(),
      passwordHash: 'not-a-login',
      tokenVersion: 0,
      createdAt: now.toISOString(),
      updatedAt: ms,
    })),
  );
  for (const f of families) {
    const filed = await processAction(
      ctx,
      actionOf(
        {
          id: `file-${f.n}`,
          kind: 'application.file',
          actor: `par-${f.n}`,
          actorRole: 'parent',
          payload: {
            applicationId: `app-${f.n}`,
            childId: `child-${f.n}`,
            childIin: childIin(f.n * 10),
            childName: `КАМЕНОВА ДАНИЯ ${f.n}`,
            parentId: `par-${f.n}`,
            groupType: 'ordinary',
            languages: ['kk', 'ru'],
            regionId: f.regionId,
            localityId: f.localityId,
            claimedPriority: 'none',
          },
        },
        ctx.now(),
      ),
    );
    if (filed.status !== 'applied') throw new Error(`file ${f.n}: ${JSON.stringify(filed)}`);
    if (f.bulletinId) {
      const responded = await processAction(
        ctx,
        actionOf(
          {
            id: `respond-${f.n}`,
            kind: 'application.respond',
            actor: `par-${f.n}`,
            actorRole: 'parent',
            payload: { applicationId: `app-${f.n}`, bulletinId: f.bulletinId },
          },
          ctx.now(),
        ),
      );
      if (responded.status !== 'applied') throw new Error(`respond ${f.n}: ${JSON.stringify(responded)}`);
    }
  }
}

/**
 * The process "dies" as it writes audit entries, until the answered function is called: on our storage
 * they are sealed in the transaction that marks the batch's actions (actions/journal.ts), which fails at
 * its lock of the audit table; on rxdb's memory storage (ORYN_TEST_STORAGE=memory) the audit's own
 * bulkWrite fails. What came before (the documents with the journal) is written.
 */
export async function failAuditWrites(runtime: Runtime): Promise<() => void> {
  let crash = true;
  const driver = runtime.storage.driver ? await runtime.storage.driver() : undefined;
  const original = driver?.transaction;
  if (driver && original)
    driver.transaction = <T>(work: (tx: SqlExecutor) => Promise<T>) =>
      original<T>((tx) =>
        work({
          query: <Row>(sql: string, params?: readonly SqlParam[]) =>
            crash && /FOR UPDATE/.test(sql) && /_audit_/.test(sql)
              ? Promise.reject(new Error('power cut'))
              : tx.query<Row>(sql, params),
        }),
      );
  const storage = collection(runtime.ctx.db, 'audit').storageInstance;
  const write = storage.bulkWrite.bind(storage);
  storage.bulkWrite = (rows, context) =>
    crash ? Promise.reject(new Error('power cut')) : write(rows, context);
  return () => {
    crash = false;
    if (driver && original) driver.transaction = original;
    storage.bulkWrite = write;
  };
}
