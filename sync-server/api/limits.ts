import { Backoff, type BackoffPolicy, type RateLimit, RateLimiter, rateStoreOf } from '../auth';
import type { ServerContext } from '../context';
import { ApiError } from './api-error';

/**
 * Abuse limits (docs/architecture.md: rate limits per phone and per address; issue 13: no lockout of
 * someone else, limits shared by every process). SMS codes cost money and reach a person's phone, so
 * they are the tightest; wrong passwords slow down the address that guesses, never the owner
 * elsewhere. Their counters live in the database's rate store (auth/rate-store.ts): one table for
 * every process on PostgreSQL.
 */
export interface ApiLimits {
  /**
   * SMS codes sent per phone from one address: 5, then one more every 12 minutes (the 77-second timer
   * holds per phone whoever asks). Only codes actually sent count, so a stranger's requests from
   * elsewhere never use up the owner's.
   */
  smsPerPhone: RateLimit;
  /** SMS codes sent per client address. */
  smsPerAddress: RateLimit;
  /** Wrong passwords per (login or phone, address): 5 free, then a doubling wait from 2 s up to 15 minutes. */
  loginBackoff: BackoffPolicy;
  /** Auth requests of any kind per client address. */
  authPerAddress: RateLimit;
  /** IIN look-ups ("Проверить ИИН" and its confirmation: both answer a person's name) per parent account. */
  iinCheckPerAccount: RateLimit;
  /** IIN look-ups per client address. */
  iinCheckPerAddress: RateLimit;
  /**
   * Referral checks (GET /api/verify/:code) per client address: 30, then one every 10 seconds (8,640 a
   * day), so guessing a 12-character code is hopeless (README, "Security").
   */
  verifyPerAddress: RateLimit;
  /**
   * Pages of a kindergarten's referral list (GET /api/kindergartens/:id/referrals) per client address:
   * 60, then one a second — a parent reads a few pages; a script reading the region over and over waits.
   */
  registerPerAddress: RateLimit;
  /** Largest JSON body. */
  jsonBytes: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  smsPerPhone: { capacity: 5, refillEveryMs: 12 * 60_000 },
  smsPerAddress: { capacity: 20, refillEveryMs: 3 * 60_000 },
  loginBackoff: { free: 5, baseMs: 2_000, maxMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 },
  authPerAddress: { capacity: 60, refillEveryMs: 5_000 },
  iinCheckPerAccount: { capacity: 5, refillEveryMs: 10 * 60_000 },
  iinCheckPerAddress: { capacity: 20, refillEveryMs: 3 * 60_000 },
  verifyPerAddress: { capacity: 30, refillEveryMs: 10_000 },
  registerPerAddress: { capacity: 60, refillEveryMs: 1_000 },
  jsonBytes: 64 * 1024,
};

export class Limiters {
  readonly smsPerPhone: RateLimiter;
  readonly smsPerAddress: RateLimiter;
  readonly authPerAddress: RateLimiter;
  readonly iinCheckPerAccount: RateLimiter;
  readonly iinCheckPerAddress: RateLimiter;
  readonly verifyPerAddress: RateLimiter;
  readonly registerPerAddress: RateLimiter;
  readonly login: Backoff;

  constructor(ctx: ServerContext, limits: ApiLimits) {
    const store = rateStoreOf(ctx.db);
    this.smsPerPhone = new RateLimiter('sms-phone', limits.smsPerPhone, ctx.now, store);
    this.smsPerAddress = new RateLimiter('sms-address', limits.smsPerAddress, ctx.now, store);
    this.authPerAddress = new RateLimiter('auth-address', limits.authPerAddress, ctx.now, store);
    this.iinCheckPerAccount = new RateLimiter('iin-account', limits.iinCheckPerAccount, ctx.now, store);
    this.iinCheckPerAddress = new RateLimiter('iin-address', limits.iinCheckPerAddress, ctx.now, store);
    this.verifyPerAddress = new RateLimiter('verify-address', limits.verifyPerAddress, ctx.now, store);
    this.registerPerAddress = new RateLimiter('register-address', limits.registerPerAddress, ctx.now, store);
    this.login = new Backoff('login', limits.loginBackoff, ctx.now, store);
  }

  /**
   * Takes one token from each limiter in turn, or refuses with 429 `rateLimited` and when to retry;
   * a refused request gives back what it took from the others (it was not made, so it does not count).
   * Answers how to give back everything taken.
   */
  static async check(...takes: [RateLimiter, string][]): Promise<() => Promise<void>> {
    const giveBack = async (n: number) => {
      for (const [taken, takenKey] of takes.slice(0, n)) await taken.refund(takenKey);
    };
    for (let i = 0; i < takes.length; i++) {
      const [limiter, key] = takes[i]!;
      const verdict = await limiter.take(key);
      if (!verdict.ok) {
        await giveBack(i);
        refuseIfLimited(verdict);
      }
    }
    // For a request that fails after the check (an SMS the operator did not take): it did not count.
    return () => giveBack(takes.length);
  }
}

/** 429 `rateLimited` with the seconds to wait, the same answer for every limit. */
export function refuseIfLimited(verdict: { ok: true } | { ok: false; retryAfterMs: number }): void {
  if (!verdict.ok)
    throw new ApiError(429, 'rateLimited', { seconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)) });
}

/** The (account, address) key of a failure counter. */
export const accountAtAddress = (account: string, address: string | undefined) =>
  `${account}|${address ?? ''}`;
