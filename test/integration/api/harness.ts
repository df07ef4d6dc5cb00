import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { type ActionPayloads, makeAction } from '../../../src/domain';
import type { Action, ActionKind, Referral } from '../../../src/schema';
import { processAction } from '../../../sync-server/actions';
import { type ApiLimits, createApi } from '../../../sync-server/api';
import { createUser } from '../../../sync-server/auth';
import type { ServerConfig } from '../../../sync-server/context';
import { collection } from '../../../sync-server/database';
import { collectionOf } from '../../../sync-server/schema';
import { createTestContext, type TestContext } from '../../support/test-context';

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies of many shapes and assert on them.
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  /** A raw body (malformed JSON, FormData) instead of `body`. */
  raw?: BodyInit;
  token?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  ctx: TestContext;
  base: string;
  // biome-ignore lint/suspicious/noExplicitAny: as Reply.
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

/** A real express server on 127.0.0.1 (a free port) with the parents' API at /api over a real RxDB database. */
export async function startApi(
  options: {
    start?: string;
    limits?: Partial<ApiLimits>;
    config?: Partial<ServerConfig>;
    storage?: 'memory' | 'pglite';
    /** Clients play several addresses through X-Forwarded-For (the limits per address). */
    addresses?: boolean;
  } = {},
): Promise<TestApi> {
  const ctx = await createTestContext(options.start, options.config, options.storage);
  const app = express();
  if (options.addresses) app.set('trust proxy', true);
  app.use('/api', createApi(ctx, { limits: options.limits }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return {
    ctx,
    base,
    call: callAt(base),
    async close() {
      server.closeAllConnections();
      server.close();
      await ctx.close();
    },
  };
}

/** `call` against the API at `base`: this harness's server, or one started elsewhere. */
export function callAt(base: string): TestApi['call'] {
  return async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: BodyInit | undefined = o.raw;
    if (o.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(o.body);
    }
    const res = await fetch(`${base}${path}`, { method, headers, body });
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('application/json')
      ? await res.json()
      : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: parsed, headers: res.headers };
  };
}

/**
 * The seed's places: Туркестанская область, г.Туркестан and г.Арысь, with the seed's kindergarten
 * "ГККП «Балапан» ясли - детский сад" and its group. Catalogue data, not state under test: written directly.
 */
export const REGION = 'turkestan-region';
export const LOCALITY = 'turkestan';
export const KG = 'kg-balapan';
export const GROUP = 'grp-zhuldyz';

export async function seedCatalogue(ctx: TestContext): Promise<void> {
  const now = ctx.now().getTime();
  await collectionOf(ctx.db, 'settings').insert({
    id: `region:${REGION}`,
    kind: 'region',
    value: {
      nameKk: 'Түркістан облысы',
      nameRu: 'Туркестанская область',
      localities: [
        { id: LOCALITY, nameKk: 'Түркістан қ.', nameRu: 'г.Туркестан' },
        { id: 'arys', nameKk: 'Арыс қ.', nameRu: 'г.Арысь' },
      ],
    },
    updatedAt: now,
  });
  await collectionOf(ctx.db, 'kindergartens').bulkInsert([
    {
      id: KG,
      nameKk: '«Балапан» бөбекжай-бақшасы',
      nameRu: 'ГККП «Балапан» ясли - детский сад',
      ownership: 'state',
      regionId: REGION,
      localityId: LOCALITY,
      address: 'Туркестанская область, город Туркестан, Саликбайы №33а',
      languages: ['kk', 'ru'],
      status: 'open',
      updatedAt: now,
    },
    {
      id: 'kg-aruzhan',
      nameKk: 'Аружан балабақшасы',
      nameRu: 'ТОО Аружан-2014-2',
      ownership: 'private',
      regionId: REGION,
      localityId: 'arys',
      address: 'город Арысь',
      languages: ['kk'],
      status: 'open',
      updatedAt: now,
    },
  ]);
  await collectionOf(ctx.db, 'groups').insert({
    id: GROUP,
    kindergartenId: KG,
    name: 'Жұлдыз санаторлық тобы',
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [2017, 2016, 2015, 2014],
    ageGroup: 'Разновозрастная группа',
    capacity: 25,
    enrolled: 22,
    status: 'open',
    updatedAt: now,
  });
}

/** A staff account of the seed's kindergarten ("Исенова Гулмира"). */
export async function staffUser(ctx: TestContext) {
  return createUser(ctx, {
    login: 'isenova',
    password: 'staff-password-1',
    role: 'staff',
    name: 'Исенова Гулмира Ибраимовна',
    kindergartenId: KG,
  });
}

/** A staff action as a workstation of kg-balapan writes it into its intent log: pending, now. */
export function pendingStaffAction<K extends ActionKind>(
  ctx: TestContext,
  staffId: string,
  kind: K,
  payload: ActionPayloads[K],
  id: string = crypto.randomUUID(),
): Action {
  return makeAction(kind, payload, {
    id,
    actor: staffId,
    actorRole: 'staff',
    kindergartenId: KG,
    deviceId: 'desk-1',
    now: ctx.now(),
  });
}

