import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Bulletin,
  bulletinSchema,
  collections,
  type Group,
  groupSchema,
  type Referral,
  referralSchema,
  type MigrationStrategies,
  missingMigrationStrategies,
} from '../../src/schema';

// The migration pattern of src/schema/migrations.ts, exercised end to end: a desktop replica written
// by an old app version is reopened by a new one and its documents are upgraded in place.

beforeAll(() => {
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  addRxPlugin(RxDBMigrationSchemaPlugin);
});

/** Bulletins as version 0 shipped them (the same fields; texts where version 1 has codes). */
const bulletinSchemaV0 = { ...bulletinSchema, version: 0 } as const;

/** A version 1 of bulletins as a release might have shipped it: a new required field `placeKind`. */
const bulletinSchemaV1 = {
  ...bulletinSchema,
  version: 1,
  properties: {
    ...bulletinSchema.properties,
    placeKind: { type: 'string', enum: ['free', 'temporary'], maxLength: 10 },
  },
  required: [...bulletinSchema.required, 'placeKind'],
} as const;

type BulletinV1 = Bulletin & { placeKind: 'free' | 'temporary' };

const strategies: MigrationStrategies = {
  // The seed's "Вид места: Свободные места" was free text in v0; v1 makes it an enum.
  1: (old: Bulletin): BulletinV1 => ({
    ...old,
    placeKind: /временн|уақытша|temporary/i.test(old.placeType) ? 'temporary' : 'free',
  }),
};

function bulletin(id: string, placeType: string, status: Bulletin['status'] = 'published'): Bulletin {
  return {
    id,
    kindergartenId: 'kg-balapan',
    groupId: 'grp-zhuldyz',
    regionId: 'turkestan',
    localityId: 'arys',
    groupType: 'sanatorium',
    language: 'kk',
    birthYears: [2017, 2016],
    ageGroup: 'Разновозрастная группа',
    placeType,
    totalPlaces: 3,
    freePlaces: 3,
    vacancyAt: '2019-06-13T18:00:00+05:00',
    publishedAt: '2019-06-13T09:00:00+05:00',
    access: 'all',
    status,
    authorId: 'staff-1',
    authorName: 'Исенова Гулмира',
    updatedAt: 1_560_400_000_000,
  };
}

const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() });
const open: RxDatabase[] = [];

async function database(name: string): Promise<RxDatabase> {
  const db = await createRxDatabase({ name, storage: storage(), ignoreDuplicate: true });
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) if (!db.destroyed) await db.destroy();
});

