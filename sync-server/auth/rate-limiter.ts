import type { RateStore } from './rate-store';

/**
 * A token bucket per key (docs/architecture.md: rate limits per phone and per address). Its state lives in
 * a `RateStore`: one table shared by every process on PostgreSQL, memory on PGlite (rate-store.ts).
 * The clock is injected.
 */
export interface RateLimit {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Time for one token to come back. */
  refillEveryMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimiter {
  constructor(
    /** Names the limit in the store, so two limits never share a key. */
    private readonly name: string,
    private readonly limit: RateLimit,
    private readonly now: () => Date,
    private readonly store: RateStore,
  ) {}

  /** Takes one token for `key`; when none is left, says how long until the next one. */
  take(key: string): Promise<RateVerdict> {
    const t = this.now().getTime();
    const { capacity, refillEveryMs } = this.limit;
    return this.store.update<Bucket, RateVerdict>(`${this.name}:${key}`, t, (held) => {
      const tokens = held
        ? Math.min(capacity, held.tokens + Math.max(0, t - held.at) / refillEveryMs)
        : capacity;
      // Forgotten once it would be full again: a full bucket and no bucket are the same.
      const expiresAt = (at: number, left: number) => at + (capacity - left) * refillEveryMs;
      if (tokens >= 1)
        return {
          state: { tokens: tokens - 1, at: t },
          expiresAt: expiresAt(t, tokens - 1),
          result: { ok: true },
        };
      return {
        state: { tokens, at: t },
        expiresAt: expiresAt(t, tokens),
        result: { ok: false, retryAfterMs: Math.ceil((1 - tokens) * refillEveryMs) },
      };
    });
  }

  /** Gives back a token taken for a request another limit then refused: only what went through counts. */
  async refund(key: string): Promise<void> {
    const t = this.now().getTime();
    const { capacity, refillEveryMs } = this.limit;
    await this.store.update<Bucket, void>(`${this.name}:${key}`, t, (held) => {
      if (!held) return { state: null, expiresAt: 0, result: undefined };
      const tokens = Math.min(capacity, held.tokens + Math.max(0, t - held.at) / refillEveryMs + 1);
      return {
        state: { tokens, at: t },
        expiresAt: t + (capacity - tokens) * refillEveryMs,
        result: undefined,
      };
    });
  }
}
