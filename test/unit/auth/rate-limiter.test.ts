import { describe, expect, it } from 'vitest';
import { Backoff, memoryRateStore, RateLimiter } from '../../../sync-server/auth';
import { TestClock } from '../../support/test-context';

const start = '2026-03-19T10:00:00+05:00';
const limiter = (clock: TestClock, capacity: number) =>
  new RateLimiter('test', { capacity, refillEveryMs: 60_000 }, clock.now, memoryRateStore());

describe('rate limiter', () => {
  it('allows a burst up to its capacity, then tells how long to wait', async () => {
    const clock = new TestClock(start);
    const l = limiter(clock, 3);
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push((await l.take('+77012345678')).ok);
    expect(taken).toEqual([true, true, true]);
    expect(await l.take('+77012345678')).toEqual({ ok: false, retryAfterMs: 60_000 });
  });

  it('gives one request back per refill period', async () => {
    const clock = new TestClock(start);
    const l = limiter(clock, 1);
    expect((await l.take('k')).ok).toBe(true);
    clock.advance(30_000);
    expect(await l.take('k')).toEqual({ ok: false, retryAfterMs: 30_000 });
    clock.advance(30_000);
    expect((await l.take('k')).ok).toBe(true);
  });

  it('keeps separate budgets per key', async () => {
    const clock = new TestClock(start);
    const l = limiter(clock, 1);
    expect((await l.take('127.0.0.1')).ok).toBe(true);
    expect((await l.take('10.0.0.2')).ok).toBe(true);
    expect((await l.take('127.0.0.1')).ok).toBe(false);
  });

  it('gives a token back when the request was refused by another limit', async () => {
    const clock = new TestClock(start);
    const l = limiter(clock, 2);
    await l.take('k');
    await l.take('k');
    await l.refund('k');
    expect((await l.take('k')).ok).toBe(true);
    expect((await l.take('k')).ok).toBe(false);
  });

  it('keeps two limits on one store apart', async () => {
    const clock = new TestClock(start);
    const store = memoryRateStore();
    const a = new RateLimiter('a', { capacity: 1, refillEveryMs: 60_000 }, clock.now, store);
    const b = new RateLimiter('b', { capacity: 1, refillEveryMs: 60_000 }, clock.now, store);
    expect((await a.take('k')).ok).toBe(true);
    expect((await b.take('k')).ok).toBe(true);
  });
});

describe('back-off after failed attempts', () => {
  const policy = { free: 3, baseMs: 2_000, maxMs: 60_000, forgetAfterMs: 3_600_000 };

  it('lets the first failures pass, then doubles the wait after each further one up to the maximum', async () => {
    const clock = new TestClock(start);
    const backoff = new Backoff('login', policy, clock.now, memoryRateStore());
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const verdict = await backoff.check('k');
      waits.push(verdict.ok ? 0 : verdict.retryAfterMs);
      await backoff.fail('k');
    }
    expect(waits).toEqual([0, 0, 0, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
  });

  it('is never a hard block: once the wait is over, one more attempt may be made', async () => {
    const clock = new TestClock(start);
    const backoff = new Backoff('login', policy, clock.now, memoryRateStore());
    for (let i = 0; i < 4; i++) await backoff.fail('k');
    expect((await backoff.check('k')).ok).toBe(false);
    clock.advance(4_000);
    expect((await backoff.check('k')).ok).toBe(true);
  });

  it('forgets the failures after a success, and after a quiet hour', async () => {
    const clock = new TestClock(start);
    const backoff = new Backoff('login', policy, clock.now, memoryRateStore());
    for (let i = 0; i < 5; i++) await backoff.fail('a');
    await backoff.clear('a');
    expect((await backoff.check('a')).ok).toBe(true);
    for (let i = 0; i < 5; i++) await backoff.fail('b');
    clock.advance(3_600_000);
    await backoff.fail('b');
    expect((await backoff.check('b')).ok).toBe(true);
  });
});
