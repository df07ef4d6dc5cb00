import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { RxServerAdapterExpress } from 'rxdb-server/plugins/adapter-express';
import type { RxServerAdapter, RxServerRouteHandler } from 'rxdb-server/plugins/server';

/**
 * rxdb-server's express adapter with every route handler guarded (stack.md, "Verified crash"): under
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
    closeConnection(res, code, message) {
      if (res.headersSent) {
        res.end();
        return;
      }
      res
        .status(code)
        .set('Connection', 'close')
        .json({ code: codeOfStatus(code), error: true, message });
    },
  };
}

function codeOfStatus(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 426) return 'outdatedClient';
  return status < 500 ? 'badRequest' : 'internal';
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
  const client = isClientFault(error);
  log[client ? 'warn' : 'error'](
    { err: error, path: req.path, method: req.method },
    'replication request failed',
  );
  if (res.headersSent) {
    res.end();
    return;
  }
  res
    .status(client ? 400 : 500)
    .json(
      client
        ? { code: 'badRequest', message: 'The replication request is malformed' }
        : { code: 'internal', message: 'Internal error' },
    );
}
