import type { RxDatabase } from 'rxdb';
import type { SqlDriver } from '../storage';

/**
 * Actions are applied one at a time (domain.md: "the first applied wins"), and the audit chain has one
 * writer at a time. Inside a process a promise chain serialises them; across processes on one
 * PostgreSQL a transaction-scoped advisory lock does (architecture.md: N stateless server processes).
 * PGlite and rxdb's memory storage live in a single process, so the in-process chain suffices there.
 */
export interface Coordination {
  /** Runs `work` when no other action is being applied, in this process or any other. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` only if no other process runs the same `name` now (the scheduler's leader election). */
  ifLeader(name: string, work: () => Promise<void>): Promise<boolean>;
}

/** Lock keys (pg advisory locks take a bigint): fixed numbers, one per purpose. */
const ACTION_LOCK_KEY = 5_402_001;
const LEADER_KEYS: Record<string, number> = { scheduler: 5_402_002 };

const registry = new WeakMap<RxDatabase, Coordination>();

function chain(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

export function inProcessCoordination(): Coordination {
  const serial = chain();
  const running = new Set<string>();
  return {
    exclusive: (work) => serial(work),
    async ifLeader(name, work) {
      if (running.has(name)) return false;
      running.add(name);
      try {
        await work();
        return true;
      } finally {
        running.delete(name);
      }
    },
  };
}

/** Advisory locks on a real PostgreSQL: each held by a transaction on its own pooled connection. */
export function postgresCoordination(driver: () => Promise<SqlDriver>): Coordination {
  const local = inProcessCoordination();
  return {
    exclusive: (work) =>
      local.exclusive(async () => {
        const sql = await driver();
        return sql.transaction(async (tx) => {
          await tx.query(`SELECT pg_advisory_xact_lock(${ACTION_LOCK_KEY})`);
          return work();
        });
      }),
    async ifLeader(name, work) {
      let led = false;
      await local.ifLeader(name, async () => {
        const sql = await driver();
        const key = LEADER_KEYS[name] ?? ACTION_LOCK_KEY + 100;
        await sql.transaction(async (tx) => {
          const [row] = await tx.query<{ got: boolean }>(`SELECT pg_try_advisory_xact_lock(${key}) AS got`);
          if (!row?.got) return;
          led = true;
          await work();
        });
      });
      return led;
    },
  };
}

/** The coordination of a database: set once when it is opened on PostgreSQL, in-process otherwise. */
export function coordinationOf(db: RxDatabase): Coordination {
  let c = registry.get(db);
  if (!c) {
    c = inProcessCoordination();
    registry.set(db, c);
  }
  return c;
}

export function setCoordination(db: RxDatabase, coordination: Coordination): void {
  registry.set(db, coordination);
}
