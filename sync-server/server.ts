import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import cors from 'cors';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { RxJsonSchema } from 'rxdb';
import { createRxServer } from 'rxdb-server/plugins/server';
import { type ActionLoop, startActionLoop } from './actions';
import { createApi } from './api';
import type { ServerContext } from './context';
import { guardedExpressAdapter } from './guarded-express-adapter';
import { bridgeChangesToEvents } from './live-events';
import { inlineScriptSources } from './page-scripts';
import { guardPushConflicts } from './push-conflicts';
import { pushLimits } from './push-limits';
import {
  AUDIT_REST_PATH,
  addReplicationEndpoints,
  createAuthHandler,
  REPLICATION_PATH,
  type ReplicationScope,
  type RxServer,
} from './replication';
import type { StorageKind } from './storage-choice';
import { ApiError } from './api/api-error';
import { errorEnvelope, type Refusal, requestRefusal } from './error-envelope';
import { isAnswerableQuery } from './rest-query';
import { endStreamWithSession } from './session-watch';
import { refuseUnstorableText } from './unstorable-request';

export interface StartServerOptions {
  port: number;
  host: string;
  /** Reported by GET /api/health. */
  storage: StorageKind;
  /** Process pending actions in this process (default true). */
  processActions?: boolean;
  /** The built renderer pages (default dist/renderer next to the repository root). */
  rendererDir?: string;
  /**
   * The reverse proxies whose `X-Forwarded-For` names the client (TRUST_PROXY, config.ts): express's
   * `trust proxy` list. None by default: a client's own header never moves its rate limits.
   */
  trustProxy?: string[];
}

export interface RunningServer {
  url: string;
  port: number;
  /** Resolves once every action seen so far is processed. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');
const REPLICATION_BODY_LIMIT = '5mb';
const MAX_PULL_BATCH = 1000;

/**
 * The sync server (docs/architecture.md): replication for staff and supervisors, the parents' JSON API,
 * the supervisors' REST API, the built web pages and GET /api/health, on one express 4 app.
 */
export async function startServer(ctx: ServerContext, options: StartServerOptions): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy && options.trustProxy.length > 0 ? options.trustProxy : false);
  const rendererDir = options.rendererDir ?? join(ROOT, 'dist', 'renderer');
  app.use(securityHeaders(pageScriptSources(rendererDir)));
  // Token auth travels in a header, so any origin may call (the staff app loads from file:// in
  // Electron); without credentials a foreign page cannot ride on a cookie session.
  app.use(cors({ origin: '*', maxAge: 600 }));

  // publicUrl: the address the desktop app prints in a referral's QR code (issue 17) when it renders
  // the PDF itself, offline; the server's own PDFs use it too.
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, storage: options.storage, publicUrl: ctx.config.publicUrl });
  });

  // Rows per push and each action's payload bounds, before anything else walks the rows (push-limits.ts).
  app.post(
    `/${REPLICATION_PATH}/actions/:version/push`,
    express.json({ limit: REPLICATION_BODY_LIMIT }),
    pushLimits(),
  );
  app.use(`/${REPLICATION_PATH}`, express.json({ limit: REPLICATION_BODY_LIMIT }), refuseUnstorableText());
  app.use(`/${AUDIT_REST_PATH}`, express.json({ limit: '256kb' }), refuseUnstorableText());
  // A push conflict answers only a document the caller may read (push-conflicts.ts).
  let rxServer: RxServer | undefined;
  app.post(
    `/${REPLICATION_PATH}/:collection/:version/push`,
    guardPushConflicts(ctx, () => rxServer!),
  );
  // Live streams end with their session, not only when an event finds it over (session-watch.ts).
  app.get(
    [`/${REPLICATION_PATH}/:collection/:version/pullStream`, `/${AUDIT_REST_PATH}/:version/query/observe`],
    endStreamWithSession(ctx),
  );
  // Pull pages: an absurd `limit` must not make one request read a whole table.
  app.get(`/${REPLICATION_PATH}/*`, (req, _res, next) => {
    const limit = Number(req.query.limit);
    if (req.query.limit !== undefined && (!Number.isFinite(limit) || limit < 1 || limit > MAX_PULL_BATCH)) {
      req.query.limit = String(MAX_PULL_BATCH);
    }
    next();
  });
  // The audit over rxdb-server's REST endpoint is read-only: its `set` would insert without the
  // change validator (rxdb-server 15.22 checks it only for existing documents).
  app.post([`/${AUDIT_REST_PATH}/*/set`, `/${AUDIT_REST_PATH}/*/delete`], (req, res) => {
    res.status(403).json(errorEnvelope(req, { status: 403, code: 'auditAppendOnly' }));
  });

  // rxdb-server opens the event stream before it decodes `?query=` (base64 JSON): a bad one would
  // end a 200 stream; answer 400 at the boundary instead.
  // The same for a query mingo cannot run (rest-query.ts), posted or observed.
  const auditSchema = ctx.db.collections.audit!.schema.jsonSchema as RxJsonSchema<unknown>;
  app.post(`/${AUDIT_REST_PATH}/*/query`, (req, res, next) => {
    if (isAnswerableQuery(auditSchema, req.body)) return next();
    res.status(400).json(errorEnvelope(req, { status: 400, code: 'badQuery', field: 'selector' }));
  });
  app.get(`/${AUDIT_REST_PATH}/*/query/observe`, (req, res, next) => {
    if (decodesToQuery(req.query.query, auditSchema)) return next();
    res.status(400).json(errorEnvelope(req, { status: 400, code: 'badQuery', field: 'query' }));
  });

  rxServer = await createRxServer<express.Express, ReplicationScope>({
    database: ctx.db,
    adapter: guardedExpressAdapter(ctx.log),
    serverApp: app,
    authHandler: createAuthHandler(ctx),
    port: options.port,
    hostname: options.host,
    cors: '*',
  });
  addReplicationEndpoints(rxServer, ctx);

  app.use('/api', createApi(ctx));

  servePages(app, rendererDir);
  app.use(notFound);
  app.use(finalErrorHandler(ctx));

  const stopBridge = bridgeChangesToEvents(ctx.db, ctx.events);

  const server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      ok();
    });
  });
  // The processor starts once the port is open: a backlog left by a restart drains while requests are served.
  const loop: ActionLoop | null = options.processActions === false ? null : startActionLoop(ctx);
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  ctx.log.info({ port, host: options.host, storage: options.storage }, 'sync server listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}`,
    port,
    idle: async () => {
      await loop?.idle();
    },
    close() {
      closing ??= (async () => {
        stopBridge();
        await loop?.stop();
        await closeHttp(server, sockets);
        await rxServer.close().catch(() => undefined);
      })();
      return closing;
    },
  };
}

