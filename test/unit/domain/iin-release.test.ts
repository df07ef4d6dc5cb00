import { describe, expect, it } from 'vitest';
import {
  actionReads,
  type ActionInput,
  applyAction,
  type DomainState,
  type ParentAccountDoc,
} from '../../../src/domain';
import { action, application, iin, kindergarten, NOW, stateOf } from './fixtures';

/**
 * Freeing a parent's IIN for its owner (issue 13, point 3) as the supervisor action parent.releaseIin
 * (issue 12, item 6): the account holding it loses the IIN and the registry's data and every session,
 * keeps everything else; only a supervisor may, and only for an account of their region.
 */
const REGION = kindergarten.regionId;
const TAKEN = iin('1987-06-14', 4321);

const holder: ParentAccountDoc = {
  id: 'parent-holder',
  phone: '+77015559999',
  consentVersion: '2026-01',
  consentAt: '2026-01-10T04:00:00.000Z',
  passwordHash: 'hash-1',
  iin: TAKEN,
  lastName: 'ТАКЕНОВА',
  firstName: 'АЙГУЛЬ',
  middleName: 'СЕРИКОВНА',
  birthDate: '1987-06-14',
  sex: 'female',
  contactPhone: '+77015550000',
  address: 'г. Туркестан, ул. Тауке хана 5',
  tokenVersion: 2,
  createdAt: '2026-01-10T04:00:00.000Z',
  updatedAt: 1,
};

const release = (payload: Record<string, unknown> = {}, over: Partial<ActionInput> = {}) =>
  action(
    'parent.releaseIin',
    { regionId: REGION, iin: TAKEN, reason: 'Владелец предъявил удостоверение личности', ...payload },
    { actor: 'user:sv-t', actorRole: 'supervisor', kindergartenId: `region:${REGION}`, ...over },
  );

function withParents(state: DomainState, ...parents: ParentAccountDoc[]): DomainState {
  return { ...state, parents: Object.fromEntries(parents.map((p) => [p.id, p])) };
}

const ownApplication = application({ id: 'app-holder', parentId: holder.id });

describe('a supervisor frees a wrongly taken IIN', () => {
  it('takes the IIN and the registry’s data from the holder, ends its sessions, keeps the rest', () => {
    const state = withParents(stateOf({ applications: [ownApplication] }), holder);
    const r = applyAction(state, release(), NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.changes).toHaveLength(1);
    const { collection, doc } = r.changes[0];
    expect(collection).toBe('parents');
    const freed = doc as ParentAccountDoc;
    for (const field of ['iin', 'lastName', 'firstName', 'middleName', 'birthDate', 'sex'])
      expect(freed, field).not.toHaveProperty(field);
    expect(freed).toMatchObject({
      id: holder.id,
      phone: holder.phone,
      passwordHash: holder.passwordHash,
      contactPhone: holder.contactPhone,
      address: holder.address,
      tokenVersion: 3,
      updatedAt: Date.parse(NOW),
    });
    // Its applications stay the account's, untouched.
    expect(r.changes.some((c) => c.collection === 'applications')).toBe(false);
  });

  it('frees an IIN of an account with no applications (it belongs to no region)', () => {
    const r = applyAction(withParents(stateOf({}), holder), release(), NOW);
    expect(r.ok).toBe(true);
  });

  it('refuses an IIN nobody holds, and one the same action has freed already', () => {
    const other = { ...holder, id: 'parent-other', iin: iin('1990-01-02', 17) };
    expect(applyAction(withParents(stateOf({}), other), release(), NOW)).toEqual({
      ok: false,
      error: { code: 'notFound', params: { collection: 'parents', id: TAKEN } },
    });
    const { iin: _freed, ...already } = holder;
    expect(applyAction(withParents(stateOf({}), already), release(), NOW)).toMatchObject({
      ok: false,
      error: { code: 'notFound' },
    });
  });

  it('refuses an account with an application in another region, as outside the supervisor’s region', () => {
    const elsewhere = application({ id: 'app-shym', parentId: holder.id, regionId: 'shymkent' });
    const state = withParents(stateOf({ applications: [ownApplication, elsewhere] }), holder);
    expect(applyAction(state, release(), NOW)).toEqual({
      ok: false,
      error: { code: 'forbidden', params: { kind: 'parent.releaseIin', reason: 'region' } },
    });
    // Another parent's application elsewhere is no reason.
    const stranger = application({ id: 'app-other', parentId: 'parent-other', regionId: 'shymkent' });
    const fine = withParents(stateOf({ applications: [ownApplication, stranger] }), holder);
    expect(applyAction(fine, release(), NOW).ok).toBe(true);
  });

  it('refuses a malformed IIN by its code, and a reason shorter than 3 characters', () => {
    const state = withParents(stateOf({}), holder);
    expect(
      applyAction(state, release({ iin: `${TAKEN.slice(0, 11)}${(Number(TAKEN[11]) + 1) % 10}` }), NOW),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalidPayload', params: { field: 'iin', reason: 'checksum' } },
    });
    expect(applyAction(state, release({ iin: '12345' }), NOW)).toMatchObject({
      error: { params: { field: 'iin', reason: 'length' } },
    });
    expect(applyAction(state, release({ reason: ' ок ' }), NOW)).toEqual({
      ok: false,
      error: { code: 'invalidPayload', params: { field: 'reason', reason: 'empty' } },
    });
    expect(applyAction(state, release({ reason: 'x'.repeat(501) }), NOW)).toMatchObject({
      error: { params: { field: 'reason', reason: 'tooLong' } },
    });
  });

  it('is a supervisor’s only: staff or a parent are refused', () => {
    const state = withParents(stateOf({}), holder);
    for (const role of ['staff', 'parent', 'system'] as const) {
      expect(applyAction(state, release({}, { actorRole: role }), NOW)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', params: { kind: 'parent.releaseIin', role } },
      });
    }
  });

  it('declares its read: the account holding the IIN (with its applications)', () => {
    expect(actionReads('parent.releaseIin', release().payload)).toEqual([{ read: 'iinHolder', iin: TAKEN }]);
  });
});
