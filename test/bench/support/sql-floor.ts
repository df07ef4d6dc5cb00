import { randomUUID } from 'node:crypto';
import { fillWithDefaultSettings, type RxJsonSchema } from 'rxdb';
import type { Application, Bulletin, Kindergarten } from '../../../src/schema';
import { collections } from '../../../src/schema';
import { sealEntry } from '../../../sync-server/audit';
import { indexKeyText } from '../../../sync-server/storage/index-key';
import { tableLayoutFor, type TableLayout } from '../../../sync-server/storage/table-layout';
import { OrynTables } from './oryn-tables';

/**
 * The floor of issue 12: what the writes of N parents' responses cost PostgreSQL alone. For each
 * response, the rows the action processor ends up writing — the action (applied), the response, the
 * application (now `responded`), the parent's notification and a chained audit entry — as plain
 * INSERT/UPDATE statements over `pg`, all in one transaction, in the storage's own tables and layout
 * (document JSONB, lwt, one index column per rxdb index). Measured twice on the same copy: one
 * statement per row, then one multi-row statement per table (the lower floor). Nothing is read inside
 * the timing; the documents are built beforehand. Rates are responses per second.
 */
export interface FloorResult {
  responses: number;
  /** One INSERT/UPDATE per row. */
  rows: { statements: number; seconds: number; perSecond: number };
  /** One multi-row INSERT/UPDATE per table (json_array_elements, as the storage's own bulkWrite). */
  batched: { statements: number; seconds: number; perSecond: number };
}

type Doc = Record<string, unknown> & { id: string };

export async function responsesFloor(
  url: string,
  pairs: { applicationId: string; bulletinId: string }[],
): Promise<FloorResult> {
  const rows = await floorRun(url, pairs, 'rows');
  const batched = await floorRun(url, pairs, 'batched');
  return { responses: pairs.length, rows, batched };
}

/**
 * A table row as the storage writes it: id, lwt (also its commit lwt `clwt`: one writer, increasing), the
 * document, its commit key `ckey`, one text key per index.
 */
interface TableRow {
  table: string;
  update: boolean;
  values: [string, number, string, string, ...string[]];
}

async function floorRun(
  url: string,
  pairs: { applicationId: string; bulletinId: string }[],
  mode: 'rows' | 'batched',
): Promise<{ statements: number; seconds: number; perSecond: number }> {
  const tables = await OrynTables.open(url);
  try {
    const layouts = new Map<string, TableLayout>();
    for (const name of ['actions', 'responses', 'applications', 'notifications', 'audit'] as const) {
      const schema = fillWithDefaultSettings(collections[name].schema as unknown as RxJsonSchema<unknown>);
      const layout = tableLayoutFor(schema, 'oryn', name);
      // The bench writes rows in the layout it computes; it must be the one the storage created.
      if (`"${layout.table}"` !== tables.table(name))
        throw new Error(`layout of ${name} differs from the storage's`);
      layouts.set(name, layout);
    }
    const appIds = pairs.map((p) => p.applicationId);
    const apps = new Map(
      (await tables.docs<Application>('applications', 'id = ANY($1::text[])', [appIds])).map((a) => [
        a.id,
        a,
      ]),
    );
    const bulletins = new Map((await tables.docs<Bulletin>('bulletins')).map((b) => [b.id, b]));
    const kgs = new Map((await tables.docs<Kindergarten>('kindergartens')).map((k) => [k.id, k]));
    const head = await tables.client.query<{ doc: { seq: number; hash: string } }>(
      `SELECT doc FROM ${tables.table('audit')} WHERE NOT deleted ORDER BY (doc->>'seq')::bigint DESC LIMIT 1`,
    );
    let previous = head.rows[0]?.doc ?? null;

    let lwt = Date.now();
    const stamp = (doc: Doc): Doc => {
      lwt += 0.01;
      return {
        ...doc,
        _deleted: false,
        _attachments: {},
        _rev: `1-${randomUUID().replace(/-/g, '').slice(0, 10)}`,
        _meta: { lwt },
      };
    };
    const written: TableRow[] = [];
    const put = (name: string, doc: Doc, update: boolean) => {
      const layout = layouts.get(name)!;
      const row = stamp(doc);
      const ix = layout.indexStrings.map((f) => indexKeyText(f(row as never)));
      const rowLwt = (row._meta as { lwt: number }).lwt;
      const ckey = indexKeyText(layout.commitKey(rowLwt, row.id));
      written.push({
        table: layout.table,
        update,
        values: [row.id, rowLwt, JSON.stringify(row), ckey, ...ix],
      });
    };
    const insert = (name: string, doc: Doc) => put(name, doc, false);
    const update = (name: string, doc: Doc) => put(name, doc, true);

    const nowIso = new Date().toISOString();
    const nowMs = Date.now();
    for (const pair of pairs) {
      const app = apps.get(pair.applicationId);
      const bulletin = bulletins.get(pair.bulletinId);
      if (!app || !bulletin) throw new Error(`floor: ${pair.applicationId} or ${pair.bulletinId} is missing`);
      const kg = kgs.get(bulletin.kindergartenId);
      const actionId = randomUUID();
      const responseId = `resp_${actionId}`;
      const payload = { applicationId: app.id, bulletinId: bulletin.id };
      insert('actions', {
        id: actionId,
        kind: 'application.respond',
        payload,
        actor: app.parentId,
        actorRole: 'parent',
        kindergartenId: bulletin.kindergartenId,
        deviceId: 'parent-web',
        occurredAt: nowIso,
        status: 'applied',
        processedAt: nowIso,
        updatedAt: nowMs,
      });
      insert('responses', {
        id: responseId,
        applicationId: app.id,
        bulletinId: bulletin.id,
        kindergartenId: bulletin.kindergartenId,
        childIin: app.childIin,
        childName: app.childName,
        birthYear: app.birthYear,
        filedAt: app.filedAt,
        priority: app.priority,
        respondedAt: nowIso,
        status: 'active',
        updatedAt: nowMs,
      });
      update('applications', {
        ...(app as unknown as Doc),
        status: 'responded',
        visibleTo: [...new Set([...(app.visibleTo ?? []), bulletin.kindergartenId])],
        updatedAt: nowMs,
      });
      insert('notifications', {
        id: `ntf_${actionId}_0`,
        recipientId: app.parentId,
        kind: 'responded',
        params: {
          applicationId: app.id,
          responseId,
          bulletinId: bulletin.id,
          kindergartenId: bulletin.kindergartenId,
          kindergartenNameKk: kg?.nameKk ?? '',
          kindergartenNameRu: kg?.nameRu ?? '',
        },
        createdAt: nowIso,
        updatedAt: nowMs,
      });
      const entry = sealEntry(previous, {
        id: `audit_${actionId}`,
        actionId,
        kind: 'application.respond',
        actor: app.parentId,
        actorRole: 'parent',
        districtId: app.regionId,
        kindergartenId: bulletin.kindergartenId,
        entityIds: [app.id, bulletin.id, responseId],
        payload,
        at: nowIso,
        updatedAt: nowMs,
      });
      previous = entry;
      insert('audit', entry as unknown as Doc);
    }

    const statements = mode === 'rows' ? rowStatements(written) : tableStatements(written);
    const start = performance.now();
    await tables.client.query('BEGIN');
    try {
      for (const s of statements) await tables.client.query(s.text, s.values);
      await tables.client.query('COMMIT');
    } catch (error) {
      await tables.client.query('ROLLBACK');
      throw error;
    }
    const seconds = (performance.now() - start) / 1000;
    return { statements: statements.length, seconds, perSecond: pairs.length / seconds };
  } finally {
    await tables.close();
  }
}

