import type { RxDatabase } from 'rxdb';
import { z } from 'zod';
import type { AuditEntry } from '../../src/schema';
import { almatyDay } from './dashboard-filters';
import { collectionOf } from '../schema';
import { readAll } from '../store';

export const auditQuerySchema = z.object({
  /** Free text: matched against the kind, actor, entity ids, action id and the payload's values. */
  q: z.string().max(200).optional(),
  kind: z.string().max(40).optional(),
  actor: z.string().max(64).optional(),
  /** An entity (application, bulletin, response, referral…) the entries must touch. */
  entityId: z.string().max(64).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The region's audit entries, newest first. The chain is verified whole; a search sees only the region. */
export async function loadRegionAudit(db: RxDatabase, regionId: string): Promise<AuditEntry[]> {
  const entries = await readAll(collectionOf(db, 'audit'), { districtId: regionId });
  return entries.sort((a, b) => b.seq - a.seq);
}

function searchableText(entry: AuditEntry): string {
  return [
    entry.kind,
    entry.actor,
    entry.actionId,
    entry.kindergartenId ?? '',
    ...entry.entityIds,
    JSON.stringify(entry.payload),
  ]
    .join(' ')
    .toLowerCase();
}

/**
 * Whether an entry is part of a record's trail: it is the record's action, it changed the record, or
 * its payload names it (a response activation names the response, a respond names the bulletin).
 */
export function entryTouches(entry: AuditEntry, entityId: string): boolean {
  if (entry.actionId === entityId || entry.id === entityId || entry.entityIds.includes(entityId)) return true;
  return Object.values(entry.payload ?? {}).some((v) => v === entityId);
}

export function searchAudit(
  entries: AuditEntry[],
  query: AuditQuery,
): { total: number; entries: AuditEntry[] } {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matching = entries.filter((e) => {
    if (query.kind && e.kind !== query.kind) return false;
    if (query.actor && e.actor !== query.actor) return false;
    if (query.entityId && !entryTouches(e, query.entityId)) return false;
    if (query.from || query.to) {
      const day = Number.isNaN(Date.parse(e.at)) ? '' : almatyDay(e.at);
      if (query.from && day < query.from) return false;
      if (query.to && day > query.to) return false;
    }
    if (words.length > 0) {
      const text = searchableText(e);
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
  return { total: matching.length, entries: matching.slice(query.offset, query.offset + query.limit) };
}
