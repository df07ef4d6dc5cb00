import type { RxCollection, RxDatabase } from 'rxdb';
import type { Parent, Session, User } from '../schema';
import { collectionOf } from '../schema';
import { readTogether } from '../store';

/**
 * The sessions and accounts behind API requests, kept in this process between requests. Every request
 * checks its session and its account (session.ts `verifySession`); a parent's rush visit is three
 * requests on one session, and each check was two reads of the database (sync-server/README.md, "Where
 * the time goes now"). A kept document is dropped the moment the storage announces any change of it —
 * this process's writes before their bulkWrite resolves, another process's when its change notice is
 * read back (storage/change-feed.ts), as rxdb's own document cache learns of them — so a revoked
 * session, a disabled account or a new token version is refused as soon as without the cache. A read
 * that was on the wire while its collection changed is not kept (it may predate the change). Entries
 * live at most ENTRY_TTL_MS, at most MAX_ENTRIES per collection. Misses are read in one statement
 * (store.ts `readTogether`).
 */
export type CachedKind = 'sessions' | 'parents' | 'users';
type DocOf<K extends CachedKind> = K extends 'sessions' ? Session : K extends 'parents' ? Parent : User;

const ENTRY_TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

interface Kept {
  doc: Record<string, unknown>;
  at: number;
}

class AccountCache {
  private readonly kept = new Map<CachedKind, Map<string, Kept>>();
  /** Changes seen per collection: a read that started before one is not kept. */
  private readonly changes = new Map<CachedKind, number>();

  constructor(private readonly db: RxDatabase) {
    for (const kind of ['sessions', 'parents', 'users'] as const) {
      this.kept.set(kind, new Map());
      this.changes.set(kind, 0);
      collectionOf(db, kind)
        .storageInstance.changeStream()
        .subscribe((bulk) => {
          const kept = this.kept.get(kind)!;
          for (const event of bulk.events) kept.delete(event.documentId);
          this.changes.set(kind, this.changes.get(kind)! + 1);
        });
    }
  }

  /** The live documents (or null) for these ids, each a copy the caller may change. */
  async read<K extends CachedKind>(wanted: readonly { kind: K; id: string }[]): Promise<(DocOf<K> | null)[]> {
    const now = Date.now();
    const found: (Record<string, unknown> | null)[] = wanted.map(({ kind, id }) => {
      const entry = this.kept.get(kind)!.get(id);
      return entry && now - entry.at < ENTRY_TTL_MS ? entry.doc : null;
    });
    const missing = wanted.map((w, i) => ({ ...w, i })).filter((w) => found[w.i] === null);
    if (missing.length > 0) {
      const before = new Map(missing.map((m) => [m.kind, this.changes.get(m.kind)!]));
      const docs = await readTogether(
        missing.map((m) => ({
          collection: collectionOf(this.db, m.kind) as unknown as RxCollection<never>,
          ids: [m.id],
        })),
      );
      missing.forEach((m, k) => {
        const doc = (docs[k][0] as Record<string, unknown> | undefined) ?? null;
        found[m.i] = doc;
        if (doc && this.changes.get(m.kind) === before.get(m.kind)) this.keep(m.kind, m.id, doc, now);
      });
    }
    return found.map((doc) => (doc ? ({ ...doc } as DocOf<K>) : null));
  }

  private keep(kind: CachedKind, id: string, doc: Record<string, unknown>, at: number): void {
    const kept = this.kept.get(kind)!;
    kept.delete(id);
    kept.set(id, { doc, at });
    // Oldest first out (a Map iterates in insertion order).
    if (kept.size > MAX_ENTRIES) kept.delete(kept.keys().next().value as string);
  }
}

const caches = new WeakMap<RxDatabase, AccountCache>();

export function accountCacheOf(db: RxDatabase): AccountCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new AccountCache(db);
    caches.set(db, cache);
  }
  return cache;
}
