import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../src/schema';
import { canonicalJson } from './canonical-json';

/**
 * The audit log is hash-chained (docs/architecture.md): each entry's hash is sha256 over the previous
 * entry's hash and the canonical JSON of the entry itself (every field but `hash`). Changing, removing
 * or reordering any entry breaks every later link, and verifyChain names the first broken position.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type UnhashedEntry = Omit<AuditEntry, 'hash'>;

export function hashOf(entry: UnhashedEntry): string {
  const { hash: _ignored, ...rest } = entry as AuditEntry;
  return createHash('sha256').update(entry.prevHash).update(canonicalJson(rest)).digest('hex');
}

/** Seals an entry onto the chain after `previous` (null for the first entry). */
export function sealEntry(
  previous: Pick<AuditEntry, 'seq' | 'hash'> | null,
  entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>,
): AuditEntry {
  const unhashed: UnhashedEntry = {
    ...entry,
    seq: previous ? previous.seq + 1 : 1,
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...unhashed, hash: hashOf(unhashed) };
}

export type ChainBreak = 'gap' | 'link' | 'hash';
export type ChainVerdict =
  | { ok: true; length: number; head: string }
  | { ok: false; position: number; reason: ChainBreak; length: number };

/**
 * Checks a whole chain (entries in any order; they are sorted by seq). `position` is the 1-based seq
 * where the chain first breaks: a missing or repeated seq (`gap`), a prevHash that is not the previous
 * entry's hash (`link`), or a hash that does not match the entry's content (`hash`).
 */
export function verifyChain(entries: readonly AuditEntry[]): ChainVerdict {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  let prev = GENESIS_HASH;
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i];
    const expectedSeq = i + 1;
    if (entry.seq !== expectedSeq)
      return { ok: false, position: expectedSeq, reason: 'gap', length: sorted.length };
    if (entry.prevHash !== prev)
      return { ok: false, position: entry.seq, reason: 'link', length: sorted.length };
    if (hashOf(entry) !== entry.hash)
      return { ok: false, position: entry.seq, reason: 'hash', length: sorted.length };
    prev = entry.hash;
  }
  return { ok: true, length: sorted.length, head: prev };
}
