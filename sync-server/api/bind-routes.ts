import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import multer from 'multer';
import type { z } from 'zod';
import { type Principal, verifySessionWith } from '../auth';
import type { ServerContext } from '../context';
import { refusalError, unstorableInRequest } from '../unstorable-request';
import type { Parent } from '../schema';
import type { SupervisorSession } from '../supervisor/supervisor-session';
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
  // The supervisor pages' routes read the supervisor's own cookie whatever door the request names.
  const token =
    spec.access === 'supervisor'
      ? requestToken(req, 'supervisor')
      : (requestToken(req) ?? (isEventStream(spec) ? tokenFromQuery(req) : undefined));
  const verified = token ? await verifySessionWith(ctx, token) : null;
  const principal: Principal | null = verified?.principal ?? null;
  const caller = {
    principal,
    parent: null as Parent | null,
    supervisor: null as SupervisorSession | null,
    token,
  };
  if (spec.access === 'public') return caller;
  if (spec.access === 'supervisor') return { ...caller, supervisor: supervisorSession(principal) };
  if (!principal) throw new ApiError(401, token ? 'sessionExpired' : 'unauthorized');
  if (spec.access === 'session') return caller;
  if (principal.role !== 'parent') throw new ApiError(403, 'forbidden');
  // Read with the session (a parent's session is checked against the account it belongs to).
  const parent = verified?.parent;
  if (!parent) throw new ApiError(401, 'sessionExpired');
  // Registration step 4 (parent IIN) must be done before children and applications (the seed).
  if (spec.access === 'parent' && !parent.iin) throw new ApiError(403, 'registrationIncomplete');
  return { ...caller, parent };
}

/**
 * A district supervisor with a region, or the refusal the supervisor pages translate: 401
 * `notSignedIn` without a valid session, 403 `supervisorsOnly` for staff, parents or a supervisor
 * account without a region.
 */
function supervisorSession(principal: Principal | null): SupervisorSession {
  if (!principal) throw new ApiError(401, 'notSignedIn');
  if (principal.role !== 'supervisor' || !principal.regionId) throw new ApiError(403, 'supervisorsOnly');
  return { userId: principal.userId, name: principal.name, regionId: principal.regionId };
}

/**
 * A request part checked with its route's schema. The supervisor pages name every wrong field at once
 * (`invalidInput` with `fields`); the parents' pages show the first next to its field (a ZodError,
 * `validation`, error-handler.ts).
 */
function parsePart<T>(spec: RouteSpec, schema: z.ZodType<T>, value: unknown): T {
  if (spec.access !== 'supervisor') return schema.parse(value);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
  throw new ApiError(400, 'invalidInput', { fields }, fields[0]);
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
        // Supervisor answers are personal data of children and staff: never cached by a browser or proxy.
        if (spec.access === 'supervisor') res.set('Cache-Control', 'no-store');
        res.locals.caller = await authenticate(ctx, req, spec);
      }),
    ];
    if (spec.upload) chain.push(uploadMiddleware(spec.upload));
    else if (spec.body)
      chain.push(spec.jsonBytes ? express.json({ limit: spec.jsonBytes, strict: true }) : json);
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
        const { principal, parent, supervisor, token } = res.locals.caller as Awaited<
          ReturnType<typeof authenticate>
        >;
        const params = spec.params ? parsePart(spec, spec.params, req.params) : req.params;
        const query = spec.query ? parsePart(spec, spec.query, req.query) : req.query;
        const body = spec.body ? parsePart(spec, spec.body, req.body ?? {}) : undefined;
        const files = Array.isArray(req.files) ? req.files : [];
        let status = spec.status ?? 200;
        const result = await spec.handle({
          ctx,
          body,
          query,
          params,
          lng: requestLanguage(req),
          principal,
          parent,
          supervisor,
          token,
          setStatus: (s) => {
            status = s;
          },
          files,
          req,
          res,
        });
        if (res.headersSent || res.writableEnded) return;
        res.status(status).json(result ?? { ok: true });
      }),
    );
    router[spec.method](spec.path, ...chain);
  }
  return router;
}
