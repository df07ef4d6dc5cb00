import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOccurredAt, MAX_CLOCK_AHEAD_MS } from '../../../src/domain';

const server = Date.parse('2026-03-19T10:42:00+05:00');

describe('occurredAt rules (offline devices)', () => {
  it('accepts a device time up to 5 minutes ahead of the server clock', () => {
    expect(checkOccurredAt('2026-03-19T10:47:00+05:00', { nowMs: server })).toEqual({
      ok: true,
      value: server + MAX_CLOCK_AHEAD_MS,
    });
  });

  it('rejects a device time more than 5 minutes ahead with `clockAhead`', () => {
    expect(checkOccurredAt('2026-03-19T10:47:01+05:00', { nowMs: server })).toMatchObject({
      ok: false,
      error: { code: 'clockAhead' },
    });
  });

  it('rejects an action earlier than the last change of its entity with `beforeLastChange`', () => {
    const r = checkOccurredAt('2026-03-19T10:00:00+05:00', { nowMs: server, lastChangeMs: server - 60_000 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'beforeLastChange', params: { lastChangeMs: server - 60_000 } },
    });
    expect(checkOccurredAt('2026-03-19T10:00:00+05:00', { nowMs: server, lastChangeMs: null }).ok).toBe(true);
  });

  it('accepts an offline action hours old when nothing changed since', () => {
    expect(
      checkOccurredAt('2026-03-19T06:00:00+05:00', { nowMs: server, lastChangeMs: server - 86_400_000 }).ok,
    ).toBe(true);
  });

  it('answers bad input with a code, never an exception', () => {
    expect(checkOccurredAt('soon', { nowMs: server })).toMatchObject({
      ok: false,
      error: { code: 'invalidTimestamp' },
    });
    expect(checkOccurredAt('2026-03-19T10:00:00Z', null as unknown as { nowMs: number })).toMatchObject({
      ok: false,
      error: { code: 'invalidInput' },
    });
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        expect(typeof checkOccurredAt(a, b as { nowMs: number }).ok).toBe('boolean');
      }),
    );
  });
});
