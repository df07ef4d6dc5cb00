import { z } from 'zod';
import {
  AuthError,
  authenticateParent,
  authenticateUser,
  issueSession,
  refreshSession,
  revokeAllSessions,
  revokeSession,
  verifySession,
} from '../../auth';
import { ApiError } from '../api-error';
import { passwordField, phoneInput } from '../fields';
import { accountAtAddress, Limiters, refuseIfLimited } from '../limits';
import { ok } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { clearSessionCookies, doorOf, requestRefreshCookie, setSessionCookies } from '../session-cookie';
import { meView } from '../views';
import { requirePhone } from './registration';

const issued = z.object({ token: z.string(), refreshToken: z.string(), validUntil: z.number() });

/** Logins for staff/supervisors (login + password) and parents ("Вход": phone + password), refresh, logout. */
export function sessionRoutes(limits: Limiters): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      tag: 'auth',
      summary:
        'Log in: staff and supervisors with { login, password }, parents ("Вход") with { phone, password }. Sets the session cookie of the account\'s door too (oryn_session for parents, oryn_staff_session, oryn_supervisor_session)',
      access: 'public',
      body: z.union([
        z.object({ login: z.string().max(64), password: passwordField }),
        z.object({ phone: phoneInput, password: passwordField }),
      ]),
      response: issued.extend({
        user: z.record(z.string(), z.unknown()).optional(),
        parent: z.record(z.string(), z.unknown()).optional(),
      }),
      errors: ['invalidCredentials', 'accountDisabled', 'phoneInvalid', 'rateLimited'],
      handle: async ({ ctx, body, req, res }) => {
        await Limiters.check([limits.authPerAddress, req.ip ?? '']);
        const account =
          'phone' in body ? requirePhone(body.phone) : `login:${body.login.trim().toLowerCase()}`;
        // Wrong passwords slow down this account at this address only (issue 13): the owner logging in
        // from elsewhere is never held back by a stranger's guesses. Unknown accounts count the same.
        const failures = accountAtAddress(account, req.ip);
        refuseIfLimited(await limits.login.check(failures));
        const counted = async <T>(attempt: Promise<T>): Promise<T> => {
          try {
            const result = await attempt;
            await limits.login.clear(failures);
            return result;
          } catch (error) {
            if (error instanceof AuthError && error.code === 'invalidCredentials')
              await limits.login.fail(failures);
            throw error;
          }
        };
        if ('phone' in body) {
          const parent = await counted(authenticateParent(ctx, account, body.password));
          const session = await issueSession(ctx, {
            id: parent.id,
            role: 'parent',
            tokenVersion: parent.tokenVersion,
          });
          setSessionCookies(req, res, session, ctx.now(), 'parent');
          return { ...session, parent: meView(parent) };
        }
        const user = await counted(authenticateUser(ctx, body.login, body.password));
        const session = await issueSession(ctx, user);
        setSessionCookies(req, res, session, ctx.now(), user.role);
        ctx.log.info({ userId: user.id, role: user.role }, 'staff login');
        return {
          ...session,
          user: {
            id: user.id,
            login: user.login,
            role: user.role,
            name: user.name,
            kindergartenId: user.kindergartenId ?? null,
            regionId: user.regionId ?? null,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/auth/refresh',
      operationId: 'refreshSession',
      tag: 'auth',
      summary:
        "A new token pair for a refresh token (body, or the refresh cookie of the door named by x-oryn-door; parents' oryn_refresh); each works once",
      access: 'public',
      body: z.object({ refreshToken: z.string().max(4096).optional() }),
      response: issued,
      errors: ['sessionExpired', 'accountDisabled', 'rateLimited'],
      handle: async ({ ctx, body, req, res }) => {
        await Limiters.check([limits.authPerAddress, req.ip ?? '']);
        const token = body.refreshToken ?? requestRefreshCookie(req);
        const session = token
          ? await refreshSession(ctx, token).catch((err: unknown) => {
              clearSessionCookies(res, doorOf(req.headers));
              throw err;
            })
          : null;
        // The cookies renewed are those of the session's own door; a refusal clears the asking door's.
        const role = session ? (await verifySession(ctx, session.token))?.role : undefined;
        if (!session || !role) {
          clearSessionCookies(res, doorOf(req.headers));
          throw new ApiError(401, 'sessionExpired');
        }
        setSessionCookies(req, res, session, ctx.now(), role);
        return session;
      },
    }),
    route({
      method: 'post',
      path: '/auth/logout',
      operationId: 'logout',
      response: ok,
      tag: 'auth',
      summary: 'Log out ("Выйти"): this session’s tokens stop working',
      access: 'session',
      handle: async ({ ctx, principal, res }) => {
        await revokeSession(ctx, principal!.sessionId);
        clearSessionCookies(res, principal!.role);
        return { ok: true as const };
      },
    }),
    route({
      method: 'post',
      path: '/auth/logout-all',
      operationId: 'logoutEverywhere',
      response: ok,
      tag: 'auth',
      summary: 'Log out everywhere: every session of the account, on every device, ends',
      access: 'session',
      handle: async ({ ctx, principal, res }) => {
        await revokeAllSessions(ctx, principal!.userId, principal!.role);
        clearSessionCookies(res, principal!.role);
        return { ok: true as const };
      },
    }),
    route({
      method: 'get',
      path: '/auth/session',
      operationId: 'currentSession',
      response: z.object({
        userId: z.string(),
        role: z.enum(['staff', 'supervisor', 'parent']),
        name: z.string(),
        kindergartenId: z.string().optional(),
        regionId: z.string().optional(),
        validUntil: z.number(),
      }),
      tag: 'auth',
      summary: 'Who the token belongs to: role, name, scope and when the token expires',
      access: 'session',
      handle: async ({ principal }) => {
        const { sessionId: _hidden, ...me } = principal!;
        return me;
      },
    }),
  ];
}
