import type { RxDatabase } from 'rxdb';
import { type SqlDriver, sqlText } from '../storage';

/**
 * Where the abuse limits keep their counters (issue 13, point 5: limits shared by all processes). On a
 * real PostgreSQL one table serves every server process, so N processes do not multiply a limit by N;
 * PGlite and rxdb's memory storage live in a single process, so a map in memory is the whole truth
 * there.
 *
 * A limit is a pure step over its state: `update` reads the state under `key`, hands it to `step` and
 * stores what the step answers, atomically (a row lock on PostgreSQL, a synchronous step in memory).
 */
export interface RateStore {
  update<S, R>(key: string, nowMs: number, step: RateStep<S, R>): Promise<R>;
}

/** The next state (null: forget the key), until when it matters, and what the caller is told. */
export type RateStep<S, R> = (state: S | null) => { state: S | null; expiresAt: number; result: R };

/** Keys are forgotten once expired; a flood of distinct keys is swept before the map grows without bound. */
export function memoryRateStore(): RateStore {
  const entries = new Map<string, { state: unknown; expiresAt: number }>();
  return {
    async update<S, R>(key: string, nowMs: number, step: RateStep<S, R>): Promise<R> {
      const held = entries.get(key);
      const current = held && held.expiresAt > nowMs ? (held.state as S) : null;
      const next = step(current);
      if (next.state === null) entries.delete(key);
      else {
        if (!held && entries.size >= 100_000) {
          for (const [k, e] of entries) if (e.expiresAt <= nowMs) entries.delete(k);
        }
        entries.set(key, { state: next.state, expiresAt: next.expiresAt });
      }
      return next.result;
    },
  };
}

const TABLE = 'oryn_rate_limits';
/** One in this many updates also deletes expired rows, so the table stays the size of live limits. */
const SWEEP_EVERY = 500;

/**
 * The limits' table on PostgreSQL: `key` (limit + subject), the state as jsonb, and when it expires.
 * One PostgreSQL database is one deployment, whatever its processes name their RxDB database, so they
 * all share it. Each update is one transaction holding the key's row lock, so two processes taking the
 * last token of one bucket at once cannot both get it.
 */
export function postgresRateStore(driver: () => Promise<SqlDriver>): RateStore {
  let ready: Promise<void> | null = null;
  let updates = 0;
  const create = async (sql: SqlDriver) => {
    await sql.transaction(async (tx) => {
      // Two processes creating the table at once would collide on the catalogue: one at a time.
      await tx.query('SELECT pg_advisory_xact_lock(5402, hashtext($1))', [TABLE]);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
        key text COLLATE "C" PRIMARY KEY,
        state jsonb NOT NULL,
        expires_at double precision NOT NULL
      )`);
    });
  };
  return {
    async update<S, R>(key: string, nowMs: number, step: RateStep<S, R>): Promise<R> {
      const sql = await driver();
      ready ??= create(sql).catch((error) => {
        ready = null;
        throw error;
      });
      await ready;
      const result = await sql.transaction(async (tx) => {
        // One round trip to take the key's row lock: the pg driver sends a first statement without
        // parameters together with BEGIN, so the key travels as a literal (sqlText) and the row is made
        // and locked in that same trip. A counter is not worth a wait for the disk either: its commit
        // returns before the WAL is flushed (a crash can lose the last fraction of a second of counts,
        // never corrupt them). Each public read that is counted (GET /api/queue, the referral check)
        // paid five round trips and an fsync before.
        const [row] = await tx.query<{ state: unknown; expires_at: number }>(
          `SET LOCAL synchronous_commit = off;
           INSERT INTO ${TABLE} (key, state, expires_at) VALUES (${sqlText(key)}, 'null'::jsonb, 0) ON CONFLICT (key) DO NOTHING;
           SELECT state, expires_at FROM ${TABLE} WHERE key = ${sqlText(key)} FOR UPDATE`,
        );
        const current = row && Number(row.expires_at) > nowMs ? (row.state as S) : null;
        const next = step(current);
        if (next.state === null) await tx.query(`DELETE FROM ${TABLE} WHERE key = $1`, [key]);
        else
          await tx.query(`UPDATE ${TABLE} SET state = $2::jsonb, expires_at = $3 WHERE key = $1`, [
            key,
            JSON.stringify(next.state),
            next.expiresAt,
          ]);
        return next.result;
      });
      if (++updates % SWEEP_EVERY === 0)
        await sql.query(`DELETE FROM ${TABLE} WHERE expires_at < $1`, [nowMs]).catch(() => undefined);
      return result;
    },
  };
}

const registry = new WeakMap<RxDatabase, RateStore>();

/** The limits' store of a database: set once when it is opened on PostgreSQL, in memory otherwise. */
export function rateStoreOf(db: RxDatabase): RateStore {
  let store = registry.get(db);
  if (!store) {
    store = memoryRateStore();
    registry.set(db, store);
  }
  return store;
}

export function setRateStore(db: RxDatabase, store: RateStore): void {
  registry.set(db, store);
}
