import type { NextFunction, Request, Response } from 'express';
import { sessionToken as tokenOf, verifySession } from '../auth';
import type { ServerContext } from '../context';
import { SupervisorError } from './supervisor-error';

/** A district supervisor's session: every supervisor route is scoped to `regionId` (issue 8). */
export interface SupervisorSession {
  userId: string;
  name: string;
  regionId: string;
}

/** The supervisor pages' own session cookie (set by POST /api/auth/login), or a bearer token for API clients. */
export function sessionToken(req: Request): string | null {
  return tokenOf(req.headers, 'supervisor') ?? null;
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
