import { bulletinAccess } from '../../src/domain';
import type { Bulletin } from '../../src/schema';
import type { ServerContext } from '../context';
import { collection } from '../database';
import { ensureServerIndex, postgresInstanceOf } from '../server-sql';
import type { RxStorageInstancePostgres, SqlParam } from '../storage';
import { plain, readAll } from '../store';

/**
 * The published bulletins a list asks for, newest vacancy first (issue 16, item 2: parent reads flat
 * from 5,000 to 200,000 applications). On PostgreSQL one statement filters, orders and pages over a
 * partial index of the published bulletins by vacancy time, so a page reads its rows, not the region's
 * bulletins; on rxdb's memory storage (quick tests) the same answer is computed in memory.
 */
export interface BulletinFilter {
  regionId?: string;
  localityId?: string;
  /** Any of these localities ("Доступные мне": those of the parent's applications). */
  localities?: string[];
  kindergartenId?: string;
  birthYear?: number;
  /** The access stage now: 'all' once the priority window is over (bulletinAccess). */
  access?: 'priority' | 'all';
}

export interface Page {
  offset: number;
  limit: number;
}

/** Newest vacancy first; ties by id in code-point order (the same in JS and in SQL's "C" collation). */
export const byVacancy = (a: Bulletin, b: Bulletin) =>
  a.vacancyAt < b.vacancyAt ? 1 : a.vacancyAt > b.vacancyAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export async function publishedBulletins(
  ctx: ServerContext,
  filter: BulletinFilter,
  nowMs: number,
  page?: Page,
): Promise<Bulletin[]> {
  const instance = postgresInstanceOf(collection(ctx.db, 'bulletins'));
  if (instance) return inSql(instance as RxStorageInstancePostgres<unknown>, filter, nowMs, page);
  const selector: Record<string, unknown> = { status: 'published' };
  if (filter.regionId) selector.regionId = filter.regionId;
  if (filter.localityId) selector.localityId = filter.localityId;
  if (filter.kindergartenId) selector.kindergartenId = filter.kindergartenId;
  const list = (await readAll(collection(ctx.db, 'bulletins'), selector))
    .filter((b) => !filter.localities || filter.localities.includes(b.localityId))
    .filter((b) => filter.birthYear === undefined || b.birthYears.includes(filter.birthYear))
    .filter((b) => !filter.access || bulletinAccess(b, nowMs) === filter.access)
    .sort(byVacancy);
  return page ? list.slice(page.offset, page.offset + page.limit) : list;
}

async function inSql(
  instance: RxStorageInstancePostgres<unknown>,
  filter: BulletinFilter,
  nowMs: number,
  page?: Page,
): Promise<Bulletin[]> {
  const { sql, table } = instance;
  const index = `"${table.slice(1, -1).slice(0, 63 - 'published'.length - 1)}_published"`;
  await ensureServerIndex(sql, {
    name: index,
    lock: 'index:published-bulletins',
    ddl: `CREATE INDEX IF NOT EXISTS ${index} ON ${table} ((doc->>'vacancyAt') COLLATE "C" DESC, id COLLATE "C")
          WHERE NOT deleted AND doc->>'status' = 'published'`,
  });
  const params: SqlParam[] = [];
  const param = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`NOT deleted`, `doc->>'status' = 'published'`];
  if (filter.regionId) where.push(`doc->>'regionId' = ${param(filter.regionId)}`);
  if (filter.localityId) where.push(`doc->>'localityId' = ${param(filter.localityId)}`);
  if (filter.localities)
    where.push(
      `doc->>'localityId' IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(filter.localities))}::jsonb))`,
    );
  if (filter.kindergartenId) where.push(`doc->>'kindergartenId' = ${param(filter.kindergartenId)}`);
  if (filter.birthYear !== undefined)
    where.push(`doc->'birthYears' @> ${param(JSON.stringify([filter.birthYear]))}::jsonb`);
  if (filter.access) {
    // bulletinAccess: 'all' when marked so, or once the priority window's end has passed.
    const until = `(CASE WHEN doc->>'priorityUntil' ~ '^\\d{4}-\\d{2}-\\d{2}T'
                    THEN extract(epoch FROM (doc->>'priorityUntil')::timestamptz) * 1000 END)`;
    const all = `(doc->>'access' = 'all' OR coalesce(${until} <= ${param(nowMs)}, false))`;
    where.push(filter.access === 'all' ? all : `NOT ${all}`);
  }
  const paging = page ? ` LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}` : '';
  const rows = await sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${table} WHERE ${where.join(' AND ')}
      ORDER BY doc->>'vacancyAt' COLLATE "C" DESC, id COLLATE "C"${paging}`,
    params,
  );
  // The stage is decided by the domain's own function on what comes back (the SQL only narrows).
  return rows
    .map((r) => plain<Bulletin>(r.doc))
    .filter((b) => !filter.access || bulletinAccess(b, nowMs) === filter.access);
}
