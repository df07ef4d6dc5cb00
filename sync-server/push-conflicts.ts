import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { getQueryMatcher, normalizeMangoQuery, type RxCollection } from 'rxdb';
import { getAuthDataByRequest } from 'rxdb-server/plugins/server';
import type { ServerContext } from './context';
import { errorEnvelope } from './error-envelope';
import {
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  type ReplicationScope,
  type RxServer,
  scopeSelector,
} from './replication';

type Doc = Record<string, unknown>;

/**
 * A push conflict answers only what the caller may read (issue 13, point 7). rxdb-server answers a
 * conflicting push with the document stored under the pushed id, whoever's it is: a staff member
 * pushing an action under a parent's action id (ids are predictable) got back that parent's
 * `application.file` with the child's IIN and name. Here, before rxdb-server writes anything, a push
 * naming a stored document outside the caller's scope (the pull scope, `scopeSelector`) is refused
 * with 403 and no content; and should such a document be written between that read and rxdb-server's
 * (another process storing that id at the same moment), its conflict answer is replaced by the same
 * 403. A legitimate client never meets this: its action ids are random UUIDs.
 *
 * Mounted on `POST /replication/:collection/:version/push` before rxdb-server's own route; the caller
 * is authenticated once, through rxdb-server's per-request cache, so its handler reuses the answer.
 */
export function guardPushConflicts(ctx: ServerContext, rxServer: () => RxServer): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const name = req.params.collection as ReplicatedCollection;
    const rows: unknown = req.body;
    if (!REPLICATED_COLLECTIONS.includes(name) || !Array.isArray(rows)) return next();
    const collection = ctx.db.collections[name] as RxCollection;
    (async () => {
      const auth = await getAuthDataByRequest(rxServer(), req, res);
      if (!auth) return; // 401 answered by rxdb-server
      const readable = readableBy(collection, name, auth.data);
      const primary = collection.schema.primaryPath as string;
      const ids = rows
        .map((row) => (row as { newDocumentState?: Doc } | null)?.newDocumentState?.[primary])
        .filter((id): id is string => typeof id === 'string');
      const stored = ids.length > 0 ? await collection.storageInstance.findDocumentsById(ids, true) : [];
      if (stored.some((doc) => !readable(doc as Doc))) {
        ctx.log.warn(
          { collection: name, userId: auth.data.userId },
          'push onto a document out of scope refused',
        );
        refuse(req, res);
        return;
      }
      const answer = res.json.bind(res);
      res.json = (body: unknown) => {
        if (Array.isArray(body) && body.some((doc) => !readable(doc as Doc))) {
          res.status(403);
          return answer(errorEnvelope(req, { status: 403, code: 'forbidden' }));
        }
        return answer(body);
      };
      next();
    })().catch(next);
  };
}

/** Whether a stored document is one the caller's pull would show it. */
function readableBy(
  collection: RxCollection,
  name: ReplicatedCollection,
  scope: ReplicationScope,
): (doc: Doc) => boolean {
  const schema = collection.schema.jsonSchema;
  const query = normalizeMangoQuery(schema, { selector: scopeSelector(name, scope) as never });
  const matches = getQueryMatcher(schema, query);
  return (doc) => typeof doc === 'object' && doc !== null && matches(doc as never);
}

function refuse(req: Request, res: Response): void {
  res
    .status(403)
    .set('Connection', 'close')
    .json(errorEnvelope(req, { status: 403, code: 'forbidden' }));
}
