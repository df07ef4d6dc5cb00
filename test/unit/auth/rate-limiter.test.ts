import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../sync-server/auth';
import { TestClock } from '../../support/test-context';

describe('rate limiter', () => {
  it('allows a burst up to its capacity, then tells how long to wait', () => {
    const clock = new TestClock('2026-03-19T10:00:00+05:00');
    const limiter = new RateLimiter({ capacity: 3, refillEveryMs: 60_000 }, clock.now);
    expect([1, 2, 3].map(() => limiter.take('+77012345678').ok)).toEqual([true, true, true]);
    expect(limiter.take('+77012345678')).toEqual({ ok: false, retryAfterMs: 60_000 });
  });

  it('gives one request back per refill period', () => {
    const clock = new TestClock('2026-03-19T10:00:00+05:00');
    const limiter = new RateLimiter({ capacity: 1, refillEveryMs: 60_000 }, clock.now);
    expect(limiter.take('k').ok).toBe(true);
    clock.advance(30_000);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterMs: 30_000 });
    clock.advance(30_000);
    expect(limiter.take('k').ok).toBe(true);
  });

  it('keeps separate budgets per key', () => {
    const clock = new TestClock('2026-03-19T10:00:00+05:00');
    const limiter = new RateLimiter({ capacity: 1, refillEveryMs: 60_000 }, clock.now);
    expect(limiter.take('127.0.0.1').ok).toBe(true);
    expect(limiter.take('10.0.0.2').ok).toBe(true);
    expect(limiter.take('127.0.0.1').ok).toBe(false);
  });
});
