/**
 * How a collection's schema changes (docs/architecture.md: "any schema change ships a migration strategy
 * and a test"). Staff replicas live for years on kindergarten computers that may be offline on the
 * day of an update, so a new app version must open an old local database and upgrade its documents.
 *
 * The pattern, for a collection at `version: n`:
 * 1. Change the JSON schema in its own file and bump `version` to n + 1 (only ever by one).
 * 2. In collections.ts add `migrationStrategies[n + 1]`: a pure function from a version-n document
 *    to a version-(n + 1) document (no clock, no I/O, no other documents: the same input always gives
 *    the same output, because the server and every device migrate independently). Return `null` to
 *    drop a document that has no meaning any more. Keep every older strategy: a device may jump
 *    several versions at once, and RxDB runs them in order.
 * 3. Give a new required field a value derivable from the old document, or a documented default.
 * 4. Register `RxDBMigrationSchemaPlugin` (rxdb/plugins/migration-schema) wherever the database is
 *    created; RxDB refuses a collection with `version > 0` without it.
 * 5. Test it like test/unit/schema-migration.test.ts: write version-n documents, reopen with n + 1,
 *    read them back migrated.
 * The sync server answers replication requests of an older schema version with 426 (rxdb-server), so
 * an outdated desktop client learns it must update (staff.sync.outdated) instead of pushing old shapes.
 */

/** A migration strategy: a pure function from a document of version n - 1 to one of version n (or null). */
// biome-ignore lint/suspicious/noExplicitAny: a strategy's input is the previous version's shape, which no longer has a type
export type MigrationStrategy = (oldDoc: any) => Record<string, unknown> | null;

/** Strategies by the version they produce: `{ 1: v0ToV1, 2: v1ToV2 }`. */
export type MigrationStrategies = Record<number, MigrationStrategy>;

/** The versions 1…version that have no strategy: RxDB needs one for each before it opens the collection. */
export function missingMigrationStrategies(version: number, strategies: MigrationStrategies): number[] {
  const missing: number[] = [];
  for (let v = 1; v <= version; v++) if (typeof strategies[v] !== 'function') missing.push(v);
  return missing;
}
