import type { LiveEvent } from '../../context';
import { watchSession } from '../../session-watch';
import { type RouteSpec, route } from '../route';
import { requestToken } from '../session-cookie';

const HEARTBEAT_MS = 25_000;

/**
 * Live updates by Server-Sent Events (docs/architecture.md): the parent's own events (notifications,
 * applications, referrals), a staff member's kindergarten, a supervisor's district. The session comes
 * from the cookie or `?token=` (EventSource cannot send headers) and is checked again before each
 * event and on a timer (session-watch.ts): a revoked or expired session, or a disabled account, ends
 * the stream with an `expired` event, even while nothing happens.
 */
export function eventRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/events',
      operationId: 'events',
      tag: 'events',
      summary:
        'Server-Sent Events: one event per change that concerns the caller (type = notification, application, referral, bulletin…)',
      access: 'session',
      response: { contentType: 'text/event-stream' },
      errors: ['unauthorized', 'sessionExpired'],
      handle: async ({ ctx, principal, req, res }) => {
        const token = requestToken(req) ?? String(req.query.token ?? '');
        const audiences = [principal!.userId];
        if (principal!.kindergartenId) audiences.push(`kg:${principal!.kindergartenId}`);
        if (principal!.role === 'supervisor' && principal!.regionId)
          audiences.push(`region:${principal!.regionId}`);
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        // HEAD has no body, so no write would ever send these headers: answer them and stop.
        if (req.method === 'HEAD') {
          res.end();
          return undefined;
        }
        res.write(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ type: 'ready' })}\n\n`);
        let open = true;
        let chain = Promise.resolve();
        const close = () => {
          if (!open) return;
          open = false;
          clearInterval(heartbeat);
          session.stop();
          for (const u of unsubscribe) u();
          res.end();
        };
        const session = watchSession(ctx, token, () => {
          if (!open) return;
          res.write(`event: expired\ndata: ${JSON.stringify({ type: 'expired' })}\n\n`);
          close();
        });
        const deliver = (event: LiveEvent) => {
          // In order, one at a time: each event waits for the session check of the one before.
          chain = chain.then(async () => {
            if (!open || !(await session.check())) return;
            res.write(
              `event: ${event.type}\ndata: ${JSON.stringify({ type: event.type, ...event.data })}\n\n`,
            );
          });
          // Nobody awaits this chain: a session check the storage failed would be an unhandled
          // rejection (Node exits). The stream ends instead, and EventSource reconnects.
          chain = chain.catch((error: unknown) => {
            ctx.log.warn({ err: error }, 'event stream closed: the session could not be checked');
            close();
          });
        };
        const unsubscribe = audiences.map((a) => ctx.events.subscribe(a, deliver));
        const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        req.on('close', close);
        return undefined;
      },
    }),
  ];
}
