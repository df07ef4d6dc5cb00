import type { Request, Response } from 'express';
import { doorOf, type IssuedSession, readCookie, type Role, sessionCookieNames, sessionToken } from '../auth';

export { DOOR_HEADER, doorOf, REFRESH_COOKIE, SESSION_COOKIE, sessionCookieNames } from '../auth';

/**
 * Browsers' EventSource cannot send an Authorization header (docs/stack.md), so the session also travels
 * as an HttpOnly cookie; the refresh token has its own cookie, sent only to the auth routes. The
 * cookies' names and how a token is read from a request are the transports' one definition
 * (auth/session-token.ts); this sets and clears them on express responses.
 */
const REFRESH_PATH = '/api/auth';

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

/** The access token: `Authorization: Bearer …`, else the session cookie of the request's door. */
export function requestToken(req: Request, door: Role = doorOf(req.headers)): string | undefined {
  return sessionToken(req.headers, door);
}

/** The refresh token a request carries in its door's refresh cookie. */
export function requestRefreshCookie(req: Request): string | undefined {
  return readCookie(req.headers, sessionCookieNames(doorOf(req.headers)).refresh);
}