function decodesToQuery(value: unknown, schema: RxJsonSchema<unknown>): boolean {
  if (typeof value !== 'string' || value.length > 20_000) return false;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    return isAnswerableQuery(schema, parsed) && /^[A-Za-z0-9+/=_-]+$/.test(value);
  } catch {
    return false;
  }
}

async function closeHttp(server: Server, sockets: Set<Socket>): Promise<void> {
  const closed = new Promise<void>((ok) => server.close(() => ok()));
  // Live pull streams and SSE never end by themselves.
  for (const socket of sockets) socket.destroy();
  await closed;
}

/**
 * Headers helmet would set for an API and a same-origin single-page app. Scripts: the origin's files,
 * and the inline scripts of the built pages by their hashes (`scriptSources`).
 */
function securityHeaders(scriptSources: string[]) {
  const scripts = scriptSources.length > 0 ? ` script-src 'self' ${scriptSources.join(' ')};` : '';
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    // The pages' own policies (the staff app's meta CSP: blob: frames for PDF previews, connect to any
    // server) must still hold under this one, which only adds what no page needs.
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self';${scripts} img-src 'self' data: blob:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self' http: https:; frame-src 'self' blob:; worker-src 'self' blob:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'`,
    );
    next();
  };
}

const PAGES: [mount: string, name: string][] = [
  ['/staff', 'staff'],
  ['/supervisor', 'supervisor'],
  ['/', 'parent'],
];

/** The CSP sources of the inline scripts in the built pages (page-scripts.ts), read once at start. */
function pageScriptSources(rendererDir: string): string[] {
  return PAGES.flatMap(([, name]) => {
    const index = join(rendererDir, name, 'index.html');
    return existsSync(index) ? inlineScriptSources(readFileSync(index, 'utf8')) : [];
  });
}

/** The built web pages: the staff app at /staff, the supervisor pages at /supervisor, parents at /. */
function servePages(app: express.Express, rendererDir: string): void {
  for (const [mount, name] of PAGES) {
    const dir = join(rendererDir, name);
    const index = join(dir, 'index.html');
    if (!existsSync(index)) continue;
    // Compressed: parents open these pages on phones over slow mobile networks (issue 7: 3 s on slow
    // 3G). Only the pages: the API's event streams must not sit in a compression buffer.
    app.use(mount, compression(), express.static(dir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes: any other page address of the app answers its index.html.
    app.get(mount === '/' ? '/*' : `${mount}/*`, (req, res, next) => {
      if (/^\/(api|replication|rest)(\/|$)/.test(req.path) || !req.accepts('html')) return next();
      res.sendFile(index);
    });
  }
}

function notFound(req: Request, res: Response): void {
  res.status(404).json(errorEnvelope(req, { status: 404, code: 'notFound' }));
}

/** Body parser failures and anything a route let through: the one error envelope, never a stack. */
function finalErrorHandler(ctx: ServerContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const refusal: Refusal | null =
      error instanceof ApiError
        ? { status: error.status, code: error.code, params: error.params, field: error.field }
        : requestRefusal(error);
    if (!refusal) ctx.log.error({ err: error, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    const answer = refusal ?? { status: 500, code: 'serverError' };
    res.status(answer.status).json(errorEnvelope(req, answer));
  };
}
