import { randomUUID } from 'node:crypto';
import type { ServerContext } from '../context';
import { AuthError } from './auth-error';
import { collectionOf, type Parent, type Session, type User } from '../schema';
import { accountCacheOf } from './account-cache';
import { readToken, signToken } from './token';

export type Role = 'staff' | 'supervisor' | 'parent';

/** What a session is issued for: a staff/supervisor user or a parent account. */
export interface Account {
  id: string;
  role: Role;
  tokenVersion: number;
}

/** Who is calling, as the API and the replication authHandler see it. */
export interface Principal {
  userId: string;
  role: Role;
  kindergartenId?: string;
  regionId?: string;
  name: string;
  /** Epoch ms when the access token expires. */
  validUntil: number;
  sessionId: string;
}

export interface IssuedSession {
  token: string;
  refreshToken: string;
  /** Epoch ms when `token` expires; refresh before. */
  validUntil: number;
  /** Epoch ms when `refreshToken` expires. */
  refreshValidUntil: number;
}

const HOUR = 3_600_000;
const accessTtl = (ctx: ServerContext) => ctx.config.accessTokenTtlMs ?? HOUR;
const refreshTtl = (ctx: ServerContext) => ctx.config.refreshTokenTtlMs ?? 30 * 24 * HOUR;

function sign(
  ctx: ServerContext,
  account: Account,
  sid: string,
  gen: number,
  expiresAt: number,
): IssuedSession {
  const now = ctx.now().getTime();
  const validUntil = Math.min(now + accessTtl(ctx), expiresAt);
  const base = { sub: account.id, role: account.role, sid, ver: account.tokenVersion };
  return {
    token: signToken(ctx.config.tokenSecret, { typ: 'access', ...base, exp: validUntil }),
    refreshToken: signToken(ctx.config.tokenSecret, { typ: 'refresh', ...base, gen, exp: expiresAt }),
    validUntil,
    refreshValidUntil: expiresAt,
  };
}

/** Logs an account in: a new session with a short-lived access token and a rotating refresh token. */
export async function issueSession(ctx: ServerContext, account: Account): Promise<IssuedSession> {
  const now = ctx.now();
  const expiresAt = now.getTime() + refreshTtl(ctx);
  const sid = randomUUID();
  await collectionOf(ctx.db, 'sessions').insert({
    id: sid,
    accountId: account.id,
    role: account.role,
    createdAt: now.toISOString(),
    expiresAt,
    refreshGeneration: 0,
    updatedAt: now.getTime(),
  });
  return sign(ctx, account, sid, 0, expiresAt);
}

/** What an access token claims (token.ts checked its signature and expiry). */
interface AccessClaims {
  sub: string;
  role: Role;
  sid: string;
  ver: number;
  exp: number;
}

function accessClaims(ctx: ServerContext, token: string, now: number): AccessClaims | null {
  return readToken(ctx.config.tokenSecret, token, 'access', now) as unknown as AccessClaims | null;
}

/** The session and the account a token names, as the account cache is asked for them. */
const wantedBy = (c: AccessClaims) =>
  [
    { kind: 'sessions', id: String(c.sid) },
    { kind: c.role === 'parent' ? 'parents' : 'users', id: String(c.sub) },
  ] as const;

/**
 * The caller, from a token's claims and the session and account they name; null when the session was
 * revoked ("Выйти"), the account's version moved on ("log out everywhere"), or the account is disabled
 * or of another role.
 */
function decide(
  c: AccessClaims,
  session: Session | null,
  account: Parent | User | null,
): { principal: Principal; parent?: Parent } | null {
  if (!session || session.revokedAt || session.accountId !== c.sub) return null;
  if (!account || account.tokenVersion !== c.ver) return null;
  let parent: Parent | undefined;
  let scope: { name: string; kindergartenId?: string; regionId?: string };
  if (c.role === 'parent') {
    parent = account as Parent;
    scope = { name: [parent.lastName, parent.firstName].filter(Boolean).join(' ') };
  } else {
    const user = account as User;
    if (user.role !== c.role || user.disabled) return null;
    scope = user;
  }
  const principal: Principal = {
    userId: account.id,
    role: c.role,
    ...(scope.kindergartenId ? { kindergartenId: scope.kindergartenId } : {}),
    ...(scope.regionId ? { regionId: scope.regionId } : {}),
    name: scope.name,
    validUntil: c.exp,
    sessionId: session.id,
  };
  return parent ? { principal, parent } : { principal };
}

/**
 * The caller behind an access token, or null when the token is forged, expired, of a revoked session,
 * of an older account version or of a disabled account (`decide`). The core's replication authHandler
 * calls this: rxdb-server never checks `validUntil` itself (docs/stack.md). The session and the account
 * are read together, and kept between requests until either changes (account-cache.ts).
 */
export async function verifySession(ctx: ServerContext, token: string): Promise<Principal | null> {
  return (await verifySessionWith(ctx, token))?.principal ?? null;
}

/** verifySession, answering a parent's account too (the API's parent routes need it next). */
export async function verifySessionWith(
  ctx: ServerContext,
  token: string,
): Promise<{ principal: Principal; parent?: Parent } | null> {
  const claims = accessClaims(ctx, token, ctx.now().getTime());
  if (!claims) return null;
  const [session, account] = await accountCacheOf(ctx.db).read(wantedBy(claims));
  return decide(claims, session as Session | null, account as Parent | User | null);
}

