import type { Request, Response } from 'express';
import type { IssuedSession } from '../auth';

/**
 * Browsers' EventSource cannot send an Authorization header (stack.md), so the session also travels
 * as an HttpOnly cookie; the refresh token has its own cookie, sent only to the auth routes.
 */
export const SESSION_COOKIE = 'oryn_session';
export const REFRESH_COOKIE = 'oryn_refresh';
const REFRESH_PATH = '/api/auth';

export function setSessionCookies(req: Request, res: Response, session: IssuedSession, now: Date): void {
  const secure = req.secure;
  res.cookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.max(0, session.validUntil - now.getTime()),
  });
  res.cookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: REFRESH_PATH,
    maxAge: Math.max(0, session.refreshValidUntil - now.getTime()),
  });
}

export function clearSessionCookies(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.clearCookie(REFRESH_COOKIE, { path: REFRESH_PATH });
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

/** The access token: `Authorization: Bearer …`, else the session cookie. */
export function requestToken(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  return readCookie(req, SESSION_COOKIE);
}
