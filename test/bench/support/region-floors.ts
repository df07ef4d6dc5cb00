import { normalizeMangoQuery, prepareQuery, type RxDatabase } from 'rxdb';
import { QUEUE_STATUSES } from '../../../src/domain';
import type { Application } from '../../../src/schema';
import { collection } from '../../../sync-server/database';
import { queueTableOf } from '../../../sync-server/queue-members';
import { RxStorageInstancePostgres, type SqlParam } from '../../../sync-server/storage';

/**
 * The SQL floors of the region benchmark (issue 16): for each question a parent's page or the scheduler
 * asks, one SQL statement answering it on the same data, over the same indexes the server reads (the
 * index ranges rxdb's planner picks on our storage, the server's expression indexes and its queues'
 * companion table), sent by the
 * bench's own connection. What the server adds on top — HTTP, sessions, RxDB, views, JSON — is the
 * ratio beside each figure.
 */

type Name = 'applications' | 'responses' | 'referrals' | 'bulletins' | 'kindergartens' | 'groups';

interface Range {
  table: string;
  where: string;
  params: SqlParam[];
}

export class RegionFloors {
  constructor(private readonly db: RxDatabase) {}

  private instance(name: Name): RxStorageInstancePostgres<unknown> {
    let instance: unknown = collection(this.db, name).storageInstance;
    while (instance && !(instance instanceof RxStorageInstancePostgres))
      instance = (instance as { originalStorageInstance?: unknown }).originalStorageInstance;
    if (!instance) throw new Error(`${name} is not on the PostgreSQL storage`);
    return instance as RxStorageInstancePostgres<unknown>;
  }

  private table(name: Name): string {
    return this.instance(name).table;
  }

