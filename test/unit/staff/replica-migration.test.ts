import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { wrappedFieldEncryptionStorage } from '../../../renderer/staff/replica/field-encryption';
import { openReplica, replicaName } from '../../../renderer/staff/replica/open-replica';
import { makeAction } from '../../../src/domain';
import type { Action } from '../../../src/schema';
import { EARLIER_VERSIONS, earlierActionSchema } from '../../support/earlier-actions-schema';

/**
 * Versions 1 and 2 of `actions` (issue 12, item 6) added the supervisor's kinds to the enum of `kind`,
 * then `parent.releaseIin`. A kindergarten computer that was offline on the day of an update still
 * holds a replica written by the old app, with actions its staff made offline and never pushed: the
 * new app must open it and push them, not lose them — from either earlier version.
 */

const KEY = 'k'.repeat(43);
const USER = 'user:balapan-a';
const SERVER = 'http://127.0.0.1:8080';

function staffAction(id: string, minutes: number, status: Action['status'] = 'pending'): Action {
  const action = makeAction(
    'referral.signContract',
    { referralId: `ref-${id}`, contractNumber: `Д-${minutes}`, contractDate: '2026-03-19' },
    {
      id,
      actor: USER,
      actorRole: 'staff',
      kindergartenId: 'kg-balapan',
      deviceId: 'desk-1',
      now: new Date(Date.UTC(2026, 2, 19, 4, minutes)),
    },
  );
  return status === 'pending'
    ? action
    : { ...action, status, processedAt: '2026-03-19T04:30:00.000Z', updatedAt: action.updatedAt + 1 };
}

describe.each(EARLIER_VERSIONS)('a staff replica written by the app with actions version %i', (version) => {
  it('opens in the new app with its pending actions intact, ready to push', async () => {
    // One memory storage for both "app versions": the same database name reopens the same data.
    const storage = getRxStorageMemory();
    const old = await createRxDatabase({
      name: await replicaName(USER, SERVER),
      storage: wrappedFieldEncryptionStorage({ storage }),
      password: KEY,
      multiInstance: false,
    });
    await old.addCollections({ actions: { schema: earlierActionSchema(version) } });
    const written = [staffAction('a-1', 1), staffAction('a-2', 2), staffAction('a-0', 0, 'applied')];
    await old.actions.bulkInsert(written);
    await old.destroy();

    const replica = await openReplica({ userId: USER, serverUrl: SERVER, key: KEY, storage });
    const actions = replica.collections.actions;
    expect(actions.schema.version).toBe(2);
    const pending = (
      await actions.find({ selector: { status: 'pending' }, sort: [{ updatedAt: 'asc' }] }).exec()
    ).map((d) => d.toJSON() as Action);
    // Exactly as made offline: same ids, payloads and device times, still waiting for the server.
    expect(pending).toEqual(written.slice(0, 2).map((a) => expect.objectContaining(a)));
    expect((await actions.findOne('a-0').exec())?.status).toBe('applied');
    await replica.destroy();
  });
});
