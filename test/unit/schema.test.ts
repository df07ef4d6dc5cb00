import { addRxPlugin, createRxDatabase, type RxCollectionCreator, type RxDatabase } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CollectionName, collections, type DocOf, missingMigrationStrategies } from '../../src/schema';

// Every collection of docs/architecture.md must be accepted by RxDB's dev-mode checks (which catch
// schemas the storage cannot index) and must validate documents with ajv, as the replicas will.
const updatedAt = 1_773_939_600_000;

/** A valid document per collection, from the seed's and docs/domain.md's examples. */
const valid: { [C in CollectionName]: DocOf<C> } = {
  kindergartens: {
    id: 'kg-balapan',
    nameKk: '«Балапан» бөбекжай-бақшасы',
    nameRu: 'ГККП «Балапан» ясли - детский сад',
    ownership: 'state',
    regionId: 'turkestan',
    localityId: 'arys',
    address: 'Туркестанская область, город Арыс, Саликбайы №33а',
    languages: ['kk', 'ru'],
    status: 'open',
    updatedAt,
  },
  groups: {
    id: 'grp-zhuldyz',
    kindergartenId: 'kg-balapan',
    name: 'Жұлдыз санаторлық тобы',
    groupType: 'sanatorium',
    language: 'kk',
    birthYears: [2017, 2016, 2015, 2014],
    ageGroup: 'Разновозрастная группа',
    capacity: 25,
    enrolled: 22,
    status: 'open',
    updatedAt,
  },
  bulletins: {
    id: 'b-1',
    kindergartenId: 'kg-balapan',
    groupId: 'grp-zhuldyz',
    regionId: 'turkestan',
    localityId: 'arys',
    groupType: 'sanatorium',
    language: 'kk',
    birthYears: [2017, 2016, 2015, 2014],
    ageGroup: 'Разновозрастная группа',
    placeType: 'Свободные места',
    totalPlaces: 3,
    freePlaces: 3,
    vacancyAt: '2019-06-13T18:00:00+05:00',
    publishedAt: '2019-06-13T09:00:00+05:00',
    access: 'all',
    status: 'published',
    authorId: 'staff-1',
    authorName: 'Исенова Гулмира Ибраимовы',
    updatedAt,
  },
  applications: {
    id: 'app-1',
    childId: 'child-dania',
    childIin: '170720600126',
    childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
    parentId: 'parent-ermek',
    birthYear: 2017,
    filedAt: '2019-06-19T11:57:00+05:00',
    groupType: 'ordinary',
    languages: ['kk', 'ru'],
    regionId: 'turkestan',
    localityId: 'arys',
    priority: 'none',
    claimedPriority: 'none',
    status: 'waiting',
    updatedAt,
  },
  responses: {
    id: 'resp-1',
    applicationId: 'app-1',
    bulletinId: 'b-1',
    kindergartenId: 'kg-balapan',
    childIin: '170720600126',
    childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
    birthYear: 2017,
    filedAt: '2019-06-19T11:57:00+05:00',
    priority: 'none',
    respondedAt: '2019-06-19T16:32:00+05:00',
    status: 'active',
    updatedAt,
  },
  referrals: {
    id: 'ref-1',
    applicationId: 'app-1',
    bulletinId: 'b-1',
    responseId: 'resp-1',
    kindergartenId: 'kg-balapan',
    groupId: 'grp-zhuldyz',
    childIin: '170720600126',
    childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
    parentId: 'parent-ermek',
    parentName: 'КАМЕНОВ ЕРМЕК АХМЕТОВИЧ',
    activatedAt: '2026-03-19T10:42:00+05:00',
    activatedBy: 'staff-1',
    validUntil: '2026-03-31',
    status: 'active',
    verificationCode: 'K7Q-42XM',
    updatedAt,
  },
  notifications: {
    id: 'n-1',
    recipientId: 'parent-ermek',
    kind: 'applicationAccepted',
    params: { queueNumber: 212 },
    createdAt: '2019-06-19T11:57:00+05:00',
    updatedAt,
  },
  actions: {
    id: '0b7e6a52-3f0e-4c55-9a43-1f1f6f0f2a11',
    kind: 'response.activate',
    payload: { responseId: 'resp-1' },
    actor: 'staff-1',
    actorRole: 'staff',
    kindergartenId: 'kg-balapan',
    deviceId: 'desk-1',
    occurredAt: '2026-03-19T10:42:00+05:00',
    status: 'pending',
    updatedAt,
  },
  audit: {
    id: 'audit-1',
    seq: 1,
    actionId: '0b7e6a52-3f0e-4c55-9a43-1f1f6f0f2a11',
    kind: 'response.activate',
    actor: 'staff-1',
    actorRole: 'staff',
    entityIds: ['resp-1', 'ref-1'],
    payload: { responseId: 'resp-1' },
    at: '2026-03-19T10:42:05+05:00',
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    updatedAt,
  },
};

/** One way each collection's document can be wrong, and why the schema must refuse it. */
const invalid: { [C in CollectionName]: [string, Record<string, unknown>] } = {
  kindergartens: ['an unknown ownership', { ownership: 'municipal' }],
  groups: ['a negative capacity', { capacity: -1 }],
  bulletins: ['an access stage other than priority/all', { access: 'everyone' }],
  applications: ['an IIN of 11 digits', { childIin: '17072060012' }],
  responses: ['an unknown status', { status: 'pending' }],
  referrals: ['a valid-until day written DD.MM.YYYY', { validUntil: '31.03.2026' }],
  notifications: ['a kind with no text', { kind: 'smsSent' }],
  actions: ['a field the schema does not know', { text: 'Активировать' }],
  audit: ['a chain position below 1', { seq: 0 }],
};

let db: RxDatabase;

beforeAll(async () => {
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  addRxPlugin(RxDBMigrationSchemaPlugin);
  db = await createRxDatabase({
    name: 'schema-check',
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
  });
  await db.addCollections(collections as unknown as Record<string, RxCollectionCreator>);
});

afterAll(async () => {
  await db.remove();
});

const names = Object.keys(collections) as CollectionName[];

describe('schemas', () => {
  it('every collection is accepted by RxDB dev-mode', () => {
    expect(Object.keys(db.collections).sort()).toEqual([...names].sort());
  });

  it('every collection has a migration strategy for each version above 0', () => {
    const missing = names.filter(
      (name) =>
        missingMigrationStrategies(collections[name].schema.version, collections[name].migrationStrategies)
          .length,
    );
    expect(missing).toEqual([]);
  });

  it.each(names)('a valid %s document is stored and read back', async (name) => {
    const doc = valid[name];
    await db.collections[name].insert(doc);
    const stored = await db.collections[name].findOne(doc.id).exec();
    expect(stored?.toJSON()).toEqual(doc);
  });

  it.each(names.map((name) => [name, invalid[name][0]] as const))(
    'a %s document with %s is refused',
    async (name) => {
      const doc = { ...valid[name], ...invalid[name][1], id: `${valid[name].id}-bad` };
      await expect(db.collections[name].insert(doc)).rejects.toThrow(/VD2/);
    },
  );
});
