import type { Request, Response } from 'express';
import type { IssuedSession, Role } from '../auth';

/**
 * Browsers' EventSource cannot send an Authorization header (docs/stack.md), so the session also travels
 * as an HttpOnly cookie; the refresh token has its own cookie, sent only to the auth routes.
 *
 * Each door has its own cookies (issue 14, item 19): the parents' view (`/`), the staff workspace
 * (`/staff/`) and the supervisor pages (`/supervisor/`) are often open in one browser, and with one
 * cookie for all a staff login replaced — and a staff logout cleared — the supervisor's session.
 * The parents' names stay what they were; a page of another door names its door in `x-oryn-door` when
 * it relies on the cookie rather than a bearer token.
 */
export const SESSION_COOKIE = 'oryn_session';
export const REFRESH_COOKIE = 'oryn_refresh';
const REFRESH_PATH = '/api/auth';
export const DOOR_HEADER = 'x-oryn-door';

export function sessionCookieNames(role: Role): { session: string; refresh: string } {
  return role === 'parent'
    ? { session: SESSION_COOKIE, refresh: REFRESH_COOKIE }
    : { session: `oryn_${role}_session`, refresh: `oryn_${role}_refresh` };
}

/** The door a request names (`x-oryn-door: staff | supervisor`); parents' pages name none. */
export function doorOf(req: Request): Role {
  const door = req.headers[DOOR_HEADER];
  return door === 'staff' || door === 'supervisor' ? door : 'parent';
}

export function setSessionCookies(
  req: Request,
  res: Response,
  session: IssuedSession,
  now: Date,
  role: Role,
): void {
  const secure = req.secure;
  const names = sessionCookieNames(role);
  res.cookie(names.session, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.max(0, session.validUntil - now.getTime()),
  });
  res.cookie(names.refresh, session.refreshToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: REFRESH_PATH,
    maxAge: Math.max(0, session.refreshValidUntil - now.getTime()),
  });
}

/** Clears one door's cookies only: logging out of the staff workspace leaves the supervisor signed in. */
export function clearSessionCookies(res: Response, role: Role): void {
  const names = sessionCookieNames(role);
  res.clearCookie(names.session, { path: '/' });
  res.clearCookie(names.refresh, { path: REFRESH_PATH });
}

/** One cookie's value from the Cookie header (no cookie-parser: two cookies do not need a library). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The access token: `Authorization: Bearer …`, else the session cookie of the request's door. */
export function requestToken(req: Request, door: Role = doorOf(req)): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  return readCookie(req, sessionCookieNames(door).session);
}

/** The refresh token a request carries in its door's refresh cookie. */
export function requestRefreshCookie(req: Request): string | undefined {
  return readCookie(req, sessionCookieNames(doorOf(req)).refresh);
}
