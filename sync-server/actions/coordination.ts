import type { RxDatabase } from 'rxdb';
import { type SqlDriver, sqlText } from '../storage';

/**
 * Named locks for what must not run at the same time (docs/domain.md: "the first applied wins"): the
 * actions of one partition (a locality: every queue, bulletin, group and referral belongs to one —
 * processor.ts), and the head of the audit chain. Inside a process a promise chain per name serialises;
 * across processes on one PostgreSQL a transaction-scoped advisory lock per name does
 * (docs/architecture.md: N stateless server processes). PGlite and rxdb's memory storage live in a single
 * process, so the in-process chains suffice there. Several names are always taken in sorted order,
 * so two holders can never wait for each other.
 */
export interface Coordination {
  /**
   * Runs `work` while holding every named lock, in this process and any other. Without names, the one
   * lock named 'global'.
   */
  exclusive<T>(work: () => Promise<T>, names?: readonly string[]): Promise<T>;
  /** Runs `work` only if no other process runs the same `name` now (the scheduler's leader election). */
  ifLeader(name: string, work: () => Promise<void>): Promise<boolean>;
}

/** Advisory lock keys: the names' locks are (LOCK_SPACE, hashtext(name)); leaders use one bigint each. */
const LOCK_SPACE = 5402;
const LEADER_KEYS: Record<string, number> = { scheduler: 5_402_002 };
const OTHER_LEADER_KEY = 5_402_101;

const registry = new WeakMap<RxDatabase, Coordination>();

const namesOf = (names: readonly string[] | undefined): string[] =>
  [...new Set(names && names.length > 0 ? names : ['global'])].sort();

/** One promise chain per name: `acquire` resolves once every name is free, with the release. */
class NamedChains {
  private readonly tails = new Map<string, Promise<void>>();

  async acquire(names: readonly string[]): Promise<() => void> {
    const releases: (() => void)[] = [];
    for (const name of names) releases.push(await this.lock(name));
    return () => {
      for (const release of releases.reverse()) release();
    };
  }

  private lock(name: string): Promise<() => void> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const tail = previous.then(() => held);
    this.tails.set(name, tail);
    return previous.then(() => () => {
      release();
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });
  }
}

export function inProcessCoordination(): Coordination {
  const chains = new NamedChains();
  const running = new Set<string>();
  return {
    async exclusive(work, names) {
      const release = await chains.acquire(namesOf(names));
      try {
        return await work();
      } finally {
        release();
      }
    },
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
  const chains = new NamedChains();
  const local = inProcessCoordination();
  return {
    async exclusive(work, names) {
      const sorted = namesOf(names);
      // First in this process (so a process holds at most one connection waiting per name), then
      // across processes.
      const release = await chains.acquire(sorted);
      try {
        const sql = await driver();
        return await sql.transaction(async (tx) => {
          // One statement, its locks taken left to right (sorted: no two processes wait on each other),
          // without parameters so the driver sends it together with BEGIN.
          const locks = sorted.map(
            (name) => `pg_advisory_xact_lock(${LOCK_SPACE}, hashtext(${sqlText(name)}))`,
          );
          await tx.query(`SELECT ${locks.join(', ')}`);
          return work();
        });
      } finally {
        release();
      }
    },
    async ifLeader(name, work) {
      let led = false;
      await local.ifLeader(name, async () => {
        const sql = await driver();
        const key = LEADER_KEYS[name] ?? OTHER_LEADER_KEY;
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