/** A staff step as the desktop app makes it: an action through the one processor. */
export async function staffAction<K extends ActionKind>(
  ctx: TestContext,
  staffId: string,
  kind: K,
  payload: ActionPayloads[K],
  id = crypto.randomUUID(),
) {
  const action = pendingStaffAction(ctx, staffId, kind, payload, id);
  const outcome = await processAction(ctx, action);
  if (outcome.status !== 'applied') throw new Error(`${kind} rejected: ${JSON.stringify(outcome)}`);
  return id;
}

/** POST /auth/login: a parent by phone, staff and supervisors by login. */
export function logIn(
  api: TestApi,
  body: { phone: string; password: string } | { login: string; password: string },
) {
  return api.call('POST', '/auth/login', { body });
}

/** The seed's parent, registered over HTTP through all four steps; returns the bearer token. */
export async function registerParent(
  api: TestApi,
  phone = '+7 701 234 56 78',
  iin = '940225300128',
): Promise<{ token: string; cookie: string; phone: string }> {
  const code = await api.call('POST', '/auth/otp', { body: { phone, consent: true } });
  if (code.status !== 200) throw new Error(`otp: ${JSON.stringify(code.body)}`);
  const e164 = `+7${phone.replace(/\D/g, '').slice(-10)}`;
  const verified = await api.call('POST', '/auth/otp/verify', {
    body: { phone, code: api.ctx.smsBox.lastCode(e164) },
  });
  const registered = await api.call('POST', '/auth/register', {
    body: { ticket: verified.body.ticket, password: 'Balapan-2019', passwordConfirmation: 'Balapan-2019' },
  });
  if (registered.status !== 201) throw new Error(`register: ${JSON.stringify(registered.body)}`);
  const token = registered.body.token as string;
  const confirmed = await api.call('POST', '/me/iin', { token, body: { iin } });
  if (confirmed.status !== 200) throw new Error(`iin: ${JSON.stringify(confirmed.body)}`);
  const cookie = (registered.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  return { token, cookie, phone: e164 };
}

/** The seed's child (170720600126) added and its application filed: ordinary group, Kazakh, Turkestan. */
export async function fileSeedApplication(api: TestApi, token: string) {
  const child = await api.call('POST', '/children', { token, body: { iin: '170720600126' } });
  return api.call('POST', '/applications', {
    token,
    body: {
      childId: child.body.id,
      groupType: 'ordinary',
      languages: ['kk'],
      regionId: REGION,
      localityId: LOCALITY,
    },
  });
}

/** The seed's bulletin: 3 free places in «Жулдыз», published by the kindergarten's staff member. */
export function publishSeedBulletin(ctx: TestContext, staffId: string, bulletinId = 'bul-1') {
  return staffAction(ctx, staffId, 'bulletin.publish', {
    bulletinId,
    groupId: GROUP,
    totalPlaces: 3,
    freePlaces: 3,
    placeType: 'Свободные места',
    vacancyAt: '2026-03-18T18:00:00+05:00',
    authorName: 'Исенова Гулмира Ибраимовна',
  });
}

/**
 * The seed's journey up to a referral on its last valid day, the day it may be extended: catalogue,
 * staff, parent, child, application, bulletin, response, activation on Thu 19.03.2026 (Nauryz days
 * off), then the clock on Tue 31.03.2026. For an api started at or before 2026-03-19T10:00+05:00.
 */
export async function referralOnItsLastDay(api: TestApi) {
  await seedCatalogue(api.ctx);
  const staffId = (await staffUser(api.ctx)).id;
  const staffLogin = await logIn(api, { login: 'isenova', password: 'staff-password-1' });
  if (staffLogin.status !== 200) throw new Error(`staff login: ${JSON.stringify(staffLogin.body)}`);
  const { token: parentToken } = await registerParent(api);
  const filed = await fileSeedApplication(api, parentToken);
  await publishSeedBulletin(api.ctx, staffId);
  api.ctx.clock.set('2026-03-19T11:00:00+05:00');
  const responded = await api.call('POST', '/bulletins/bul-1/responses', {
    token: parentToken,
    body: { applicationId: filed.body.id },
  });
  api.ctx.clock.set('2026-03-19T16:00:00+05:00');
  await staffAction(api.ctx, staffId, 'response.activate', { responseId: responded.body.response.id });
  const referred = await api.call('GET', `/applications/${filed.body.id}`, { token: parentToken });
  api.ctx.clock.set('2026-03-31T10:00:00+05:00');
  return {
    staffId,
    staffToken: staffLogin.body.token as string,
    parentToken,
    referralId: referred.body.referral.id as string,
  };
}

/**
 * An api on PGlite brought to referralOnItsLastDay for a file's tests to share, with the referral as
 * stored: its clients play addresses (each test its own, so only the limit under test is reached) and
 * its tokens outlive the journey's twelve days; `limits` are the file's own.
 */
export async function startOnReferralsLastDay(limits: Partial<ApiLimits>) {
  const api = await startApi({
    storage: 'pglite',
    config: { accessTokenTtlMs: 90 * 86_400_000 },
    addresses: true,
    limits,
  });
  const journey = await referralOnItsLastDay(api);
  const stored = await collection(api.ctx.db, 'referrals').findOne(journey.referralId).exec();
  if (!stored) throw new Error('the journey left no referral');
  return { api, journey, referral: stored.toJSON() as Referral };
}
