import { z } from 'zod';
import type { Router } from 'express';
import type { ServerContext } from '../context';
import { supervisorRoutes } from '../supervisor';
import { ApiError } from './api-error';
import { bindRoutes } from './bind-routes';
import { errorHandler, SUPERVISOR_PATH } from './error-handler';
import { type ApiLimits, DEFAULT_LIMITS, Limiters } from './limits';
import { buildOpenApi } from './openapi';
import { type RouteSpec, route } from './route';
import { applicationRoutes } from './routes/applications';
import { bulletinRoutes } from './routes/bulletins';
import { catalogueRoutes } from './routes/catalogue';
import { childrenRoutes } from './routes/children';
import { devSmsRoutes } from './routes/dev-sms';
import { eventRoutes } from './routes/events';
import { notificationRoutes } from './routes/notifications';
import { passwordResetRoutes } from './routes/password-reset';
import { profileRoutes } from './routes/profile';
import { referralRoutes } from './routes/referrals';
import { registrationRoutes } from './routes/registration';
import { referralRegisterRoutes } from './routes/referral-register';
import { reviewRoutes } from './routes/reviews';
import { serverTimeRoutes } from './routes/server-time';
import { sessionRoutes } from './routes/sessions';
import { statisticsRoutes } from './routes/statistics';
import { verifyRoutes } from './routes/verify';

export { ApiError } from './api-error';
export { type ApiLimits, DEFAULT_LIMITS } from './limits';
export { REFRESH_COOKIE, SESSION_COOKIE } from './session-cookie';

export interface ApiOptions {
  /** Tests tighten or loosen the abuse limits. */
  limits?: Partial<ApiLimits>;
}

/** Every route of the API, the parents' and the supervisors': the one table that both serves and documents it. */
export function apiRoutes(ctx: ServerContext, limiters: Limiters): RouteSpec[] {
  return [
    ...registrationRoutes(limiters),
    ...sessionRoutes(limiters),
    ...passwordResetRoutes(limiters),
    ...profileRoutes(),
    ...childrenRoutes(),
    ...applicationRoutes(),
    ...bulletinRoutes(),
    ...referralRoutes(),
    ...notificationRoutes(),
    ...catalogueRoutes(),
    ...statisticsRoutes(ctx, limiters),
    ...reviewRoutes(),
    ...verifyRoutes(limiters),
    ...referralRegisterRoutes(limiters),
    ...serverTimeRoutes(),
    ...eventRoutes(),
    ...(ctx.config.devSmsEndpoint ? devSmsRoutes() : []),
    ...supervisorRoutes(),
  ];
}

/**
 * The JSON API, mounted by the core at /api: the parents' (issue 5: every step of the seed's journey)
 * and the district supervisors' under /api/supervisor (issue 8), validated with zod at the boundary,
 * errors as `{ error: { code, message, field?, params? } }` in kk/ru/en, live updates at /api/events
 * and /api/supervisor/live, and one OpenAPI 3.1 document of both at /api/openapi.json (issue 15).
 */
export function createApi(ctx: ServerContext, options: ApiOptions = {}): Router {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const routes = apiRoutes(ctx, new Limiters(ctx, limits));
  const openApi = buildOpenApi(routes, { version: '1', serverUrl: ctx.config.publicUrl });
  const all = [
    ...routes,
    route({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApi',
      response: z.record(z.string(), z.unknown()).meta({ description: 'OpenAPI 3.1' }),
      tag: 'meta',
      summary: 'This document',
      access: 'public',
      handle: async () => openApi,
    }),
  ];
  const router = bindRoutes(ctx, all, limits.jsonBytes);
  // An unknown supervisor route answers in the supervisor pages' words, like every other refusal there.
  router.use(SUPERVISOR_PATH, (_req, _res, next) => next(new ApiError(404, 'notFound', { what: 'route' })));
  router.use(errorHandler(ctx));
  return router;
}
