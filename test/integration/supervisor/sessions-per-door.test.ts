import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startTestServer, type TestServer } from '../server/harness';

/**
 * Issue 14, item 19: a supervisor and a staff member signed in in one browser (one cookie jar). With
 * one session cookie for every door, the staff login replaced the supervisor's cookie and the
 * supervisor pages answered 403 — the supervisor was silently logged out; a staff logout cleared it too.
 */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  names(): string[] {
    return [...this.cookies.keys()].sort();
  }
}

describe('sessions per door in one browser', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await loginAs(t.runtime, { login: 'kurator-door', role: 'supervisor', regionId: 'turkestan' });
    await loginAs(t.runtime, { login: 'staff-door', role: 'staff', kindergartenId: 'kg-a' });
  });
  afterAll(async () => {
    await t.stop();
  });

  const call = async (jar: CookieJar, method: string, path: string, door?: string, body?: unknown) => {
    const res = await fetch(`${t.server.url}${path}`, {
      method,
      headers: {
        cookie: jar.header,
        ...(door ? { 'x-oryn-door': door } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    jar.take(res);
    return res;
  };
  const login = (jar: CookieJar, login: string) =>
    call(jar, 'POST', '/api/auth/login', undefined, { login, password: 'demo-password-1' });

  it('keeps the supervisor signed in when staff log in and out in the same browser', async () => {
    const jar = new CookieJar();
    expect((await login(jar, 'kurator-door')).status).toBe(200);
    expect((await call(jar, 'GET', '/api/supervisor/me')).status).toBe(200);

    expect((await login(jar, 'staff-door')).status).toBe(200);
    expect(jar.names()).toEqual([
      'oryn_staff_refresh',
      'oryn_staff_session',
      'oryn_supervisor_refresh',
      'oryn_supervisor_session',
    ]);
    const me = await call(jar, 'GET', '/api/supervisor/me');
    expect(me.status).toBe(200);
    expect((await me.json()).regionId).toBe('turkestan');
    // The staff session is the staff member's, by its cookie.
    const staff = await call(jar, 'GET', '/api/auth/session', 'staff');
    expect((await staff.json()).role).toBe('staff');

    expect((await call(jar, 'POST', '/api/auth/logout', 'staff')).status).toBe(200);
    expect(jar.names()).toEqual(['oryn_supervisor_refresh', 'oryn_supervisor_session']);
    expect((await call(jar, 'GET', '/api/supervisor/me')).status).toBe(200);

    // The supervisor's own logout (cookie only, as a page without a stored token) ends only theirs.
    const session = await call(jar, 'GET', '/api/auth/session', 'supervisor');
    expect((await session.json()).role).toBe('supervisor');
    expect((await call(jar, 'POST', '/api/auth/logout', 'supervisor')).status).toBe(200);
    expect(jar.names()).toEqual([]);
    expect((await call(jar, 'GET', '/api/supervisor/me')).status).toBe(401);
  });

  it('renews a door’s session from its own refresh cookie', async () => {
    const jar = new CookieJar();
    await login(jar, 'kurator-door');
    await login(jar, 'staff-door');
    const refreshed = await call(jar, 'POST', '/api/auth/refresh', 'supervisor', {});
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.getSetCookie().join(';')).toContain('oryn_supervisor_session=');
    expect(refreshed.headers.getSetCookie().join(';')).not.toContain('oryn_staff_session=');
    expect((await call(jar, 'GET', '/api/supervisor/me')).status).toBe(200);
  });
});
