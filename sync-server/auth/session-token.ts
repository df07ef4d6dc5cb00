import type { IncomingHttpHeaders } from 'node:http';
import type { Role } from './session';

/**
 * How a session travels on every transport — the parents' API, the supervisor routes, replication and
 * its streams, the audit REST (issue 15): a bearer token, else the HttpOnly session cookie of the
 * request's door. One parser, so no door reads a token another would refuse.
 *
 * Each door has its own cookies (issue 14, item 19): the parents' view (`/`), the staff workspace
 * (`/staff/`) and the supervisor pages (`/supervisor/`) are often open in one browser, and with one
 * cookie for all a staff login replaced — and a staff logout cleared — the supervisor's session.
 * The parents' names stay what they were; a page of another door names its door in `x-oryn-door` when
 * it relies on the cookie rather than a bearer token.
 */
export const SESSION_COOKIE = 'oryn_session';
export const REFRESH_COOKIE = 'oryn_refresh';
export const DOOR_HEADER = 'x-oryn-door';

export function sessionCookieNames(role: Role): { session: string; refresh: string } {
  return role === 'parent'
    ? { session: SESSION_COOKIE, refresh: REFRESH_COOKIE }
    : { session: `oryn_${role}_session`, refresh: `oryn_${role}_refresh` };
}

/** The door a request names (`x-oryn-door: staff | supervisor`); parents' pages name none. */
export function doorOf(headers: IncomingHttpHeaders): Role {
  const door = headers[DOOR_HEADER];
  return door === 'staff' || door === 'supervisor' ? door : 'parent';
}

/** One cookie's value from the Cookie header (no cookie-parser: two cookies do not need a library). */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const header = headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || undefined;
      } catch {
        // Broken percent-encoding is no token: the caller answers 401, never 500.
        return undefined;
      }
    }
  }
  return undefined;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The access token a request carries: `Authorization: Bearer <token>` (any case, any spacing), else the
 * session cookie of `door` (by default the one the request names). Undefined when there is none.
 */
export function sessionToken(headers: IncomingHttpHeaders, door: Role = doorOf(headers)): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const bearer = BEARER.exec(auth);
    if (bearer) return bearer[1];
  }
  return readCookie(headers, sessionCookieNames(door).session);
}
