import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRxDatabase } from 'rxdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAction } from '../../../src/domain';
import { EARLIER_VERSIONS, earlierActionSchema } from '../../support/earlier-actions-schema';
import { collection, openDatabase } from '../../../sync-server/database';
import { closeAllDrivers, getRxStoragePostgres } from '../../../sync-server/storage';
import { readAll } from '../../../sync-server/store';

/**
 * Versions 1 and 2 of `actions` (issue 12, item 6: the supervisor's kinds joined the enum, then
 * `parent.releaseIin`) on the server: a data folder written by an earlier release, with actions still
 * pending (pushed by workstations before the update, not yet applied), opens in the new server with
 * every action kept as it was, and the kinds the old enum refused can be stored there.
 */

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

describe.each(EARLIER_VERSIONS)('the server’s actions collection, version %i to 2', (version) => {
  it('keeps the pending actions of a data folder written by the earlier release', async () => {
    const storage = getRxStoragePostgres({ dataDir: join(folder, `pglite-v${version}`) });
    const old = await createRxDatabase({
      name: 'oryn',
      storage: wrappedValidateAjvStorage({ storage }),
      multiInstance: false,
    });
    await old.addCollections({ actions: { schema: earlierActionSchema(version) } });
    const pending = [
      makeAction('response.activate', { responseId: 'resp-1' }, origin('a-1', 1)),
      makeAction('referral.noShow', { referralId: 'ref-2' }, origin('a-2', 2)),
    ];
    await old.actions.bulkInsert(pending);
    // The version's newest kind was refused before: the enum is what changed.
    const release = makeAction(
      'parent.releaseIin',
      { regionId: 'turkestan-region', iin: '940225300128', reason: 'Обращение в контакт-центр' },
      { ...origin('sv-2', 4), actor: 'user:sv-t', kindergartenId: 'region:turkestan-region' },
    );
    await expect(old.actions.insert({ ...release, actorRole: 'supervisor' })).rejects.toThrow();
    await old.destroy();

    const db = await openDatabase({ storage, name: 'oryn' });
    const actions = collection(db, 'actions');
    expect(actions.schema.version).toBe(2);
    const kept = await readAll(actions, { status: 'pending' }, { sort: [{ updatedAt: 'asc' }] });
    expect(kept).toEqual(pending.map((a) => expect.objectContaining(a)));
    // Version 2 stores a supervisor's kind and the IIN's release, which the old enums refused.
    const edit = makeAction('group.edit', { groupId: 'grp-a', capacity: 30 }, origin('sv-1', 3));
    await actions.insert({ ...edit, actorRole: 'supervisor', actor: 'user:sv-t' });
    await actions.insert({ ...release, actorRole: 'supervisor' });
    expect((await readAll(actions, { actorRole: 'supervisor' })).map((a) => a.kind).sort()).toEqual([
      'group.edit',
      'parent.releaseIin',
    ]);
    await db.destroy();
  });
});
