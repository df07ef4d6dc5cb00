import { RateLimiter } from '../auth';
import type { ServerContext } from '../context';
import { ApiError } from './api-error';

/**
 * Abuse limits (architecture.md: rate limits per phone and per address). SMS codes cost money and
 * reach a person's phone, so they are the tightest; logins guard against password guessing.
 */
export interface ApiLimits {
  /** SMS codes per phone: 5, then one more every 12 minutes (the 77-second timer applies as well). */
  smsPerPhone: { capacity: number; refillEveryMs: number };
  /** SMS codes per client address. */
  smsPerAddress: { capacity: number; refillEveryMs: number };
  /** Login attempts per login or phone. */
  loginPerAccount: { capacity: number; refillEveryMs: number };
  /** Auth requests of any kind per client address. */
  authPerAddress: { capacity: number; refillEveryMs: number };
  /** Largest JSON body. */
  jsonBytes: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  smsPerPhone: { capacity: 5, refillEveryMs: 12 * 60_000 },
  smsPerAddress: { capacity: 20, refillEveryMs: 3 * 60_000 },
  loginPerAccount: { capacity: 10, refillEveryMs: 60_000 },
  authPerAddress: { capacity: 60, refillEveryMs: 5_000 },
  jsonBytes: 64 * 1024,
};

export class Limiters {
  readonly smsPerPhone: RateLimiter;
  readonly smsPerAddress: RateLimiter;
  readonly loginPerAccount: RateLimiter;
  readonly authPerAddress: RateLimiter;

  constructor(ctx: ServerContext, limits: ApiLimits) {
    this.smsPerPhone = new RateLimiter(limits.smsPerPhone, ctx.now);
    this.smsPerAddress = new RateLimiter(limits.smsPerAddress, ctx.now);
    this.loginPerAccount = new RateLimiter(limits.loginPerAccount, ctx.now);
    this.authPerAddress = new RateLimiter(limits.authPerAddress, ctx.now);
  }

  /** Takes one token from each limiter, or refuses with 429 `rateLimited` and when to retry. */
  static check(...takes: [RateLimiter, string][]): void {
    for (const [limiter, key] of takes) {
      const r = limiter.take(key);
      if (!r.ok) throw new ApiError(429, 'rateLimited', { seconds: Math.ceil(r.retryAfterMs / 1000) });
    }
  }
}
