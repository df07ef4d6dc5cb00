import { describe, expect, it } from 'vitest';
import { openReplica, replicaName } from '../../../renderer/staff/replica/open-replica';
import {
  ENCRYPTED_FIELDS,
  REPLICA_COLLECTIONS,
  replicaSchema,
} from '../../../renderer/staff/replica/replica-schemas';
import { collections } from '../../../src/schema';
import { recordingStorage } from './memory-storage';
import { replicaDocs } from './staff-scenario-docs';

describe('the staff replica at rest', () => {
  it('keeps the same schema version, fields and indexes as the server, so replication routes match', () => {
    for (const name of REPLICA_COLLECTIONS) {
      const local = replicaSchema(name);
      const shared = collections[name].schema;
      expect(local.version).toBe(shared.version);
      expect(Object.keys(local.properties).sort()).toEqual(Object.keys(shared.properties).sort());
      expect(local.indexes).toEqual(shared.indexes);
      expect(local.required).toEqual(shared.required);
    }
  });

  it('encrypts the names and IINs of children and parents, and indexes none of them', () => {
    expect(ENCRYPTED_FIELDS).toEqual({
      applications: ['childName', 'childIin'],
      responses: ['childName', 'childIin'],
      referrals: ['childName', 'childIin', 'parentName'],
    });
    for (const [name, fields] of Object.entries(ENCRYPTED_FIELDS)) {
      const indexed = (replicaSchema(name as never).indexes ?? []).flat();
      for (const field of fields) expect(indexed).not.toContain(field);
    }
  });

  it('writes a responder’s name and IIN only as ciphertext, and reads them back in clear', async () => {
    const written: Record<string, unknown>[] = [];
    const replica = await openReplica({
      userId: 'user:balapan-a',
      serverUrl: 'http://127.0.0.1:8080',
      key: 'k'.repeat(43),
      storage: recordingStorage(written) as never,
    });
    const response = replicaDocs().responses['r-a-1']!;
    await replica.collections.responses.insert(response);
    const stored = written.find((d) => d.id === 'r-a-1')!;
    expect(JSON.stringify(stored)).not.toContain('210720600120');
    expect(JSON.stringify(stored)).not.toContain('КАМЕНОВА');
    expect(stored.bulletinId).toBe('b-1');
    const read = (await replica.collections.responses.findOne('r-a-1').exec())!.toJSON();
    expect(read.childIin).toBe('210720600120');
    expect(read.childName).toBe('КАМЕНОВА ДАНИЯ ЕРМЕКОВНА');
    await replica.destroy();
  });

  it('is one database per user and server, so a user switch never mixes replicas', async () => {
    const a = await replicaName('user:balapan-a', 'http://127.0.0.1:8080');
    expect(a).toMatch(/^oryn_staff_[0-9a-f]{24}$/);
    expect(await replicaName('user:balapan-b', 'http://127.0.0.1:8080')).not.toBe(a);
    expect(await replicaName('user:balapan-a', 'http://10.0.0.5:8080')).not.toBe(a);
  });
});
