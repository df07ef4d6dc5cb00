import type { Group, Kindergarten } from '../schema';
import type { Outcome } from './bulletin-actions';
import { ageGroupCode } from './catalogue-codes';
import { edited, groupCreateRefusal, groupEditRefusal } from './catalogue-rules';
import type { DomainError } from './errors';
import type { ActionPayload } from './payload-specs';
import { isError, type WorkingSet } from './working-set';

/**
 * A supervisor's management of the district as actions (issue 12, item 6: one write path): the
 * catalogue, staff accounts, the working calendar and the region's settings, applied by the same
 * processor as every other action — under the lock of the locality (the catalogue) or the region
 * (accounts and settings), journaled, audited with the action's own entry. The rules are
 * catalogue-rules.ts; the supervisor's region is checked by the server before the reducer runs (the
 * region of the entities read, as for every supervisor action). Freeing a parent's IIN, the one
 * supervisor kind that writes a parent account, is iin-release.ts.
 */

/** A staff or supervisor account as the server stores it (sync-server/schema/users.ts). */
export type AccountDoc = {
  id: string;
  login: string;
  passwordHash: string;
  role: 'staff' | 'supervisor';
  name: string;
  kindergartenId?: string;
  regionId?: string;
  disabled: boolean;
  /** Bumped to end every session of the account (a reset password, a disabled account, a move). */
  tokenVersion: number;
  createdAt: string;
  updatedAt: number;
};

/** A region's settings document (sync-server/schema/settings.ts), id `region:<regionId>`. */
export type RegionSettingsDoc = {
  id: string;
  kind: 'region';
  value: Record<string, unknown>;
  updatedBy?: string;
  updatedAt: number;
};

export const regionSettingsId = (regionId: string) => `region:${regionId}`;

const exists = (collection: string, id: string): DomainError => ({
  code: 'alreadyExists',
  params: { collection, id },
});

/** Fields of a payload that are set (an edit names only what it changes). */
function setFields<T extends object>(p: T, omit: readonly string[]): Partial<T> {
  return Object.fromEntries(
    Object.entries(p).filter(([f, v]) => v !== undefined && !omit.includes(f)),
  ) as Partial<T>;
}

export function createKindergarten(ws: WorkingSet, p: ActionPayload<'kindergarten.create'>): Outcome {
  if (ws.get('kindergartens', p.kindergartenId)) return exists('kindergartens', p.kindergartenId);
  const { kindergartenId, ...fields } = p;
  const doc: Kindergarten = {
    id: kindergartenId,
    ...fields,
    nameKk: p.nameKk.trim(),
    nameRu: p.nameRu.trim(),
    address: p.address.trim(),
    status: 'open',
    updatedAt: ws.nowMs,
  };
  ws.put('kindergartens', doc);
  return null;
}

export function editKindergarten(ws: WorkingSet, p: ActionPayload<'kindergarten.edit'>): Outcome {
  const existing = ws.need('kindergartens', p.kindergartenId);
  if ('code' in existing) return existing;
  ws.put('kindergartens', edited(existing, setFields(p, ['kindergartenId']), ws.nowMs));
  return null;
}

export function closeKindergarten(ws: WorkingSet, p: ActionPayload<'kindergarten.close'>): Outcome {
  const existing = ws.need('kindergartens', p.kindergartenId);
  if ('code' in existing) return existing;
  ws.put('kindergartens', edited(existing, { status: 'closed' }, ws.nowMs));
  return null;
}

/** A new group belongs to an open kindergarten; its birth years are kept sorted, each once. */
export function createGroup(ws: WorkingSet, p: ActionPayload<'group.create'>): Outcome {
  const kindergarten = ws.need('kindergartens', p.kindergartenId);
  if ('code' in kindergarten) return kindergarten;
  const refusal = groupCreateRefusal(kindergarten);
  if (refusal) return refusal;
  if (ws.get('groups', p.groupId)) return exists('groups', p.groupId);
  const { groupId, ...fields } = p;
  const doc: Group = {
    id: groupId,
    ...fields,
    name: p.name.trim(),
    birthYears: [...new Set(p.birthYears)].sort(),
    ageGroup: ageGroupCode(p.ageGroup),
    enrolled: 0,
    status: 'open',
    updatedAt: ws.nowMs,
  };
  ws.put('groups', doc);
  ws.relate(p.kindergartenId);
  return null;
}

/** The published bulletins of a group (places still on offer to parents). */
const publishedOf = (ws: WorkingSet, groupId: string) =>
  ws.all('bulletins').filter((b) => b.groupId === groupId && b.status === 'published').length;

/**
 * An edit of a group decided against the group as the contracts signed up to now left it: its capacity
 * never drops below the children enrolled (catalogue-rules.ts), and `enrolled` is never the edit's.
 */
export function editGroup(ws: WorkingSet, p: ActionPayload<'group.edit'>): Outcome {
  const existing = ws.need('groups', p.groupId);
  if ('code' in existing) return existing;
  const refusal = groupEditRefusal(existing, p, 0);
  if (refusal) return refusal;
  const patch = setFields(p, ['groupId']);
  if (patch.birthYears) patch.birthYears = [...new Set(patch.birthYears)].sort();
  if (patch.ageGroup !== undefined) patch.ageGroup = ageGroupCode(patch.ageGroup);
  ws.put('groups', edited(existing, patch, ws.nowMs));
  ws.relate(existing.kindergartenId);
  return null;
}

