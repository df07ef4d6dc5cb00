import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import multer from 'multer';
import { type Principal, verifySession } from '../auth';
import type { ServerContext } from '../context';
import { refusalError, unstorableInRequest } from '../unstorable-request';
import { collectionOf, type Parent } from '../schema';
import { ApiError } from './api-error';
import { requestLanguage } from './language';
import type { RouteSpec, UploadSpec } from './route';
import { requestToken } from './session-cookie';

/** Express 4 does not catch a rejected promise: every handler goes through this (docs/stack.md). */
const safe =
  (fn: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req, res, next) => {
    fn(req, res).then(() => {
      if (!res.headersSent) next();
    }, next);
  };

function uploadMiddleware(spec: UploadSpec): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    // Browsers send a file's name as raw UTF-8 (a parent's «справка.pdf»); busboy's default, latin1,
    // would store it garbled.
    defParamCharset: 'utf8',
    limits: {
      files: spec.maxFiles,
      fileSize: spec.maxBytes,
      fields: 20,
      fieldSize: 4096,
      parts: spec.maxFiles + 20,
    },
    fileFilter: (_req, file, accept) => {
      if (spec.types.includes(file.mimetype)) accept(null, true);
      else accept(new ApiError(415, 'unsupportedFileType', { types: spec.types.join(', ') }, spec.field));
    },
  }).array(spec.field, spec.maxFiles);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next(new ApiError(415, 'unsupportedMediaType', { expected: 'multipart/form-data' }));
      return;
    }
    // busboy's own failures (no boundary, a truncated body, an oversize part header) are plain Errors:
    // the request is malformed, not the server.
    parse(req, res, (error?: unknown) => {
      const ours = error === undefined || error instanceof ApiError || error instanceof multer.MulterError;
      next(ours ? error : new ApiError(400, 'malformedMultipart', {}, spec.field));
    });
  };
}

async function authenticate(ctx: ServerContext, req: Request, spec: RouteSpec) {
  const token = requestToken(req) ?? (isEventStream(spec) ? tokenFromQuery(req) : undefined);
  const principal: Principal | null = token ? await verifySession(ctx, token) : null;
  if (spec.access === 'public') return { principal, parent: null };
  if (!principal) throw new ApiError(401, token ? 'sessionExpired' : 'unauthorized');
  if (spec.access === 'session') return { principal, parent: null };
  if (principal.role !== 'parent') throw new ApiError(403, 'forbidden');
  const doc = await collectionOf(ctx.db, 'parents').findOne(principal.userId).exec();
  if (!doc) throw new ApiError(401, 'sessionExpired');
  const parent = doc.toJSON() as Parent;
  // Registration step 4 (parent IIN) must be done before children and applications (the seed).
  if (spec.access === 'parent' && !parent.iin) throw new ApiError(403, 'registrationIncomplete');
  return { principal, parent };
}

const isEventStream = (spec: RouteSpec) =>
  spec.response !== undefined &&
  'contentType' in spec.response &&
  spec.response.contentType === 'text/event-stream';

/**
 * `?token=` only for the event stream: EventSource cannot send headers, and a stream URL is not
 * bookmarked or shared the way a download link is (downloads use the cookie or the header).
 */
function tokenFromQuery(req: Request): string | undefined {
  const t = req.query.token;
  return typeof t === 'string' ? t : undefined;
}

/** An express router for a route table: JSON limits, uploads, access, zod validation, then the handler. */
export function bindRoutes(ctx: ServerContext, routes: readonly RouteSpec[], jsonBytes: number): Router {
  const router = Router();
  const json = express.json({ limit: jsonBytes, strict: true });
  for (const spec of routes) {
    // Who is calling is settled before any body is read: an anonymous upload is never buffered.
    const chain: RequestHandler[] = [
      safe(async (req, res) => {
        res.locals.caller = await authenticate(ctx, req, spec);
      }),
    ];
    if (spec.upload) chain.push(uploadMiddleware(spec.upload));
    else if (spec.body) chain.push(json);
    chain.push(
      safe(async (req, res) => {
        // An empty request (no body, or Content-Length: 0) counts as {}; a body of another type is refused.
        const empty = req.is('application/json') === null || req.headers['content-length'] === '0';
        if (spec.body && !spec.upload && !empty && !req.is('application/json')) {
          throw new ApiError(415, 'unsupportedMediaType', { expected: 'application/json' });
        }
        // Before any handler reads them: text PostgreSQL cannot store (issue 13).
        const unstorable = unstorableInRequest(req);
        if (unstorable !== null) throw refusalError(unstorable);
        const { principal, parent } = res.locals.caller as Awaited<ReturnType<typeof authenticate>>;
        const params = spec.params ? spec.params.parse(req.params) : req.params;
        const query = spec.query ? spec.query.parse(req.query) : req.query;
        const body = spec.body ? spec.body.parse(req.body ?? {}) : undefined;
        const files = Array.isArray(req.files) ? req.files : [];
        const result = await spec.handle({
          ctx,
          body,
          query,
          params,
          lng: requestLanguage(req),
          principal,
          parent,
          files,
          req,
          res,
        });
        if (res.headersSent || res.writableEnded) return;
        res.status(spec.status ?? 200).json(result ?? { ok: true });
      }),
    );
    router[spec.method](spec.path, ...chain);
  }
  return router;
}
