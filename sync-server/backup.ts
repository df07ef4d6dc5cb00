import { readFile, writeFile } from 'node:fs/promises';
import type { RxDatabase } from 'rxdb';
import { collection, type OrynCollectionName } from './database';
import { readAll, writeDocs } from './store';

/**
 * Backup and restore as a JSON export of every collection through RxDB. One format for PGlite and
 * PostgreSQL (and the memory storage), and it round-trips exactly: ids, timestamps and the audit
 * chain's hashes come back as they were. Run it on a stopped server (PGlite allows one process per
 * data folder).
 */
export const BACKUP_FORMAT = 'oryn-backup';
export const BACKUP_VERSION = 1;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  collections: Record<string, { schemaVersion: number; docs: Record<string, unknown>[] }>;
}

export class BackupProblem extends Error {
  constructor(
    readonly code: 'notABackup' | 'unknownCollection' | 'schemaVersion' | 'targetNotEmpty',
    readonly params: Record<string, unknown> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

export async function exportDatabase(db: RxDatabase, createdAt: Date): Promise<BackupFile> {
  const out: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: createdAt.toISOString(),
    collections: {},
  };
  for (const name of Object.keys(db.collections).sort() as OrynCollectionName[]) {
    const c = collection(db, name);
    out.collections[name] = {
      schemaVersion: c.schema.version,
      docs: (await readAll(c as never, {})) as Record<string, unknown>[],
    };
  }
  return out;
}

/** Restores into an empty database; answers how many documents were written. */
export async function importDatabase(
  db: RxDatabase,
  backup: unknown,
  onProgress?: (name: string, count: number) => void,
): Promise<number> {
  const file = backup as Partial<BackupFile>;
  if (
    !file ||
    file.format !== BACKUP_FORMAT ||
    typeof file.collections !== 'object' ||
    file.collections === null
  ) {
    throw new BackupProblem('notABackup');
  }
  for (const [name, part] of Object.entries(file.collections)) {
    const c = db.collections[name];
    if (!c) throw new BackupProblem('unknownCollection', { name });
    if (part.schemaVersion !== c.schema.version) {
      throw new BackupProblem('schemaVersion', {
        name,
        backup: part.schemaVersion,
        database: c.schema.version,
      });
    }
  }
  for (const name of Object.keys(db.collections)) {
    if ((await db.collections[name].count().exec()) > 0) throw new BackupProblem('targetNotEmpty', { name });
  }
  let written = 0;
  for (const [name, part] of Object.entries(file.collections)) {
    for (let i = 0; i < part.docs.length; i += 500) {
      await writeDocs(
        collection(db, name as OrynCollectionName) as never,
        part.docs.slice(i, i + 500) as never[],
      );
    }
    written += part.docs.length;
    onProgress?.(name, part.docs.length);
  }
  return written;
}

export async function backupToFile(db: RxDatabase, path: string, now: Date): Promise<number> {
  const data = await exportDatabase(db, now);
  await writeFile(path, JSON.stringify(data), { mode: 0o600 });
  return Object.values(data.collections).reduce((s, c) => s + c.docs.length, 0);
}

export async function restoreFromFile(
  db: RxDatabase,
  path: string,
  onProgress?: (name: string, count: number) => void,
): Promise<number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new BackupProblem('notABackup', { path });
  }
  return importDatabase(db, parsed, onProgress);
}
