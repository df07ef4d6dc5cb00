import { randomBytes, randomUUID } from 'node:crypto';
import { makeIin } from '../../src/domain';
import type { Action } from '../../src/schema';
import { processAction } from '../../sync-server/actions';
import { createUser } from '../../sync-server/auth';
import type { ServerContext } from '../../sync-server/context';
import { collection } from '../../sync-server/database';
import { openRuntime, type Runtime } from '../../sync-server/runtime';
import { DEMO_LOCALITIES, seedDemo } from '../../sync-server/seed';
import { type RunningServer, startServer } from '../../sync-server/server';
import type { SqlParam } from '../../sync-server/storage';

/**
 * The supervisor specs run their own real sync server in the test process (PGlite in memory, the
 * built pages from dist/renderer), because two of their checks need the database itself: the
 * dashboard's numbers are compared with a direct count, and an audit row is edited in SQL.
 * The demo district is loaded first; the specs' own records (SV, ids 'sv-e2e-…') come on top.
 */
export const SV = {
  regionId: 'turkestan',
  otherRegionId: 'shymkent',
  localityId: 'turkestan-city',
  kindergartenId: 'sv-e2e-kg',
  otherKindergartenId: 'sv-e2e-kg-shymkent',
  bulletinId: 'sv-e2e-bulletin',
  supervisor: { login: 'sv-e2e-turkestan', password: 'kurator-pass-1', name: 'Жумабекова Айгуль' },
  otherSupervisor: { login: 'sv-e2e-shymkent', password: 'kurator-pass-2', name: 'Сапарова Мадина' },
  skipReason: 'Первый в очереди не отвечает на звонки три дня, родители в отъезде',
} as const;

/** The demo district (sync-server/seed), smaller than `npm start`'s: every chart has data, quick on two cores. */
async function seedDemoDistrict(ctx: ServerContext): Promise<void> {
  await seedDemo(ctx, { applications: 600 });
  // The locality names a deployment keeps in the region's settings, for the charts' labels.
  const settings = collection(ctx.db, 'settings');
  for (const regionId of [SV.regionId, SV.otherRegionId]) {
    const localities = DEMO_LOCALITIES.filter((l) => l.regionId === regionId).map(
      ({ id, nameKk, nameRu }) => ({
        id,
        nameKk,
        nameRu,
      }),
    );
    const existing = await settings.findOne(`region:${regionId}`).exec();
    if (!existing) {
      await settings.insert({
        id: `region:${regionId}`,
        kind: 'region',
        value: { localities },
        updatedAt: ctx.now().getTime(),
      });
    } else if (!existing.value.localities) {
      await existing.incrementalPatch({ value: { ...existing.value, localities } });
    }
  }
}

function action(
  fields: Pick<Action, 'kind' | 'payload' | 'actor' | 'actorRole'> & Partial<Action>,
  now: Date,
): Action {
  return {
    id: randomUUID(),
    kindergartenId: '',
    deviceId: 'e2e',
    occurredAt: now.toISOString(),
    status: 'pending',
    updatedAt: now.getTime(),
    ...fields,
  };
}

async function applied(ctx: ServerContext, a: Action): Promise<void> {
  const outcome = await processAction(ctx, a);
  if (outcome.status !== 'applied') throw new Error(`${a.kind}: ${JSON.stringify(outcome)}`);
}

