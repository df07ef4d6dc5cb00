import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { checkPayloadBounds, type DomainError } from '../src/domain';
import { requestLanguage } from './api/language';
import { errorText } from './api/translator';

/**
 * The most rows one push of actions may carry (issue 12, "Limits at the push"). The staff workspace
 * pushes in batches of 50 (renderer/staff/replica/replication.ts), so a legitimate client never meets
 * it; one push is applied before the next is answered, so this bounds the work a single request queues.
 */
export const MAX_PUSH_ROWS = 200;

/** The longest action id a refusal repeats back (ids are at most 64 characters by the schema). */
const MAX_ID = 64;

/**
 * Guards `POST /replication/actions/<v>/push` before rxdb-server reads it: more than MAX_PUSH_ROWS
 * rows → 413 `tooManyRows`; an action whose payload could not even be stored and audited (beyond
 * PAYLOAD_LIMITS: too large → 413, nested too deep → 400, as `invalidPayload` with the reason and the
 * limit, the same code the desktop's overlay gives). These are refusals of the whole request: the
 * replication client logs them and retries, it does not cancel (only 403 does, docs/stack.md), and it
 * never sends them, because its overlay runs the same bounds before an action is written. What a
 * payload *means* (its fields, the rules) is the processor's, which rejects the action instead.
 * Anything that is not an array of rows is left to rxdb-server and the guarded adapter (400).
 */
export function pushLimits(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const rows: unknown = req.body;
    if (!Array.isArray(rows)) return next();
    if (rows.length > MAX_PUSH_ROWS) {
      return refuse(req, res, 413, { code: 'tooManyRows', params: { limit: MAX_PUSH_ROWS } });
    }
    for (const row of rows) {
      for (const state of [row?.newDocumentState, row?.assumedMasterState]) {
        if (typeof state !== 'object' || state === null) continue;
        const doc = state as Record<string, unknown>;
        const error = checkPayloadBounds(doc.payload);
        if (!error) continue;
        const status = error.params?.reason === 'tooLarge' ? 413 : 400;
        const actionId = typeof doc.id === 'string' ? doc.id.slice(0, MAX_ID) : undefined;
        return refuse(req, res, status, {
          code: error.code,
          params: { ...error.params, ...(actionId !== undefined ? { actionId } : {}) },
        });
      }
    }
    next();
  };
}

function refuse(
  req: Request,
  res: Response,
  status: number,
  error: { code: string; params?: DomainError['params'] },
): void {
  const message = errorText(requestLanguage(req), error);
  res.status(status).json({ error: { code: error.code, message, params: error.params ?? {} } });
}
