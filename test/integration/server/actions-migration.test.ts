import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAction } from '../../../src/domain';
import { type Action, ACTION_KINDS, actionSchema, SUPERVISOR_ACTION_KINDS } from '../../../src/schema';
import { collection, openDatabase } from '../../../sync-server/database';
import { closeAllDrivers, getRxStoragePostgres } from '../../../sync-server/storage';
import { readAll } from '../../../sync-server/store';

/**
 * Version 1 of `actions` (issue 12, item 6: the supervisor's kinds joined the enum) on the server: a
 * data folder written by the previous release, with actions still pending (pushed by workstations
 * before the update, not yet applied), opens in the new server with every action kept as it was, and
 * a supervisor's kind can be stored there.
 */
const actionSchemaV0 = {
  ...actionSchema,
  version: 0,
  properties: {
    ...actionSchema.properties,
    kind: {
      ...actionSchema.properties.kind,
      enum: ACTION_KINDS.filter((k) => !(SUPERVISOR_ACTION_KINDS as readonly string[]).includes(k)),
    },
  },
} as unknown as RxJsonSchema<Action>;

const folder = mkdtempSync(join(tmpdir(), 'actions-migration-'));
afterAll(async () => {
  await closeAllDrivers();
  rmSync(folder, { recursive: true, force: true });
});

const origin = (id: string, minute: number) => ({
  id,
  actor: 'user:staff-a',
  actorRole: 'staff' as const,
  kindergartenId: 'kg-a',
  deviceId: 'desk-1',
  now: new Date(Date.UTC(2026, 2, 19, 4, minute)),
});

describe('the server’s actions collection, version 0 to 1', () => {
  it('keeps the pending actions of a data folder written before the supervisor’s kinds', async () => {
    const storage = getRxStoragePostgres({ dataDir: join(folder, 'pglite') });
    const old = await createRxDatabase({
      name: 'oryn',
      storage: wrappedValidateAjvStorage({ storage }),
      multiInstance: false,
    });
    await old.addCollections({ actions: { schema: actionSchemaV0 } });
    const pending = [
      makeAction('response.activate', { responseId: 'resp-1' }, origin('a-1', 1)),
      makeAction('referral.noShow', { referralId: 'ref-2' }, origin('a-2', 2)),
    ];
    await old.actions.bulkInsert(pending);
    await old.destroy();

    const db = await openDatabase({ storage, name: 'oryn' });
    const actions = collection(db, 'actions');
    expect(actions.schema.version).toBe(1);
    const kept = await readAll(actions, { status: 'pending' }, { sort: [{ updatedAt: 'asc' }] });
    expect(kept).toEqual(pending.map((a) => expect.objectContaining(a)));
    // Version 1 stores a supervisor's kind, which version 0's enum refused.
    const edit = makeAction('group.edit', { groupId: 'grp-a', capacity: 30 }, origin('sv-1', 3));
    await actions.insert({ ...edit, actorRole: 'supervisor', actor: 'user:sv-t' });
    expect((await readAll(actions, { id: 'sv-1' })).map((a) => a.kind)).toEqual(['group.edit']);
    await db.destroy();
  });
});
