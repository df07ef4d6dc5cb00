import { describe, expect, it } from 'vitest';
import {
  type AccountDoc,
  type ActionInput,
  actionReads,
  applyAction,
  type DomainState,
  KZ_CALENDAR,
  REDACTED,
  redactPayload,
} from '../../../src/domain';
import { action, bulletin, group, kindergarten, NOW, stateOf } from './fixtures';

/**
 * A supervisor's management of the district as reducer kinds (issue 12, item 6): the catalogue's
 * rules (catalogue-rules.ts) hold in the reducer, against the state as the processor loads it under
 * the lock, and only a supervisor may act.
 */
const supervisor = (
  kind: ActionInput['kind'],
  payload: Record<string, unknown>,
  over: Partial<ActionInput> = {},
) => action(kind, payload, { actor: 'user:sv-t', actorRole: 'supervisor', kindergartenId: '', ...over });

const staffAccount: AccountDoc = {
  id: 'user:nurlan',
  login: 'nurlan',
  passwordHash: 'hash-1',
  role: 'staff',
  name: 'Нурлан Ахметов',
  kindergartenId: kindergarten.id,
  regionId: kindergarten.regionId,
  disabled: false,
  tokenVersion: 3,
  createdAt: '2026-01-10T04:00:00.000Z',
  updatedAt: 1,
};
const otherRegion = { ...kindergarten, id: 'kg-shym', regionId: 'shymkent', localityId: 'shymkent' };
const sameRegion = { ...kindergarten, id: 'kg-aigolek', localityId: 'arys' };

function withAccounts(state: DomainState, ...users: AccountDoc[]): DomainState {
  return { ...state, users: Object.fromEntries(users.map((u) => [u.id, u])) };
}

function changed<T>(r: ReturnType<typeof applyAction>, collection: string): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  const c = r.changes.find((x) => x.collection === collection);
  if (!c) throw new Error(`no ${collection} change`);
  return c.doc as T;
}

describe('the catalogue as actions', () => {
  const state = stateOf({ kindergartens: [kindergarten, sameRegion], groups: [group] });

  it('creates an open kindergarten and refuses the same id twice', () => {
    const payload = {
      kindergartenId: 'kg-new',
      regionId: 'turkestan-region',
      nameKk: ' «Айгөлек» ',
      nameRu: 'ГККП «Айголек»',
      ownership: 'state',
      localityId: 'turkestan',
      address: 'ул. Тауке хана 5',
      languages: ['kk'],
    };
    const doc = changed<Record<string, unknown>>(
      applyAction(state, supervisor('kindergarten.create', payload), NOW),
      'kindergartens',
    );
    expect(doc).toMatchObject({
      id: 'kg-new',
      nameKk: '«Айгөлек»',
      status: 'open',
      regionId: 'turkestan-region',
    });
    expect(doc).not.toHaveProperty('kindergartenId');
    const again = applyAction(
      state,
      supervisor('kindergarten.create', { ...payload, kindergartenId: kindergarten.id }),
      NOW,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'alreadyExists' } });
  });

  it('keeps a group’s capacity at or above the children enrolled, as the contracts left it', () => {
    const below = applyAction(
      state,
      supervisor('group.edit', { groupId: group.id, capacity: group.enrolled - 1 }),
      NOW,
    );
    expect(below).toEqual({
      ok: false,
      error: { code: 'capacityBelowEnrolled', params: { enrolled: group.enrolled } },
    });
    const r = applyAction(
      state,
      supervisor('group.edit', { groupId: group.id, capacity: group.enrolled }),
      NOW,
    );
    // Only what the edit names changes: `enrolled` is never the edit's, and the group's kindergarten is
    // named for the audit log.
    expect(changed(r, 'groups')).toMatchObject({
      capacity: group.enrolled,
      enrolled: group.enrolled,
      name: group.name,
    });
    expect(r.ok && r.related).toEqual([kindergarten.id]);
  });

  it('closes a group only after its published bulletins are closed', () => {
    const published = stateOf({
      bulletins: [bulletin({ status: 'published' }), bulletin({ id: 'bul-2', status: 'published' })],
    });
    expect(applyAction(published, supervisor('group.close', { groupId: group.id }), NOW)).toEqual({
      ok: false,
      error: { code: 'groupHasPublishedBulletin', params: { count: 2 } },
    });
    const closedOnes = stateOf({ bulletins: [bulletin({ status: 'closed' })] });
    expect(
      changed(applyAction(closedOnes, supervisor('group.close', { groupId: group.id }), NOW), 'groups'),
    ).toMatchObject({
      status: 'closed',
    });
    // group.close declares the group's bulletins among its reads, so the server loads them.
    expect(actionReads('group.close', { groupId: group.id })).toEqual([
      { read: 'group', id: group.id, bulletins: true },
    ]);
  });

  it('adds groups only to an open kindergarten, birth years sorted once each, the age group as its code', () => {
    const payload = {
      groupId: 'grp-new',
      kindergartenId: kindergarten.id,
      name: 'Жұлдыз',
      groupType: 'ordinary',
      language: 'kk',
      birthYears: [2022, 2021, 2022],
      ageGroup: 'Средняя группа',
      capacity: 25,
    };
    expect(changed(applyAction(state, supervisor('group.create', payload), NOW), 'groups')).toMatchObject({
      birthYears: [2021, 2022],
      ageGroup: 'middle',
      enrolled: 0,
      status: 'open',
    });
    const closed = stateOf({ kindergartens: [{ ...kindergarten, status: 'closed' }] });
    expect(applyAction(closed, supervisor('group.create', payload), NOW)).toEqual({
      ok: false,
      error: { code: 'kindergartenClosed', params: {} },
    });
  });

  it('is a supervisor’s only: a workstation’s staff member is refused with the reason', () => {
    for (const kind of ['group.edit', 'kindergarten.close', 'staff.disable', 'settings.edit'] as const) {
      const r = applyAction(state, action(kind, { groupId: group.id }), NOW);
      expect(r).toEqual({ ok: false, error: { code: 'forbidden', params: { kind, role: 'staff' } } });
    }
  });
});

