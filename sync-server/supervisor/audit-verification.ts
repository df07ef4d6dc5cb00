import type { RxDatabase } from 'rxdb';
import type { AuditEntry } from '../../src/schema';
import { verifyChain } from '../audit';
import { collection } from '../database';
import { readAll } from '../store';

export interface AuditVerification {
  ok: boolean;
  /** Entries checked: the whole chain, every district's. */
  checked: number;
  /** Where the chain first breaks (issue 8: "reported with its position"). */
  brokenAt?: {
    seq: number;
    reason: 'gap' | 'link' | 'hash';
    /** The entry's id, only when it belongs to the supervisor's region (nothing of another district leaks). */
    id?: string;
    inRegion: boolean;
  };
}

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
