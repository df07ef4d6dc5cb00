import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type Principal, sessionToken, verifySessions } from './auth';
import type { ServerContext } from './context';

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
/**
 * Checks that arrive together are answered together: one change fanned out to a thousand open streams
 * asks a thousand sessions at once, and `verifySessions` reads them in one go (the checks of one turn of
 * the event loop, collected until the next).
 */
interface Waiter {
  resolve(principal: Principal | null): void;
  reject(error: unknown): void;
}
const waiting = new WeakMap<ServerContext, Map<string, Waiter[]>>();

function verifySoon(ctx: ServerContext, token: string): Promise<Principal | null> {
  let batch = waiting.get(ctx);
  if (!batch) {
    const fresh = new Map<string, Waiter[]>();
    waiting.set(ctx, fresh);
    batch = fresh;
    setImmediate(() => {
      waiting.delete(ctx);
      const tokens = [...fresh.keys()];
      verifySessions(ctx, tokens).then(
        (answers) => {
          tokens.forEach((t, i) => {
            for (const w of fresh.get(t) ?? []) w.resolve(answers[i]);
          });
        },
        // The storage failed: every check of the batch fails, as each would have alone.
        (error: unknown) => {
          for (const list of fresh.values()) for (const w of list) w.reject(error);
        },
      );
    });
  }
  const target = batch;
  return new Promise((resolve, reject) => {
    target.set(token, [...(target.get(token) ?? []), { resolve, reject }]);
  });
}

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
      holds = (await verifySoon(ctx, token)) !== null;
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
    const token = sessionToken(req.headers);
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
