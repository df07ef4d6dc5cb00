import { describe, expect, it } from 'vitest';
import { doorOf, readCookie, SESSION_COOKIE, sessionToken } from '../../../sync-server/auth';

// The one reading of a session token for every transport (issue 15): the parents' API, the supervisor
// routes, replication and its streams. Each used to parse the header and the cookie its own way.
describe('sessionToken', () => {
  it('takes a bearer token in any case and spacing, before any cookie', () => {
    expect(sessionToken({ authorization: 'Bearer abc.def' })).toBe('abc.def');
    expect(sessionToken({ authorization: 'bearer   abc.def  ', cookie: `${SESSION_COOKIE}=other` })).toBe(
      'abc.def',
    );
  });

  it('refuses an empty or malformed Authorization header and falls back to the cookie', () => {
    expect(sessionToken({ authorization: 'Bearer ' })).toBeUndefined();
    expect(sessionToken({ authorization: 'Bearer a b' })).toBeUndefined();
    expect(sessionToken({ authorization: 'Basic abc', cookie: `${SESSION_COOKIE}=c1` })).toBe('c1');
  });

  it("reads the cookie of the request's door only", () => {
    const cookie = 'oryn_session=parent; oryn_staff_session=staff; oryn_supervisor_session=sup';
    expect(sessionToken({ cookie })).toBe('parent');
    expect(sessionToken({ cookie, 'x-oryn-door': 'staff' })).toBe('staff');
    expect(sessionToken({ cookie, 'x-oryn-door': 'supervisor' })).toBe('sup');
    expect(sessionToken({ cookie }, 'supervisor')).toBe('sup');
    expect(sessionToken({ cookie: 'oryn_staff_session=staff' })).toBeUndefined();
    expect(doorOf({ 'x-oryn-door': 'admin' })).toBe('parent');
  });

  it('decodes a cookie value with "=" in it and gives nothing for broken percent-encoding', () => {
    expect(readCookie({ cookie: ' a=1; oryn_session=x%3Dy=z ' }, SESSION_COOKIE)).toBe('x=y=z');
    expect(sessionToken({ cookie: 'oryn_session=%E0%A4%A' })).toBeUndefined();
    expect(sessionToken({ cookie: 'oryn_session=' })).toBeUndefined();
    expect(sessionToken({})).toBeUndefined();
  });
});
