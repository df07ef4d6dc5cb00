import type { RateStore } from './rate-store';
import type { RateVerdict } from './rate-limiter';

/**
 * Exponential back-off after failed attempts (issue 13, point 4: lockout without denial of service).
 * Keyed by (account, address): a guesser at one address slows down only there, and the owner with the
 * right password from another address is never held back. The first `free` failures cost nothing;
 * each further one doubles the wait before the next attempt, from `baseMs` up to `maxMs`. Only
 * attempts that were made and failed count (a refused one does not), a success forgets them, and so
 * does a quiet `forgetAfterMs`.
 */
export interface BackoffPolicy {
  free: number;
  baseMs: number;
  maxMs: number;
  forgetAfterMs: number;
}

interface Failures {
  count: number;
  at: number;
}

export class Backoff {
  constructor(
    private readonly name: string,
    private readonly policy: BackoffPolicy,
    private readonly now: () => Date,
    private readonly store: RateStore,
  ) {}

  /** The wait after `count` failures (0 while they are free). */
  delayAfter(count: number): number {
    const { free, baseMs, maxMs } = this.policy;
    if (count < free) return 0;
    return Math.min(maxMs, baseMs * 2 ** Math.min(30, count - free));
  }

  /** Whether an attempt may be made now. */
  check(key: string): Promise<RateVerdict> {
    const t = this.now().getTime();
    return this.store.update<Failures, RateVerdict>(`${this.name}:${key}`, t, (held) => {
      if (!held) return { state: null, expiresAt: 0, result: { ok: true } };
      const until = held.at + this.delayAfter(held.count);
      return {
        state: held,
        expiresAt: held.at + this.policy.forgetAfterMs,
        result: t < until ? { ok: false, retryAfterMs: until - t } : { ok: true },
      };
    });
  }

  /** Counts one failed attempt. */
  async fail(key: string): Promise<void> {
    const t = this.now().getTime();
    await this.store.update<Failures, void>(`${this.name}:${key}`, t, (held) => ({
      state: { count: (held?.count ?? 0) + 1, at: t },
      expiresAt: t + this.policy.forgetAfterMs,
      result: undefined,
    }));
  }

  /** A success: the failures are forgotten. */
  async clear(key: string): Promise<void> {
    await this.store.update<Failures, void>(`${this.name}:${key}`, this.now().getTime(), () => ({
      state: null,
      expiresAt: 0,
      result: undefined,
    }));
  }
}
