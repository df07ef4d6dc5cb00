/**
 * A token bucket per key (architecture.md: rate limits per phone and per address). In memory, per
 * process: with several server processes each enforces its own budget, so the effective limit is
 * N × capacity — acceptable for abuse control, not for billing. The clock is injected.
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

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => Date,
  ) {}

  /** Takes one token for `key`; when none is left, says how long until the next one. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const t = this.now().getTime();
    const b = this.refill(key, t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - b.tokens) * this.limit.refillEveryMs) };
  }

  private refill(key: string, t: number): Bucket {
    const { capacity, refillEveryMs } = this.limit;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 100_000) this.sweep(t);
      b = { tokens: capacity, at: t };
      this.buckets.set(key, b);
      return b;
    }
    b.tokens = Math.min(capacity, b.tokens + Math.max(0, t - b.at) / refillEveryMs);
    b.at = t;
    return b;
  }

  /** Forgets full buckets so that a flood of distinct keys cannot grow memory without bound. */
  private sweep(t: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (t - b.at) / this.limit.refillEveryMs >= this.limit.capacity) this.buckets.delete(key);
    }
  }
}
