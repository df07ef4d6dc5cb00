import pg from 'pg';

/**
 * The server's collections as PostgreSQL tables (sync-server/storage/table-layout.ts: one table per
 * collection, the document as JSONB), read with plain `pg` — a benchmark's view from outside the
 * servers, which neither warms their caches nor takes their locks.
 */
export class OrynTables {
  private constructor(
    readonly client: pg.Client,
    private readonly names: Map<string, string>,
  ) {}

  static async open(url: string): Promise<OrynTables> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query<{ name: string; collection_name: string }>(
      `SELECT name, collection_name FROM rxdb_tables WHERE database_name = 'oryn' ORDER BY schema_version`,
    );
    // The newest schema version wins (ORDER BY puts it last).
    return new OrynTables(client, new Map(rows.rows.map((r) => [r.collection_name, r.name])));
  }

  table(collection: string): string {
    const name = this.names.get(collection);
    if (!name) throw new Error(`no table for collection ${collection}`);
    return `"${name}"`;
  }

  /** Live documents of a collection whose JSON matches `where` (SQL over `doc`, e.g. `doc->>'status' = $1`). */
  async docs<T>(collection: string, where = 'true', params: unknown[] = []): Promise<T[]> {
    const result = await this.client.query<{ doc: T }>(
      `SELECT doc FROM ${this.table(collection)} WHERE NOT deleted AND (${where}) ORDER BY id`,
      params,
    );
    return result.rows.map((r) => r.doc);
  }

  /** How many of these actions are applied, rejected, still pending (or not stored yet). */
  async settled(ids: string[]): Promise<{ applied: number; rejected: number; pending: number }> {
    const result = await this.client.query<{ status: string; n: string }>(
      `SELECT doc->>'status' AS status, count(*) AS n FROM ${this.table('actions')}
        WHERE id = ANY($1::text[]) GROUP BY 1`,
      [ids],
    );
    const of = (s: string) => Number(result.rows.find((r) => r.status === s)?.n ?? 0);
    const applied = of('applied');
    const rejected = of('rejected');
    return { applied, rejected, pending: ids.length - applied - rejected };
  }

  /** Counts of one action kind by status. */
  async kindStatuses(kind: string): Promise<Record<string, number>> {
    const result = await this.client.query<{ status: string; n: string }>(
      `SELECT doc->>'status' AS status, count(*) AS n FROM ${this.table('actions')}
        WHERE doc->>'kind' = $1 GROUP BY 1`,
      [kind],
    );
    return Object.fromEntries(result.rows.map((r) => [r.status, Number(r.n)]));
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