/**
 * `verifySession` for many tokens at once, with the same answers: their sessions and accounts in one
 * read of the account cache, whose misses are one statement however many tokens (a change fanned out
 * to a thousand open streams checks a thousand sessions; one by one that was two reads each, seconds
 * in all; through rxdb's findByIds a read per collection of every session and account each time).
 */
export async function verifySessions(
  ctx: ServerContext,
  tokens: readonly string[],
): Promise<(Principal | null)[]> {
  const now = ctx.now().getTime();
  const claims = tokens.map((token) => accessClaims(ctx, token, now));
  const wanted = new Map<string, { kind: 'sessions' | 'parents' | 'users'; id: string }>();
  for (const c of claims) {
    if (c) for (const w of wantedBy(c)) wanted.set(`${w.kind}:${w.id}`, w);
  }
  const list = [...wanted.values()];
  const docs = await accountCacheOf(ctx.db).read(list);
  const found = new Map(list.map((w, i) => [`${w.kind}:${w.id}`, docs[i]]));
  return claims.map((c) => {
    if (!c) return null;
    const [session, account] = wantedBy(c).map((w) => found.get(`${w.kind}:${w.id}`) ?? null);
    return decide(c, session as Session | null, account as Parent | User | null)?.principal ?? null;
  });
}

/** The account behind an id, as far as sessions care: role, version, name and scope. */
async function loadAccount(ctx: ServerContext, id: string, role: Role) {
  if (role === 'parent') {
    const p = await collectionOf(ctx.db, 'parents').findOne(id).exec();
    if (!p) return null;
    const name = [p.lastName, p.firstName].filter(Boolean).join(' ');
    return { id: p.id, role, tokenVersion: p.tokenVersion, disabled: false, name } as const;
  }
  const u = await collectionOf(ctx.db, 'users').findOne(id).exec();
  if (!u || u.role !== role) return null;
  return {
    id: u.id,
    role,
    tokenVersion: u.tokenVersion,
    disabled: u.disabled,
    name: u.name,
    kindergartenId: u.kindergartenId,
    regionId: u.regionId,
  } as const;
}

/**
 * A new token pair for a valid refresh token. Each refresh token works once: presenting an already
 * used one means it was copied, so the whole session is revoked. A live session of a disabled account
 * is told so (`accountDisabled`, as its login would be): a workstation holding that account's unsent
 * actions then shows them rejected with the reason instead of waiting for a login that cannot come.
 */
export async function refreshSession(
  ctx: ServerContext,
  refreshToken: string,
): Promise<IssuedSession | null> {
  const now = ctx.now().getTime();
  const claims = readToken(ctx.config.tokenSecret, refreshToken, 'refresh', now);
  if (!claims) return null;
  const { sub, role, sid, ver, gen } = claims as unknown as {
    sub: string;
    role: Role;
    sid: string;
    ver: number;
    gen: number;
  };
  const doc = await collectionOf(ctx.db, 'sessions').findOne(String(sid)).exec();
  if (!doc || doc.revokedAt || doc.accountId !== sub || doc.expiresAt <= now) return null;
  const account = await loadAccount(ctx, sub, role);
  if (account?.disabled) throw new AuthError(403, 'accountDisabled');
  if (!account || account.tokenVersion !== ver) return null;
  let rotated = false;
  const updated = await doc.incrementalModify((s) => {
    if (s.revokedAt) return s;
    if (s.refreshGeneration !== gen) {
      s.revokedAt = new Date(now).toISOString();
    } else {
      s.refreshGeneration += 1;
      rotated = true;
    }
    s.updatedAt = now;
    return s;
  });
  if (!rotated) {
    ctx.log.warn({ sessionId: sid }, 'refresh token reused: session revoked');
    return null;
  }
  return sign(ctx, account, updated.id, updated.refreshGeneration, updated.expiresAt);
}

/** "Выйти": ends one session (its access and refresh tokens stop working at once). */
export async function revokeSession(ctx: ServerContext, sessionId: string): Promise<void> {
  const doc = await collectionOf(ctx.db, 'sessions').findOne(sessionId).exec();
  if (!doc || doc.revokedAt) return;
  const now = ctx.now();
  await doc.incrementalPatch({ revokedAt: now.toISOString(), updatedAt: now.getTime() });
}

/** Log out everywhere: every token of the account, on every device, stops working. */
export async function revokeAllSessions(ctx: ServerContext, accountId: string, role: Role): Promise<void> {
  const now = ctx.now().getTime();
  if (role === 'parent') {
    const p = await collectionOf(ctx.db, 'parents').findOne(accountId).exec();
    await p?.incrementalModify((d) => ({ ...d, tokenVersion: d.tokenVersion + 1, updatedAt: now }));
  } else {
    const u = await collectionOf(ctx.db, 'users').findOne(accountId).exec();
    await u?.incrementalModify((d) => ({ ...d, tokenVersion: d.tokenVersion + 1, updatedAt: now }));
  }
}
