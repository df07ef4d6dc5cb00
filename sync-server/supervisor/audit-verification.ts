import type { RxDatabase } from 'rxdb';
import type { AuditEntry } from '../../src/schema';
import { verifyChain } from '../audit';
import { collection } from '../database';
import { readAll } from '../store';
import type { AuditVerification } from '../../src/contract';

// The answers' shapes are the HTTP contract's (src/contract/supervisor-api.ts).
export type { AuditVerification };

/**
 * Verifies the whole hash chain from the storage itself (not RxDB's caches), so an entry edited
 * directly in the database is caught. The chain is one for all districts: a break is reported by
 * position to every supervisor, with the entry's details only to the supervisor of its region.
 */
export async function verifyAuditChain(db: RxDatabase, regionId: string): Promise<AuditVerification> {
  const entries = (await readAll(collection(db, 'audit'), {})) as AuditEntry[];
  const verdict = verifyChain(entries);
  if (verdict.ok) return { ok: true, checked: verdict.length };
  const entry = entries.find((e) => e.seq === verdict.position);
  const inRegion = entry?.districtId === regionId;
  return {
    ok: false,
    checked: verdict.length,
    brokenAt: {
      seq: verdict.position,
      reason: verdict.reason,
      inRegion,
      ...(inRegion && entry ? { id: entry.id } : {}),
    },
  };
}
