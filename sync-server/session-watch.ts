import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { verifySession } from './auth';
import type { ServerContext } from './context';
import { tokenOf } from './replication';

/** How often an open stream's session is checked while no event arrives (issue 13: at most 60 s). */
export const SESSION_RECHECK_MS = 30_000;

export interface SessionWatch {
  /** Checks the session now: true while it holds; once it does not, the stream is ended and false. */
  check(): Promise<boolean>;
  /** The stream ended by itself: stop checking. */
  stop(): void;
}

/**
 * Keeps an open stream (Server-Sent Events, a replication pullStream, an audit observe) to the life of
 * its session (issue 13, point 6): the session is checked again on every event (`check`) and on a
 * timer (`ServerContext.config.sessionRecheckMs`), so a logout, a logout everywhere, a disabled
 * account or an expired access token ends the stream within that time even when nothing happens —
 * a stream used to stay open, delivering, for as long as its connection lived. A check the storage
 * fails ends the stream too: the client reconnects, and is asked for its session again.
 */
export function watchSession(ctx: ServerContext, token: string, end: () => void): SessionWatch {
  let over = false;
  const finish = () => {
    if (over) return;
    over = true;
    clearInterval(timer);
    try {
      end();
    } catch (error) {
      ctx.log.warn({ err: error }, 'a stream could not be ended');
    }
  };
  const check = async (): Promise<boolean> => {
    if (over) return false;
    let holds = false;
    try {
      holds = (await verifySession(ctx, token)) !== null;
    } catch (error) {
      ctx.log.warn({ err: error }, 'stream closed: the session could not be checked');
    }
    if (!holds) finish();
    return holds && !over;
  };
  const timer = setInterval(() => void check(), ctx.config.sessionRecheckMs ?? SESSION_RECHECK_MS);
  timer.unref();
  return {
    check,
    stop() {
      over = true;
      clearInterval(timer);
    },
  };
}

/**
 * For rxdb-server's streams (replication `pullStream`, the audit's `query/observe`), mounted before
 * them: rxdb-server re-runs the auth handler on each event it sends, which refuses an ended session,
 * but nothing happens while no event comes. This adds the timer. When the session is over, the stream
 * is ended (the request's `close` that follows unsubscribes rxdb-server's handler); the client's
 * reconnect then meets 401.
 */
export function endStreamWithSession(ctx: ServerContext): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req.headers);
    if (token && req.method === 'GET') {
      const watch = watchSession(ctx, token, () => {
        // Before its headers, rxdb-server is still asking the auth handler itself, which refuses.
        if (!res.headersSent) return;
        res.end();
      });
      res.on('close', () => watch.stop());
    }
    next();
  };
}