/** A group with a published bulletin still has places on offer: it closes after the bulletin does. */
export function closeGroup(ws: WorkingSet, p: ActionPayload<'group.close'>): Outcome {
  const existing = ws.need('groups', p.groupId);
  if ('code' in existing) return existing;
  const refusal = groupEditRefusal(existing, { status: 'closed' }, publishedOf(ws, p.groupId));
  if (refusal) return refusal;
  ws.put('groups', edited(existing, { status: 'closed' }, ws.nowMs));
  ws.relate(existing.kindergartenId);
  return null;
}

/** A staff account of the district (a supervisor's account is not the catalogue's to change). */
function staffAccount(ws: WorkingSet, userId: string): AccountDoc | DomainError {
  const user = ws.get('users', userId);
  return user?.role === 'staff' && user.kindergartenId
    ? user
    : { code: 'notFound', params: { collection: 'users', id: userId } };
}

/** The login is the account's id (`user:<login>`): a taken one is refused under the region's lock. */
export function createStaff(ws: WorkingSet, p: ActionPayload<'staff.create'>): Outcome {
  const kindergarten = ws.need('kindergartens', p.kindergartenId);
  if ('code' in kindergarten) return kindergarten;
  if (ws.get('users', p.userId)) return { code: 'loginTaken', params: { login: p.login } };
  ws.put('users', {
    id: p.userId,
    login: p.login,
    passwordHash: p.passwordHash,
    role: 'staff',
    name: p.name.trim(),
    kindergartenId: p.kindergartenId,
    regionId: kindergarten.regionId,
    disabled: false,
    tokenVersion: 0,
    createdAt: new Date(ws.nowMs).toISOString(),
    updatedAt: ws.nowMs,
  });
  ws.relate(p.kindergartenId);
  return null;
}

/** Changes one staff account; `endSessions` voids every token signed before (tokenVersion + 1). */
function changeStaff(
  ws: WorkingSet,
  userId: string,
  change: (user: AccountDoc) => Partial<AccountDoc> | DomainError,
  endSessions: boolean,
): Outcome {
  const user = staffAccount(ws, userId);
  if (isError(user)) return user;
  const fields = change(user);
  if (isError(fields)) return fields;
  const next = edited(user, fields, ws.nowMs);
  ws.put('users', endSessions ? { ...next, tokenVersion: user.tokenVersion + 1 } : next);
  if (next.kindergartenId) ws.relate(next.kindergartenId);
  return null;
}

export const editStaff = (ws: WorkingSet, p: ActionPayload<'staff.edit'>): Outcome =>
  changeStaff(ws, p.userId, () => ({ name: p.name.trim() }), false);

/**
 * A move to another kindergarten of the same region: the old replica must no longer pull the old
 * kindergarten's data, so the account's sessions end.
 */
export const assignStaff = (ws: WorkingSet, p: ActionPayload<'staff.assign'>): Outcome =>
  changeStaff(
    ws,
    p.userId,
    (user): Partial<AccountDoc> | DomainError => {
      const to = ws.get('kindergartens', p.kindergartenId);
      const from = ws.get('kindergartens', user.kindergartenId);
      if (!to || to.regionId !== from?.regionId)
        return { code: 'notFound', params: { collection: 'kindergartens', id: p.kindergartenId } };
      return { kindergartenId: to.id, regionId: to.regionId, ...(p.name ? { name: p.name.trim() } : {}) };
    },
    true,
  );

export const resetStaffPassword = (ws: WorkingSet, p: ActionPayload<'staff.resetPassword'>): Outcome =>
  changeStaff(ws, p.userId, () => ({ passwordHash: p.passwordHash }), true);

export const disableStaff = (ws: WorkingSet, p: ActionPayload<'staff.disable'>): Outcome =>
  changeStaff(ws, p.userId, () => ({ disabled: true }), true);

export const enableStaff = (ws: WorkingSet, p: ActionPayload<'staff.enable'>): Outcome =>
  changeStaff(ws, p.userId, () => ({ disabled: false }), false);

/**
 * The region's settings document with `value` changed: the calendar and the other settings share it,
 * so neither edit drops the other's.
 */
function changeSettings(
  ws: WorkingSet,
  regionId: string,
  apply: (value: Record<string, unknown>) => Record<string, unknown>,
): Outcome {
  const id = regionSettingsId(regionId);
  const existing = ws.get('regionSettings', id);
  const value = apply({ ...(existing?.value ?? {}) });
  ws.put('regionSettings', {
    id,
    kind: 'region',
    value,
    updatedBy: ws.action.actor,
    updatedAt: existing ? Math.max(ws.nowMs, existing.updatedAt + 1) : ws.nowMs,
  });
  return null;
}

/** The working calendar is data (docs/domain.md, Working days): the supervisor's replaces the shipped one. */
export const editCalendar = (ws: WorkingSet, p: ActionPayload<'calendar.edit'>): Outcome =>
  changeSettings(ws, p.regionId, (value) => ({ ...value, calendar: p.calendar }));

export const editSettings = (ws: WorkingSet, p: ActionPayload<'settings.edit'>): Outcome =>
  changeSettings(ws, p.regionId, (value) => {
    const next: Record<string, unknown> = {
      ...value,
      priorityWindowWorkingDays: p.priorityWindowWorkingDays,
      stopListUnit: p.stopListUnit,
    };
    if (p.interestConfirmationDays === undefined) delete next.interestConfirmationDays;
    else next.interestConfirmationDays = p.interestConfirmationDays;
    return next;
  });