/** A kindergarten with a bulletin, two families who responded, and an activation out of queue order. */
async function seedFairnessCase(ctx: ServerContext): Promise<void> {
  const now = ctx.now();
  const ms = now.getTime();
  const kg = (id: string, regionId: string, localityId: string, nameKk: string, nameRu: string) => ({
    id,
    nameKk,
    nameRu,
    ownership: 'state' as const,
    regionId,
    localityId,
    address: 'ул. Тауке хана, 12',
    languages: ['kk', 'ru'],
    status: 'open' as const,
    updatedAt: ms,
  });
  await collection(ctx.db, 'kindergartens').bulkUpsert([
    kg(
      SV.kindergartenId,
      SV.regionId,
      SV.localityId,
      '«Шұғыла» бөбекжай-бақшасы (e2e)',
      'ГККП «Шугыла» ясли-сад (e2e)',
    ),
    kg(
      SV.otherKindergartenId,
      SV.otherRegionId,
      'shymkent-city',
      '«Арай» балабақшасы (e2e)',
      'ГККП «Арай» (e2e)',
    ),
  ]);
  await collection(ctx.db, 'groups').bulkUpsert([
    {
      id: 'sv-e2e-group',
      kindergartenId: SV.kindergartenId,
      name: 'Қарлығаш тобы',
      groupType: 'ordinary',
      language: 'kk',
      birthYears: [2021],
      ageGroup: 'Средняя группа',
      capacity: 25,
      enrolled: 23,
      status: 'open' as const,
      updatedAt: ms,
    },
  ]);
  await collection(ctx.db, 'bulletins').bulkUpsert([
    {
      id: SV.bulletinId,
      kindergartenId: SV.kindergartenId,
      groupId: 'sv-e2e-group',
      regionId: SV.regionId,
      localityId: SV.localityId,
      groupType: 'ordinary',
      language: 'kk',
      birthYears: [2021],
      ageGroup: 'Средняя группа',
      placeType: 'free',
      totalPlaces: 2,
      freePlaces: 2,
      vacancyAt: now.toISOString(),
      publishedAt: now.toISOString(),
      access: 'all' as const,
      status: 'published' as const,
      authorId: 'user:sv-e2e-staff',
      authorName: 'Исенова Гулмира',
      updatedAt: ms,
    },
  ]);
  const staff = await createUser(ctx, {
    login: 'sv-e2e-staff',
    password: 'staff-pass-1',
    role: 'staff',
    name: 'Исенова Гулмира',
    kindergartenId: SV.kindergartenId,
  });
  const responses: string[] = [];
  for (const n of [1, 2]) {
    const parentId = `sv-e2e-parent-${n}`;
    await collection(ctx.db, 'parents').upsert({
      id: parentId,
      phone: `+7701555000${n}`,
      consentVersion: '2026-01',
      consentAt: now.toISOString(),
      passwordHash: 'not-a-login',
      tokenVersion: 0,
      createdAt: now.toISOString(),
      updatedAt: ms,
    });
    const applicationId = `sv-e2e-app-${n}`;
    await applied(
      ctx,
      action(
        {
          kind: 'application.file',
          actor: parentId,
          actorRole: 'parent',
          payload: {
            applicationId,
            childId: `sv-e2e-child-${n}`,
            childIin: makeIin({ birthDate: '2021-04-1' + n, sex: 'female', serial: 700 + n }) ?? '',
            childName: n === 1 ? 'АХМЕТОВА АЙЛИН' : 'КАМЕНОВА ДАНИЯ',
            parentId,
            groupType: 'ordinary',
            languages: ['kk'],
            regionId: SV.regionId,
            localityId: SV.localityId,
            claimedPriority: 'none',
          },
        },
        ctx.now(),
      ),
    );
    const respond = action(
      {
        kind: 'application.respond',
        actor: parentId,
        actorRole: 'parent',
        payload: { applicationId, bulletinId: SV.bulletinId },
      },
      ctx.now(),
    );
    await applied(ctx, respond);
    responses.push(`resp_${respond.id}`);
  }
  // Staff activate the second responder first, with the reason the domain requires (docs/domain.md, Allocation).
  await applied(
    ctx,
    action(
      {
        kind: 'response.activate',
        actor: staff.id,
        actorRole: 'staff',
        kindergartenId: SV.kindergartenId,
        payload: { responseId: responses[1], skipReason: SV.skipReason },
      },
      ctx.now(),
    ),
  );
  await createUser(ctx, { ...SV.supervisor, role: 'supervisor', regionId: SV.regionId });
  await createUser(ctx, { ...SV.otherSupervisor, role: 'supervisor', regionId: SV.otherRegionId });
}

/** A parent of the district files an application through the action processor, as the parents' API does. */
export async function fileApplication(s: SupervisorServer, id: string): Promise<void> {
  const ctx = s.runtime.ctx;
  const parentId = `${id}-parent`;
  await collection(ctx.db, 'parents').upsert({
    id: parentId,
    phone: '+77015550099',
    consentVersion: '2026-01',
    consentAt: ctx.now().toISOString(),
    passwordHash: 'not-a-login',
    tokenVersion: 0,
    createdAt: ctx.now().toISOString(),
    updatedAt: ctx.now().getTime(),
  });
  await applied(
    ctx,
    action(
      {
        kind: 'application.file',
        actor: parentId,
        actorRole: 'parent',
        payload: {
          applicationId: `${id}-app`,
          childId: `${id}-child`,
          childIin: makeIin({ birthDate: '2022-02-02', sex: 'male', serial: 901 }) ?? '',
          childName: 'СЕРИКОВ АЛИХАН',
          parentId,
          groupType: 'ordinary',
          languages: ['kk', 'ru'],
          regionId: SV.regionId,
          localityId: SV.localityId,
          claimedPriority: 'none',
        },
      },
      ctx.now(),
    ),
  );
}

export interface SupervisorServer {
  runtime: Runtime;
  server: RunningServer;
  /** Runs SQL on the server's own PostgreSQL (PGlite). */
  sql<T = Record<string, unknown>>(text: string, params?: SqlParam[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startSupervisorServer(): Promise<SupervisorServer> {
  const runtime = await openRuntime({
    storage: { kind: 'pglite', dataDir: 'memory://' },
    name: 'oryn',
    config: { tokenSecret: randomBytes(32).toString('base64url'), publicUrl: 'http://127.0.0.1' },
  });
  await seedDemoDistrict(runtime.ctx);
  await seedFairnessCase(runtime.ctx);
  const server = await startServer(runtime.ctx, {
    port: 0,
    host: '127.0.0.1',
    storage: runtime.storage.kind,
  });
  return {
    runtime,
    server,
    async sql(text, params = []) {
      const driver = await runtime.storage.driver!();
      return driver.query(text, params) as never;
    },
    async stop() {
      await server.close();
      await runtime.close();
    },
  };
}