const ixColumns = (row: TableRow) => row.values.slice(4).map((_, i) => `ix${i}`);

function rowStatements(rows: TableRow[]): { text: string; values: unknown[] }[] {
  return rows.map((row) => {
    const ix = ixColumns(row);
    if (row.update) {
      const sets = [
        'lwt = $2',
        'clwt = $2',
        'doc = $3',
        'ckey = $4',
        ...ix.map((c, i) => `${c} = $${i + 5}`),
      ];
      return { text: `UPDATE "${row.table}" SET ${sets.join(', ')} WHERE id = $1`, values: row.values };
    }
    const columns = ['id', 'lwt', 'clwt', 'deleted', 'doc', 'ckey', ...ix];
    const params = ['$1', '$2', '$2', 'false', '$3', '$4', ...ix.map((_, i) => `$${i + 5}`)];
    return {
      text: `INSERT INTO "${row.table}" (${columns.join(', ')}) VALUES (${params.join(', ')})`,
      values: row.values,
    };
  });
}

/** One statement per table and kind of write, the rows as one JSON array parameter. */
function tableStatements(rows: TableRow[]): { text: string; values: unknown[] }[] {
  const groups = new Map<string, TableRow[]>();
  for (const row of rows) {
    const key = `${row.update ? 'U' : 'I'}${row.table}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const { table, update } = group[0];
    const ix = ixColumns(group[0]);
    const json = JSON.stringify(group.map((r) => r.values));
    const names = ['id', 'lwt', 'clwt', 'doc', 'ckey', ...ix];
    const values = [
      'r->>0',
      '(r->>1)::float8',
      '(r->>1)::float8',
      '(r->>2)::jsonb',
      'r->>3',
      ...ix.map((_, i) => `r->>${i + 4}`),
    ];
    if (update) {
      const sets = [
        'lwt = v.lwt',
        'clwt = v.clwt',
        'doc = v.doc',
        'ckey = v.ckey',
        ...ix.map((c) => `${c} = v.${c}`),
      ];
      return {
        text: `UPDATE "${table}" AS t SET ${sets.join(', ')}
          FROM (SELECT ${values.map((v, i) => `${v} AS ${names[i]}`).join(', ')}
                FROM json_array_elements($1::json) AS r) AS v
          WHERE t.id = v.id`,
        values: [json],
      };
    }
    return {
      text: `INSERT INTO "${table}" (${names.join(', ')}, deleted)
        SELECT ${values.join(', ')}, false FROM json_array_elements($1::json) AS r`,
      values: [json],
    };
  });
}
