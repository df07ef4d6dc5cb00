import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { Application, Referral, Response } from '../../src/schema';
import type { ServerContext } from '../context';
import { collection } from '../database';
import { type NumberColumns, queuePosition, storedQueueNumbers } from '../queue-rank';
import { postgresInstanceOf } from '../server-sql';
import type { RxStorageInstancePostgres } from '../storage';
import { plain } from '../store';

/**
 * What a parent's view of an application reads besides the catalogue (issue 16, item 2: parent reads
 * flat from 5,000 to 200,000 applications): the stored application, its responses, its referrals and
 * its queue number. On PostgreSQL all of it, for any number of applications, is one statement — the
 * responses and referrals over rxdb's `applicationId` index ranges, the number over the queue
 * companion's index (queue-rank.ts) — where it was a query per collection and a count per application,
 * each a round trip. On rxdb's memory storage (quick tests) the same answer from rxdb's queries.
 */
export interface ApplicationParts {
  /** The stored application; undefined when there is none (or it is deleted). */
  app?: Application;
  responses: Response[];
  referrals: Referral[];
  queueNumber: number | null;
}

type Owned = 'responses' | 'referrals';

export async function applicationParts(
  ctx: ServerContext,
  ids: readonly string[],
): Promise<Map<string, ApplicationParts>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const apps = postgresInstanceOf(collection(ctx.db, 'applications'));
  const numbers = await storedQueueNumbers(ctx.db);
  const responses = postgresInstanceOf(collection(ctx.db, 'responses'));
  const referrals = postgresInstanceOf(collection(ctx.db, 'referrals'));
  if (!apps || !numbers || !responses || !referrals) return fromQueries(ctx, unique);
  const r = byApplication(ctx, 'responses', responses, 'r', unique);
  const f = byApplication(ctx, 'referrals', referrals, 'f', unique);
  if (!r || !f) return fromQueries(ctx, unique);
  const keys = unique.map((id, i) => ({
    i,
    id,
    rlo: r.bounds[i][0],
    rhi: r.bounds[i][1],
    flo: f.bounds[i][0],
    fhi: f.bounds[i][1],
  }));
  const rows = await apps.sql.query<
    {
      i: number;
      doc: Record<string, unknown> | null;
      responses: unknown[];
      referrals: unknown[];
    } & NumberColumns
  >(
    `SELECT m.i, a.doc,
            (SELECT coalesce(json_agg(r.doc), '[]'::json) FROM ${responses.table} r
              WHERE ${r.where('m.rlo', 'm.rhi')} AND NOT r.deleted) AS responses,
            (SELECT coalesce(json_agg(f.doc), '[]'::json) FROM ${referrals.table} f
              WHERE ${f.where('m.flo', 'm.fhi')} AND NOT f.deleted) AS referrals,
            ${numbers.columns}
       FROM jsonb_to_recordset($1::jsonb) AS m(i int, id text, rlo text, rhi text, flo text, fhi text)
       LEFT JOIN ${apps.table} a ON a.id = m.id AND NOT a.deleted
       ${numbers.join('a.id')}`,
    [JSON.stringify(keys)],
  );
  const out = new Map<string, ApplicationParts>();
  for (const row of rows) {
    out.set(unique[row.i], {
      app: row.doc ? plain<Application>(row.doc) : undefined,
      responses: row.responses.map((d) => plain<Response>(d as Record<string, unknown>)),
      referrals: row.referrals.map((d) => plain<Referral>(d as Record<string, unknown>)),
      queueNumber: row.doc ? numbers.numberOf(row) : null,
    });
  }
  return out;
}

/**
 * The index range rxdb's plan reads for `{ applicationId }` on a collection, per application: its
 * bounds, and its condition over a table alias with the bounds as SQL expressions. Undefined when the
 * plan's index is not a column of the table (then rxdb's own queries answer).
 */
function byApplication(
  ctx: ServerContext,
  name: Owned,
  instance: Pick<RxStorageInstancePostgres<never>, 'indexRange'>,
  alias: string,
  ids: readonly string[],
): { bounds: [string, string][]; where: (lower: string, upper: string) => string } | undefined {
  const schema = collection(ctx.db, name).schema.jsonSchema;
  let where: string | undefined;
  const bounds: [string, string][] = [];
  for (const applicationId of ids) {
    const query = normalizeMangoQuery(
      schema as never,
      {
        selector: { applicationId, _deleted: { $eq: false } },
      } as never,
    );
    const range = instance.indexRange(prepareQuery(schema as never, query) as never);
    if (range?.params.length !== 2) return undefined;
    where ??= range.where.replace(/\bix(\d+)\b/g, `${alias}.ix$1`);
    bounds.push([range.params[0], range.params[1]]);
  }
  const template = where!;
  return {
    bounds,
    where: (lower, upper) => template.replace('$1', lower).replace('$2', upper),
  };
}

/** The same parts from rxdb's queries, one application at a time (rxdb's memory storage). */
async function fromQueries(
  ctx: ServerContext,
  ids: readonly string[],
): Promise<Map<string, ApplicationParts>> {
  const out = new Map<string, ApplicationParts>();
  for (const id of ids) {
    const doc = await collection(ctx.db, 'applications').findOne(id).exec();
    const [responses, referrals] = await Promise.all([
      collection(ctx.db, 'responses')
        .find({ selector: { applicationId: id } })
        .exec(),
      collection(ctx.db, 'referrals')
        .find({ selector: { applicationId: id } })
        .exec(),
    ]);
    const app = doc ? (doc.toJSON() as Application) : undefined;
    out.set(id, {
      app,
      responses: responses.map((d) => d.toJSON() as Response),
      referrals: referrals.map((d) => d.toJSON() as Referral),
      queueNumber: app ? await queuePosition(ctx.db, app) : null,
    });
  }
  return out;
}
