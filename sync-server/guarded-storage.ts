import {
  type BulkWriteRow,
  getPrimaryFieldOfPrimaryKey,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageWriteError,
} from 'rxdb';
import { findUnstorable } from './unstorable-text';

/** The validation message of a row refused for its text; `instancePath` names the field. */
export const UNSTORABLE_TEXT = 'unstorableText';

/**
 * The storage as the server's RxDB database sees it: every write either succeeds or fails per row,
 * never by throwing. rxdb's incremental write queue (incrementalModify/incrementalPatch, every profile
 * and catalogue edit) calls bulkWrite without awaiting it: a thrown bulkWrite there is an unhandled
 * rejection that stops Node, and it leaves the queue marked running, so every later edit of the
 * collection hangs (issue 13: `PATCH /api/me {"address":"a\u0000b"}`). Here
 * - a row with text PostgreSQL cannot store (unstorable-text.ts) fails with 422, like a schema error,
 *   naming the field, and the other rows are written;
 * - a bulkWrite that throws anyway (a closed storage, a SQL error) fails each of its rows, carrying the
 *   error, which the caller turns into an answer (`writeDocs`, `insert` and the queue all reject).
 */
export function guardedStorage<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return {
    ...storage,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const write = instance.bulkWrite.bind(instance);
      type Row = BulkWriteRow<Record<string, unknown>>;
      type Result = RxStorageBulkWriteResponse<Record<string, unknown>>;
      const idOf = (row: Row) => String(row.document[primaryPath]);
      instance.bulkWrite = async (rows, context) => {
        const refused: RxStorageWriteError<Record<string, unknown>>[] = [];
        const storable: Row[] = [];
        for (const row of rows as Row[]) {
          const unstorable = findUnstorable(row.document);
          if (unstorable === null) storable.push(row);
          else
            refused.push({
              status: 422,
              isError: true,
              documentId: idOf(row),
              writeRow: row,
              validationErrors: [{ message: UNSTORABLE_TEXT, instancePath: unstorable.field }] as never,
            });
        }
        let result: Result;
        try {
          result =
            storable.length > 0 ? ((await write(storable as never, context)) as Result) : { error: [] };
        } catch (error) {
          result = {
            error: storable.map((row) => ({
              status: 500 as 422,
              isError: true as const,
              documentId: idOf(row),
              writeRow: row,
              validationErrors: [],
              storageError:
                error instanceof Error ? { name: error.name, message: error.message } : String(error),
            })),
          };
        }
        return { ...result, error: [...result.error, ...refused] } as never;
      };
      return instance;
    },
  };
}

/** The field of a write refused for its text, from the error rxdb throws for it (RxError COL20). */
export function unstorableFieldOf(error: unknown): string | null {
  const writeError = (error as { parameters?: { writeError?: unknown } } | null)?.parameters?.writeError as
    | { status?: number; validationErrors?: { message?: string; instancePath?: string }[] }
    | undefined;
  const first = writeError?.status === 422 ? writeError.validationErrors?.[0] : undefined;
  return first?.message === UNSTORABLE_TEXT ? (first.instancePath ?? '') : null;
}