describe('staff accounts as actions', () => {
  const state = withAccounts(
    stateOf({ kindergartens: [kindergarten, sameRegion, otherRegion] }),
    staffAccount,
  );

  it('creates an account in the kindergarten’s region and refuses a login already taken', () => {
    const payload = {
      userId: 'user:aigul',
      login: 'aigul',
      name: 'Айгүл',
      kindergartenId: kindergarten.id,
      passwordHash: 'h',
    };
    expect(changed(applyAction(state, supervisor('staff.create', payload), NOW), 'users')).toMatchObject({
      role: 'staff',
      regionId: 'turkestan-region',
      disabled: false,
      tokenVersion: 0,
      passwordHash: 'h',
    });
    const taken = { ...payload, userId: staffAccount.id, login: 'nurlan' };
    expect(applyAction(state, supervisor('staff.create', taken), NOW)).toEqual({
      ok: false,
      error: { code: 'loginTaken', params: { login: 'nurlan' } },
    });
  });

  it('ends the account’s sessions when its password is reset, it is disabled or it moves', () => {
    const tokenVersion = (kind: ActionInput['kind'], payload: Record<string, unknown>) =>
      changed<AccountDoc>(
        applyAction(state, supervisor(kind, { userId: staffAccount.id, ...payload }), NOW),
        'users',
      ).tokenVersion;
    expect(tokenVersion('staff.resetPassword', { passwordHash: 'hash-2' })).toBe(4);
    expect(tokenVersion('staff.disable', {})).toBe(4);
    expect(tokenVersion('staff.assign', { kindergartenId: sameRegion.id })).toBe(4);
    expect(tokenVersion('staff.edit', { name: 'Нурлан Ахметұлы' })).toBe(3);
    expect(tokenVersion('staff.enable', {})).toBe(3);
  });

  it('moves a staff member only within the region, and never touches a supervisor’s account', () => {
    expect(
      applyAction(
        state,
        supervisor('staff.assign', { userId: staffAccount.id, kindergartenId: otherRegion.id }),
        NOW,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'notFound', params: { collection: 'kindergartens' } },
    });
    const boss = withAccounts(state, {
      ...staffAccount,
      id: 'user:sv',
      role: 'supervisor',
      kindergartenId: undefined,
    });
    expect(applyAction(boss, supervisor('staff.disable', { userId: 'user:sv' }), NOW)).toMatchObject({
      ok: false,
      error: { code: 'notFound', params: { collection: 'users' } },
    });
  });

  it('keeps the password hash out of the payload the audit log and the stored action keep', () => {
    const payload = { userId: staffAccount.id, passwordHash: '$argon2id$v=19$secret' };
    expect(redactPayload('staff.resetPassword', payload)).toEqual({
      userId: staffAccount.id,
      passwordHash: REDACTED,
    });
    expect(redactPayload('staff.disable', { userId: 'u' })).toEqual({ userId: 'u' });
  });
});

describe('the region’s calendar and settings as actions', () => {
  const state: DomainState = {
    ...stateOf({}),
    regionSettings: {
      'region:turkestan-region': {
        id: 'region:turkestan-region',
        kind: 'region',
        value: { priorityWindowWorkingDays: 2, interestConfirmationDays: 180 },
        updatedAt: 10,
      },
    },
  };

  it('keeps the calendar and the other settings side by side in the region’s document', () => {
    const calendar = {
      ...KZ_CALENDAR,
      transfers: [...KZ_CALENDAR.transfers, { date: '2026-01-05', working: false, note: 'Приказ' }],
    };
    const withCalendar = changed<{ value: Record<string, unknown>; updatedBy: string }>(
      applyAction(state, supervisor('calendar.edit', { regionId: 'turkestan-region', calendar }), NOW),
      'regionSettings',
    );
    expect(withCalendar.value).toEqual({
      priorityWindowWorkingDays: 2,
      interestConfirmationDays: 180,
      calendar,
    });
    expect(withCalendar.updatedBy).toBe('user:sv-t');
    const settings = changed<{ value: Record<string, unknown> }>(
      applyAction(
        state,
        supervisor('settings.edit', {
          regionId: 'turkestan-region',
          priorityWindowWorkingDays: 3,
          stopListUnit: 'calendar',
        }),
        NOW,
      ),
      'regionSettings',
    );
    // No interestConfirmationDays: the region stops asking parents to confirm.
    expect(settings.value).toEqual({ priorityWindowWorkingDays: 3, stopListUnit: 'calendar' });
  });

  it('refuses a calendar that is not one, naming the part at fault', () => {
    const bad = { ...KZ_CALENDAR, transfers: [{ date: '5 Jan', working: false, note: '' }] };
    expect(
      applyAction(state, supervisor('calendar.edit', { regionId: 'turkestan-region', calendar: bad }), NOW),
    ).toEqual({
      ok: false,
      error: { code: 'invalidPayload', params: { field: 'calendar.transfers', reason: 'items' } },
    });
  });
});
