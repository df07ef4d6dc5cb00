import { resolve } from 'node:path';
import type { SqlDriver } from './driver';
import { openPgDriver } from './pg-driver';
import { openPgliteDriver } from './pglite-driver';

/**
 * Where the storage keeps its data: an embedded PGlite data folder (`'memory://'` for a throw-away
 * database), a PostgreSQL connection URL, or a driver the caller opened itself.
 */
export type PostgresStorageTarget =
  | { dataDir: string }
  | { url: string; poolSize?: number }
  | { driver: SqlDriver };

/**
 * One driver per data folder or URL in this process: PGlite allows a single open per folder, and one
 * pool per PostgreSQL is what a server wants. A `memory://` database is never shared.
 */
const openDrivers = new Map<string, Promise<SqlDriver>>();

function keyOf(target: PostgresStorageTarget): string | undefined {
  if ('driver' in target) return undefined;
  if ('url' in target) return `url:${target.url}`;
  if (target.dataDir.startsWith('memory://')) return undefined;
  return `dir:${resolve(target.dataDir)}`;
}

function open(target: PostgresStorageTarget): Promise<SqlDriver> {
  if ('driver' in target) return Promise.resolve(target.driver);
  if ('url' in target) return openPgDriver(target.url, target.poolSize);
  return openPgliteDriver(target.dataDir);
}

/** The shared driver for a folder or URL (opened on first use), so the server can run its own SQL on it. */
export function getDriver(target: PostgresStorageTarget): Promise<SqlDriver> {
  const key = keyOf(target);
  if (key === undefined) return open(target);
  let driver = openDrivers.get(key);
  if (!driver) {
    driver = open(target);
    openDrivers.set(key, driver);
    // A failed open must not poison the cache: the next caller tries again.
    driver.catch(() => openDrivers.delete(key));
  }
  return driver.then(async (d) => {
    if (!d.closed) return d;
    openDrivers.delete(key);
    return getDriver(target);
  });
}

/** Closes every driver this process opened by folder or URL (server shutdown, test teardown). */
export async function closeAllDrivers(): Promise<void> {
  const all = [...openDrivers.values()];
  openDrivers.clear();
  await Promise.all(all.map((p) => p.then((d) => d.close()).catch(() => {})));
}
