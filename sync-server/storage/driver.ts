/**
 * The one small interface both SQL engines sit behind: embedded PGlite (the default, nothing to
 * install) and a real PostgreSQL reached through `pg` (docs/architecture.md: "Default: embedded PGlite in a
 * data folder … Scale-out: DATABASE_URL to a real PostgreSQL").
 *
 * Parameters are plain strings, numbers, booleans or null on purpose: both engines bind those the same
 * way, so every SQL statement of the storage runs unchanged on either (arrays and bytes travel as JSON
 * text and hex, decoded inside the statement).
 */
export type SqlParam = string | number | boolean | null;

/**
 * A SQL string literal, for the few statements sent without parameters so that the pg driver can send
 * them together with BEGIN (pg-driver.ts): only the quote is special (standard_conforming_strings, on
 * by default in both engines); text with NUL never reaches the storage (unstorable-text.ts).
 */
export const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export interface SqlExecutor {
  /** Runs one statement and answers its rows (jsonb arrives parsed, float8 as number, bytea as bytes). */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
}

export interface ListenGap {
  lost(): void;
  resumed(): void;
}

export interface SqlDriver extends SqlExecutor {
  /** Unique per open driver: change notifications carry it so a process ignores its own writes. */
  readonly id: string;
  readonly kind: 'pglite' | 'pg';
  /** Runs `work` inside BEGIN … COMMIT on one connection; rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel; answers the function that stops listening. `gap` hears when the listening
   * connection was lost and when it listens again: notices sent in between are gone, so the listener
   * catches up by reading.
   */
  listen(channel: string, onNotify: (payload: string) => void, gap?: ListenGap): Promise<() => Promise<void>>;
  close(): Promise<void>;
  readonly closed: boolean;
}
