import type { RxJsonSchema } from 'rxdb';
import { collections, REPLICATED_COLLECTIONS } from '../../../src/schema';

/**
 * The collections a staff replica holds (docs/architecture.md: staff see their kindergarten's catalogue,
 * bulletins, responders, referrals, their notifications and their own actions; never `audit`).
 */
export const REPLICA_COLLECTIONS = REPLICATED_COLLECTIONS;
export type ReplicaCollection = (typeof REPLICA_COLLECTIONS)[number];

/**
 * The children's personal fields, encrypted at rest in the replica (IndexedDB) with the key the host
 * keeps (Electron: safeStorage). These are the names and IINs of children and parents; ids, dates,
 * statuses and queue fields stay plain because the workspace queries and ranks by them.
 */
export const ENCRYPTED_FIELDS: Partial<Record<ReplicaCollection, readonly string[]>> = {
  applications: ['childName', 'childIin'],
  responses: ['childName', 'childIin'],
  referrals: ['childName', 'childIin', 'parentName'],
};

/**
 * The staff-side variant of a shared schema: the same version, fields and indexes as the server's
 * (replication routes by `/<collection>/<version>` and a changed version would be refused as an
 * outdated client), plus rxdb's `encrypted` list, which only the local storage wrapper reads. No
 * encrypted field is indexed (rxdb forbids it), and none is. The `pattern` of an IIN is dropped: the
 * stored value is ciphertext, and the server validates what it accepts anyway.
 */
export function replicaSchema(name: ReplicaCollection): RxJsonSchema<Record<string, unknown>> {
  const shared = collections[name].schema as unknown as RxJsonSchema<Record<string, unknown>>;
  const encrypted = ENCRYPTED_FIELDS[name];
  if (!encrypted) return shared;
  const properties = { ...shared.properties } as Record<string, Record<string, unknown>>;
  for (const field of encrypted) {
    const { pattern: _pattern, maxLength: _maxLength, ...rest } = properties[field] ?? { type: 'string' };
    properties[field] = rest;
  }
  return { ...shared, properties, encrypted: [...encrypted] } as RxJsonSchema<Record<string, unknown>>;
}
