import { describe, expect, it } from 'vitest';
import { bodyOf, coalesced, problemOf } from '../../../renderer/ui/http';

// The client plumbing both web apps share (issue 15): how a refusal and a success are read, and one
// refresh for a burst of 401s.
const fallback = (status: number) => (status === 401 ? 'signIn' : 'oops');
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('problemOf', () => {
  it('reads the code, field and params of the one envelope', async () => {
    const res = json(400, {
      error: { code: 'invalidInput', message: 'x', field: 'name', params: { fields: ['name'] } },
    });
    expect(await problemOf(res, fallback)).toEqual({
      code: 'invalidInput',
      field: 'name',
      params: { fields: ['name'] },
      status: 400,
    });
  });

  it("names a proxy's page or a malformed envelope by its status", async () => {
    expect(await problemOf(new Response('<html>Bad gateway</html>', { status: 502 }), fallback)).toEqual({
      code: 'oops',
      field: undefined,
      params: undefined,
      status: 502,
    });
    expect((await problemOf(json(401, { error: { code: 7 } }), fallback)).code).toBe('signIn');
  });
});

describe('bodyOf', () => {
  it('reads JSON, and nothing from 204 or an empty body', async () => {
    expect(await bodyOf(json(200, { a: 1 }))).toEqual({ a: 1 });
    expect(await bodyOf(new Response(null, { status: 204 }))).toBeUndefined();
    expect(await bodyOf(new Response('', { status: 200 }))).toBeUndefined();
  });
});

describe('coalesced', () => {
  it('runs one refresh for every caller of a burst, and a new one after it settled', async () => {
    let runs = 0;
    let finish: (ok: boolean) => void = () => undefined;
    const refresh = coalesced(() => {
      runs++;
      return new Promise<boolean>((resolve) => {
        finish = resolve;
      });
    });
    const burst = [refresh(), refresh(), refresh()];
    finish(true);
    expect(await Promise.all(burst)).toEqual([true, true, true]);
    expect(runs).toBe(1);
    const next = refresh();
    finish(false);
    expect(await next).toBe(false);
    expect(runs).toBe(2);
  });

  it('answers false when the refresh throws (no network)', async () => {
    const refresh = coalesced(() => Promise.reject(new Error('offline')));
    expect(await refresh()).toBe(false);
  });
});
