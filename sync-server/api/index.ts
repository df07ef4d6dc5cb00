import { z } from 'zod';
import type { Router } from 'express';
import type { ServerContext } from '../context';
import { bindRoutes } from './bind-routes';
import { errorHandler } from './error-handler';
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

/** Every route of the parents' API: the one table that both serves and documents it. */
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
  ];
}

/**
 * The parents' JSON API (issue 5), mounted by the core at /api: every step of the seed's journey,
 * validated with zod at the boundary, errors as `{ error: { code, message, field? } }` in kk/ru/en,
 * live updates at /api/events and the OpenAPI 3.1 document at /api/openapi.json.
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
  router.use(errorHandler(ctx));
  return router;
}
