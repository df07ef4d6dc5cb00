import type { Request, Response } from 'express';
import type { LiveEvent, ServerContext } from '../context';
import { watchSession } from '../session-watch';
import type { SupervisorSession } from './supervisor-session';

/** Keeps proxies from closing an idle stream; a comment line, ignored by EventSource. */
const HEARTBEAT_MS = 25_000;

/**
 * Server-Sent Events for the supervisor pages (issue 8, Live): every staff action and supervisor
 * change of the region arrives as a `change` event with the server time, and the pages refetch what
 * they show and move their "as of" time. Only the region's audience is subscribed, so a supervisor of
 * another district hears nothing of this one. The session is checked again before each event and on a
 * timer (session-watch.ts): logout, logout everywhere, a disabled account or an expired token end the
 * stream with an `expired` event (issue 13: it used to keep delivering after logout).
 */
export function streamRegionChanges(
  ctx: ServerContext,
  session: SupervisorSession,
  token: string,
  req: Request,
  res: Response,
): void {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  // HEAD has no body: the headers are the whole answer, and no stream is held open for it.
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.flushHeaders();
  const send = (event: string, data: Record<string, unknown>) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  send('hello', { at: ctx.now().toISOString() });
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    watch.stop();
    unsubscribe();
    res.end();
  };
  // The route table let the request in with this token.
  const watch = watchSession(ctx, token, () => {
    if (!open) return;
    send('expired', { at: ctx.now().toISOString() });
    close();
  });
  // In order, one at a time: each event waits for the session check of the one before.
  let chain = Promise.resolve();
  const unsubscribe = ctx.events.subscribe(`region:${session.regionId}`, (event: LiveEvent) => {
    chain = chain.then(async () => {
      if (!open || !(await watch.check())) return;
      // Only the kind of change travels: the pages fetch the numbers through the scoped API.
      send('change', { type: event.type, at: ctx.now().toISOString() });
    });
    // Nobody awaits the chain: a failure ends the stream (the page reconnects) rather than Node.
    chain = chain.catch(close);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  req.on('close', close);
}
