import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring tokens: `v1.<payload>.<signature>`, the payload base64url JSON, the signature
 * HMAC-SHA256 over it with the server's secret. Pure: the caller passes the time. A token says which
 * session and which account version it belongs to; revocation is checked against the database by
 * `verifySession`, not here.
 */
export type TokenType = 'access' | 'refresh' | 'otp';

export interface TokenClaims {
  typ: TokenType;
  /** Account id (user or parent), or the phone for an 'otp' ticket. */
  sub: string;
  /** Epoch ms after which the token is refused. */
  exp: number;
  [claim: string]: unknown;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signToken(secret: string, claims: TokenClaims): string {
  const payload = b64url(JSON.stringify(claims));
  return `v1.${payload}.${sign(secret, `v1.${payload}`)}`;
}

/** The claims of a well-signed, unexpired token of the expected type, or null. */
export function readToken(secret: string, token: string, type: TokenType, nowMs: number): TokenClaims | null {
  if (typeof token !== 'string' || token.length > 4096) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return null;
  const expected = Buffer.from(sign(secret, `v1.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const c = claims as TokenClaims;
  if (c.typ !== type || typeof c.sub !== 'string' || typeof c.exp !== 'number') return null;
  if (c.exp <= nowMs) return null;
  return c;
}
