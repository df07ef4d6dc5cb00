import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { RxServerAdapterExpress } from 'rxdb-server/plugins/adapter-express';
import type { RxServerAdapter, RxServerRouteHandler } from 'rxdb-server/plugins/server';
import { errorEnvelope, requestRefusal } from './error-envelope';

/**
 * rxdb-server's express adapter with every route handler guarded (docs/stack.md, "Verified crash"): under
 * express 4 a rejected async handler is an unhandled rejection and Node exits, e.g. on a push whose
 * `assumedMasterState` carries `_meta` or a bad base64 `?query=`. Here every rejection becomes a 4xx
 * (the request was malformed) or a 5xx, and the process stays up.
 */
export function guardedExpressAdapter(log: Logger): RxServerAdapter<Express, Request, Response> {
  const guard =
    (handler: RxServerRouteHandler<Request, Response>) =>
    (req: Request, res: Response, next: NextFunction) => {
      Promise.resolve()
        .then(() => handler(req, res, next))
        .catch((error: unknown) => answerFailure(log, req, res, error));
    };
  return {
    ...RxServerAdapterExpress,
    get: (app, path, handler) => void app.get(path, guard(handler)),
    post: (app, path, handler) => void app.post(path, guard(handler)),
    all: (app, path, handler) => void app.all(path, guard(handler)),
    // The stock closeConnection sets a header, which throws once an SSE stream has started (an access
    // token expiring mid-stream): inside rxjs that error is rethrown globally and Node exits.
    closeConnection(res, code) {
      if (res.headersSent) {
        res.end();
        return;
      }
      // The client acts on the status alone (401 unauthorized$, 403 forbidden$, 426 outdated): the body
      // is the one error envelope of every door, translated, instead of rxdb-server's English `message`.
      res
        .status(code)
        .set('Connection', 'close')
        .json(errorEnvelope(res.req, { status: code, code: codeOfStatus(code) }));
    },
  };
}

function codeOfStatus(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 426) return 'outdatedClient';
  return status < 500 ? 'badRequest' : 'serverError';
}

/** Was the failure caused by the request (unparsable query, wrong shapes, server-only fields)? */
export function isClientFault(error: unknown): boolean {
  if (error instanceof SyntaxError || error instanceof TypeError || error instanceof RangeError) return true;
  if (typeof DOMException !== 'undefined' && error instanceof DOMException) return true;
  const message = error instanceof Error ? error.message : '';
  if (/contains meta|\$regex|not allowed/i.test(message)) return true;
  const rxCode = (error as { rxdb?: boolean; code?: string }).rxdb
    ? (error as { code?: string }).code
    : undefined;
  return typeof rxCode === 'string' && /^(QU|SC|VD|DOC)/.test(rxCode);
}

function answerFailure(log: Logger, req: Request, res: Response, error: unknown): void {
  const refusal = requestRefusal(error);
  const client = refusal !== null || isClientFault(error);
  log[client ? 'warn' : 'error'](
    { err: error, path: req.path, method: req.method },
    'replication request failed',
  );
  if (res.headersSent) {
    res.end();
    return;
  }
  const answer =
    refusal ?? (client ? { status: 400, code: 'badRequest' } : { status: 500, code: 'serverError' });
  res.status(answer.status).json(errorEnvelope(req, answer));
}