  /** The index range rxdb's plan picks for this selector on our storage, its `$n` shifted by `offset`. */
  private range(name: Name, selector: Record<string, unknown>, offset: number): Range {
    const schema = collection(this.db, name).schema.jsonSchema;
    const query = prepareQuery(
      schema as never,
      normalizeMangoQuery(schema as never, { selector: { ...selector, _deleted: { $eq: false } } } as never),
    );
    const range = this.instance(name).indexRange(query as never);
    if (!range) throw new Error(`no index range for ${name} ${JSON.stringify(selector)}`);
    return {
      table: range.table,
      where: range.where.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + offset}`),
      params: range.params,
    };
  }

  private async run(sql: string, params: SqlParam[]): Promise<number> {
    const start = performance.now();
    await this.instance('applications').sql.query(sql, params);
    return performance.now() - start;
  }

  /**
   * The place of `app` in its queue: the queue's members by category and those ahead of it in its own,
   * one range of the narrow companion table's index the server counts over (queue-members.ts).
   */
  private ahead(app: Application, offset: number): { sql: string; params: SqlParam[] } {
    const queue = queueTableOf(this.table('applications'));
    const cat = app.priority === 'extraordinary' || app.priority === 'primary' ? app.priority : 'none';
    const $ = (i: number) => `$${offset + i}`;
    return {
      sql: `(SELECT json_build_array(count(*) FILTER (WHERE cat = 'extraordinary'), count(*) FILTER (WHERE cat = 'primary'),
                    count(*) FILTER (WHERE cat = ${$(4)} AND (filed_ms, child_iin, id) < (${$(5)}::float8, ${$(6)} COLLATE "C", ${$(7)} COLLATE "C")))
               FROM ${queue}
              WHERE locality = ${$(1)} AND group_type = ${$(2)} AND birth_year = ${$(3)}
                AND status IN (${QUEUE_STATUSES.map((s) => `'${s}'`).join(', ')}))`,
      params: [
        app.localityId,
        app.groupType,
        String(app.birthYear),
        cat,
        Date.parse(app.filedAt),
        app.childIin,
        app.id,
      ],
    };
  }

  /** One application's view: the document, its responses and referrals, its place in the queue. */
  private viewOf(app: Application, appWhere: Range): { sql: string; params: SqlParam[] } {
    const params = [...appWhere.params];
    const responses = this.range('responses', { applicationId: app.id }, params.length);
    params.push(...responses.params);
    const referrals = this.range('referrals', { applicationId: app.id }, params.length);
    params.push(...referrals.params);
    const ahead = this.ahead(app, params.length);
    params.push(...ahead.params);
    return {
      sql: `SELECT (SELECT json_agg(doc) FROM ${appWhere.table} WHERE ${appWhere.where} AND NOT deleted) AS apps,
                   (SELECT json_agg(doc) FROM ${responses.table} WHERE ${responses.where} AND NOT deleted) AS responses,
                   (SELECT json_agg(doc) FROM ${referrals.table} WHERE ${referrals.where} AND NOT deleted) AS referrals,
                   ${ahead.sql} AS ahead`,
      params,
    };
  }

  /** GET /api/applications: the parent's applications (parentId index), each with responses, referrals and place. */
  parentApplications(app: Application): Promise<number> {
    const view = this.viewOf(app, this.range('applications', { parentId: app.parentId }, 0));
    return this.run(view.sql, view.params);
  }

  /** GET /api/applications/{id}: the same for one application by its id. */
  oneApplication(app: Application): Promise<number> {
    const view = this.viewOf(app, { table: this.table('applications'), where: 'id = $1', params: [app.id] });
    return this.run(view.sql, view.params);
  }

  /** GET /api/queue?iin=: the child's applications (the child-IIN expression index) and the place. */
  queueByIin(app: Application): Promise<number> {
    const ahead = this.ahead(app, 1);
    return this.run(
      `SELECT (SELECT json_agg(doc) FROM ${this.table('applications')} WHERE doc->>'childIin' = $1 AND NOT deleted) AS apps,
              ${ahead.sql} AS ahead`,
      [app.childIin, ...ahead.params],
    );
  }

  /** GET /api/bulletins?localityId=: the locality's published bulletins with kindergarten and group, and the parent's applications. */
  bulletins(app: Application): Promise<number> {
    const b = this.range('bulletins', { localityId: app.localityId, status: 'published' }, 0);
    const mine = this.range('applications', { parentId: app.parentId }, b.params.length);
    return this.run(
      `SELECT (SELECT json_agg(json_build_array(b.doc, k.doc, g.doc))
                 FROM ${b.table} b
                 LEFT JOIN ${this.table('kindergartens')} k ON k.id = b.doc->>'kindergartenId'
                 LEFT JOIN ${this.table('groups')} g ON g.id = b.doc->>'groupId'
                WHERE ${b.where.replace(/\bix(\d+)\b/g, 'b.ix$1')} AND NOT b.deleted) AS bulletins,
              (SELECT json_agg(doc) FROM ${mine.table} WHERE ${mine.where} AND NOT deleted) AS mine`,
      [...b.params, ...mine.params],
    );
  }

  /**
   * GET /api/bulletins (unfiltered, the list's first page): the newest 50 published bulletins of the
   * whole deployment with kindergarten and group, and the parent's applications.
   */
  bulletinsPage(app: Application): Promise<number> {
    const mine = this.range('applications', { parentId: app.parentId }, 0);
    return this.run(
      `SELECT (SELECT json_agg(json_build_array(p.doc, k.doc, g.doc))
                 FROM (SELECT doc FROM ${this.table('bulletins')}
                        WHERE NOT deleted AND doc->>'status' = 'published'
                        ORDER BY doc->>'vacancyAt' COLLATE "C" DESC, id COLLATE "C" LIMIT 50) p
                 LEFT JOIN ${this.table('kindergartens')} k ON k.id = p.doc->>'kindergartenId'
                 LEFT JOIN ${this.table('groups')} g ON g.id = p.doc->>'groupId') AS bulletins,
              (SELECT json_agg(doc) FROM ${mine.table} WHERE ${mine.where} AND NOT deleted) AS mine`,
      mine.params,
    );
  }

  /**
   * The scheduler's question, what is due now: lapsed referrals, stop-lists over, priority windows
   * over, interest confirmations due — ids only, one statement over the deadline indexes.
   */
  dueNow(today: string, nowIso: string, interestBeforeIso: string): Promise<number> {
    const referrals = this.range('referrals', { status: 'active', validUntil: { $lt: today } }, 0);
    const n = referrals.params.length;
    const apps = this.table('applications');
    return this.run(
      `SELECT (SELECT count(*) FROM ${referrals.table} WHERE ${referrals.where} AND NOT deleted)
            + (SELECT count(*) FROM ${apps} WHERE NOT deleted AND (doc->>'status') = 'stopListed'
                 AND (doc->>'stopListUntil') COLLATE "C" < $${n + 1})
            + (SELECT count(*) FROM ${this.table('bulletins')} WHERE NOT deleted AND (doc->>'status') = 'published'
                 AND (doc->>'access') = 'priority' AND (doc->>'priorityUntil') COLLATE "C" <= $${n + 2})
            + (SELECT count(*) FROM ${apps} WHERE NOT deleted AND (doc->>'status') = 'waiting'
                 AND (doc->>'regionId') COLLATE "C" = 'turkestan'
                 AND (COALESCE(doc->>'interestConfirmedAt', doc->>'filedAt')) COLLATE "C" <= $${n + 3}) AS due`,
      [...referrals.params, today, nowIso, interestBeforeIso],
    );
  }
}
