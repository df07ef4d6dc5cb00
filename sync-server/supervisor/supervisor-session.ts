import type { NextFunction, Request, Response } from 'express';
import { verifySession } from '../auth';
import type { ServerContext } from '../context';
import { SupervisorError } from './supervisor-error';

/** A district supervisor's session: every supervisor route is scoped to `regionId` (issue 8). */
export interface SupervisorSession {
  userId: string;
  name: string;
  regionId: string;
}

/** The session cookie set by POST /api/auth/login (auth), or a bearer token for API clients. */
export const SESSION_COOKIE = 'oryn_session';

export function sessionToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * Lets only a signed-in supervisor with a region through: 401 without a valid session, 403 for staff,
 * parents or a supervisor account without a region. The session is put on `res.locals.supervisor`.
 */
export function requireSupervisor(ctx: ServerContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = sessionToken(req);
    if (!token) {
      next(new SupervisorError(401, 'notSignedIn'));
      return;
    }
    verifySession(ctx, token)
      .then((principal) => {
        if (!principal) throw new SupervisorError(401, 'notSignedIn');
        if (principal.role !== 'supervisor' || !principal.regionId)
          throw new SupervisorError(403, 'supervisorsOnly');
        res.locals.supervisor = {
          userId: principal.userId,
          name: principal.name,
          regionId: principal.regionId,
        } satisfies SupervisorSession;
        next();
      })
      .catch(next);
  };
}

export function supervisorOf(res: Response): SupervisorSession {
  return res.locals.supervisor as SupervisorSession;
}