describe('schema migration', () => {
  it('upgrades bulletins written by version 0 when the app reopens them with version 1', async () => {
    const v0 = await database('migration-upgrade');
    await v0.addCollections({ bulletins: { schema: bulletinSchemaV0 as RxJsonSchema<Bulletin> } });
    await v0.bulletins.bulkInsert([
      bulletin('b-1', 'Свободные места'),
      bulletin('b-2', 'Временные места'),
      bulletin('b-3', 'Свободные места', 'closed'),
    ]);
    await v0.destroy();

    const v1 = await database('migration-upgrade');
    await v1.addCollections({
      bulletins: { schema: bulletinSchemaV1 as RxJsonSchema<BulletinV1>, migrationStrategies: strategies },
    });
    const docs = (await v1.bulletins.find({ sort: [{ id: 'asc' }] }).exec()).map(
      (d) => d.toJSON() as BulletinV1,
    );

    expect(docs.map((d) => [d.id, d.placeKind, d.status])).toEqual([
      ['b-1', 'free', 'published'],
      ['b-2', 'temporary', 'published'],
      ['b-3', 'free', 'closed'],
    ]);
    // Everything else survives the migration unchanged.
    expect(docs[0]).toMatchObject({ freePlaces: 3, birthYears: [2017, 2016], authorName: 'Исенова Гулмира' });
  });

  it('validates migrated documents against the new schema', async () => {
    const v0 = await database('migration-validates');
    await v0.addCollections({ bulletins: { schema: bulletinSchemaV0 as RxJsonSchema<Bulletin> } });
    await v0.bulletins.insert(bulletin('b-1', 'Свободные места'));
    await v0.destroy();

    const v1 = await database('migration-validates');
    await v1.addCollections({
      bulletins: { schema: bulletinSchemaV1 as RxJsonSchema<BulletinV1>, migrationStrategies: strategies },
    });
    const doc = await v1.bulletins.findOne('b-1').exec();
    // A write keeps the new required field: without it ajv refuses the document.
    await expect(doc!.incrementalPatch({ freePlaces: 2 })).resolves.toBeTruthy();
    // RxDB's validation error VD2: the document does not match the schema.
    await expect(v1.bulletins.insert(bulletin('b-9', 'Свободные места') as BulletinV1)).rejects.toThrow(
      /VD2/,
    );
  });

  it('drops a document whose strategy returns null', async () => {
    const v0 = await database('migration-drops');
    await v0.addCollections({ bulletins: { schema: bulletinSchemaV0 as RxJsonSchema<Bulletin> } });
    await v0.bulletins.bulkInsert([bulletin('b-1', 'Свободные места'), bulletin('b-2', 'x', 'draft')]);
    await v0.destroy();

    const v1 = await database('migration-drops');
    await v1.addCollections({
      bulletins: {
        schema: bulletinSchemaV1 as RxJsonSchema<BulletinV1>,
        migrationStrategies: { 1: (old: Bulletin) => (old.status === 'draft' ? null : strategies[1](old)) },
      },
    });
    const ids = (await v1.bulletins.find().exec()).map((d) => d.id);
    expect(ids).toEqual(['b-1']);
  });

  it('refuses to open a newer schema version without its strategy', async () => {
    const v0 = await database('migration-missing');
    await v0.addCollections({ bulletins: { schema: bulletinSchemaV0 as RxJsonSchema<Bulletin> } });
    await v0.destroy();

    const v1 = await database('migration-missing');
    await expect(
      v1.addCollections({ bulletins: { schema: bulletinSchemaV1 as RxJsonSchema<BulletinV1> } }),
    ).rejects.toThrow(/COL\d+/);
    expect(missingMigrationStrategies(1, {})).toEqual([1]);
    expect(missingMigrationStrategies(2, strategies)).toEqual([2]);
    expect(missingMigrationStrategies(1, strategies)).toEqual([]);
  });

  it('refuses to reopen a collection whose schema changed without a version bump', async () => {
    // Why every change, even a new optional field, bumps `version` (migrations.ts, step 1): RxDB
    // stores the schema's hash per version and will not open an existing replica under another one.
    const v0 = await database('migration-no-bump');
    await v0.addCollections({ bulletins: { schema: bulletinSchemaV0 as RxJsonSchema<Bulletin> } });
    await v0.bulletins.insert(bulletin('b-1', 'Свободные места'));
    await v0.destroy();

    const changed = {
      ...bulletinSchemaV0,
      properties: { ...bulletinSchemaV0.properties, note: { type: 'string', maxLength: 100 } },
    };
    const again = await database('migration-no-bump');
    await expect(
      again.addCollections({ bulletins: { schema: changed as RxJsonSchema<Bulletin> } }),
    ).rejects.toThrow(/DB6/);
  });

  it('version 1 of groups and bulletins turns the age group and place type texts into codes', async () => {
    const v0 = await database('migration-catalogue-codes');
    await v0.addCollections({
      bulletins: { schema: bulletinSchemaV0 as RxJsonSchema<Bulletin> },
      groups: { schema: { ...groupSchema, version: 0 } as RxJsonSchema<Group> },
    });
    await v0.bulletins.bulkInsert([
      { ...bulletin('b-1', 'Свободные места'), ageGroup: 'Младшая группа' },
      { ...bulletin('b-2', 'Временные места'), ageGroup: 'Разновозрастная группа' },
      { ...bulletin('b-3', 'Бос орындар'), ageGroup: 'Ересек топ' },
      { ...bulletin('b-4', 'Места по договору'), ageGroup: 'Группа «Радуга»' },
    ]);
    await v0.groups.insert({
      id: 'g-1',
      kindergartenId: 'kg-balapan',
      name: '«Балапан» Средняя группа',
      groupType: 'ordinary',
      language: 'ru',
      birthYears: [2021],
      ageGroup: 'Средняя группа',
      capacity: 20,
      enrolled: 18,
      status: 'open',
      updatedAt: 1,
    });
    await v0.destroy();

    const v1 = await database('migration-catalogue-codes');
    await v1.addCollections({ bulletins: collections.bulletins, groups: collections.groups });
    const docs = (await v1.bulletins.find({ sort: [{ id: 'asc' }] }).exec()).map(
      (d) => d.toJSON() as Bulletin,
    );
    expect(docs.map((d) => [d.id, d.ageGroup, d.placeType])).toEqual([
      ['b-1', 'junior', 'free'],
      ['b-2', 'mixed', 'temporary'],
      ['b-3', 'senior', 'free'],
      // A text the migration does not know stays as the kindergarten wrote it.
      ['b-4', 'Группа «Радуга»', 'Места по договору'],
    ]);
    const group = (await v1.groups.findOne('g-1').exec())?.toJSON() as Group;
    expect(group).toMatchObject({ ageGroup: 'middle', name: '«Балапан» Средняя группа', enrolled: 18 });
  });
  it('version 1 of referrals keeps every referral as it was, with no queue number guessed', async () => {
    // Version 0: the same fields without queueNumber (additionalProperties: false refused it then).
    const { queueNumber: _added, ...v0Properties } = referralSchema.properties;
    const v0 = await database('migration-referrals');
    await v0.addCollections({
      referrals: {
        schema: {
          ...referralSchema,
          version: 0,
          properties: v0Properties,
        } as unknown as RxJsonSchema<Referral>,
      },
    });
    const written: Referral = {
      id: 'ref-1',
      applicationId: 'app-1',
      bulletinId: 'b-1',
      responseId: 'resp-1',
      kindergartenId: 'kg-balapan',
      groupId: 'g-1',
      childIin: '170720600126',
      childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
      parentId: 'parent-1',
      activatedAt: '2019-06-19T16:39:00+05:00',
      activatedBy: 'staff-1',
      validUntil: '2019-06-26',
      status: 'active',
      verificationCode: 'JM5N-WW2G-7KQX',
      updatedAt: 1_560_944_340_000,
    };
    await v0.referrals.insert(written);
    await v0.destroy();

    const v1 = await database('migration-referrals');
    await v1.addCollections({ referrals: collections.referrals });
    const doc = (await v1.referrals.findOne('ref-1').exec())?.toJSON() as Referral;
    expect(doc).toEqual(written);
    expect(doc.queueNumber).toBeUndefined();
    // Version 1 takes the number the server records at issue.
    await v1.referrals.insert({ ...written, id: 'ref-2', queueNumber: 7 });
    expect((await v1.referrals.findOne('ref-2').exec())?.queueNumber).toBe(7);
  });
});
