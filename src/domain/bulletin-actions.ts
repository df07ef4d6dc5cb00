import type { Bulletin, Group } from '../schema';
import { ageGroupCode, placeTypeCode } from './catalogue-codes';
import { priorityWindowEnd } from './bulletin';
import type { DomainError } from './errors';
import { parseInstant } from './instant';
import { matchingQueue } from './matching';
import type { ActionPayload } from './payload-specs';
import { kindergartenScope } from './permissions';
import { groupPlaces } from './places';
import { priorityWindowDays } from './settings';
import { isError, type WorkingSet } from './working-set';

/**
 * Bulletin actions (docs/domain.md, Bulletins): draft → published → closed or withdrawn.
 *
 * Places (places.ts): `freePlaces` counts the places the bulletin still offers. Activation holds one
 * (freePlaces − 1), a lapsed referral gives it back, the contract keeps it (the child is enrolled).
 * So a bulletin's places are freePlaces + its active referrals, never more than totalPlaces, and what
 * its published bulletins offer never exceeds the group's free places (capacity − enrolled − held).
 */
export type Outcome = DomainError | null;

export function wrongStatus(
  collection: string,
  doc: { id: string; status: string },
  expected: string[],
): DomainError {
  return { code: 'wrongStatus', params: { collection, id: doc.id, status: doc.status, expected } };
}

export function activeReferralCount(ws: WorkingSet, bulletinId: string): number {
  return ws.all('referrals').filter((r) => r.bulletinId === bulletinId && r.status === 'active').length;
}

/**
 * bulletin.saveDraft and bulletin.publish share one payload. Language, group type, birth years,
 * region and locality are copied from the group and its kindergarten, never typed by staff. Publishing
 * an existing draft may omit the fields it already has.
 */
export function upsertBulletin(
  ws: WorkingSet,
  p: ActionPayload<'bulletin.saveDraft' | 'bulletin.publish'>,
  publish: boolean,
): Outcome {
  const payload = p;
  const existing = ws.get('bulletins', payload.bulletinId);
  if (existing) {
    const scope = kindergartenScope(ws.action, existing.kindergartenId);
    if (scope) return scope;
    if (existing.status !== 'draft') return wrongStatus('bulletins', existing, ['draft']);
  }
  const groupId = payload.groupId ?? existing?.groupId;
  const totalPlaces = payload.totalPlaces ?? existing?.totalPlaces;
  const freePlaces = payload.freePlaces ?? existing?.freePlaces;
  const placeType = payload.placeType ?? existing?.placeType;
  const vacancyAt = payload.vacancyAt ?? existing?.vacancyAt;
  const required = { groupId, totalPlaces, freePlaces, placeType, vacancyAt };
  for (const [field, value] of Object.entries(required)) {
    if (value === undefined) return { code: 'invalidPayload', params: { field, reason: 'required' } };
  }
  const group = ws.need('groups', groupId);
  if (isError(group)) return group;
  const scope = kindergartenScope(ws.action, group.kindergartenId);
  if (scope) return scope;
  const kindergarten = ws.need('kindergartens', group.kindergartenId);
  if (isError(kindergarten)) return kindergarten;
  if (group.status !== 'open') return { code: 'groupClosed', params: { groupId: group.id } };
  if ((freePlaces as number) > (totalPlaces as number)) {
    return { code: 'invalidPayload', params: { field: 'freePlaces', reason: 'exceedsTotal' } };
  }
  if (publish) {
    const refused = exceedsGroup(ws, group, payload.bulletinId, freePlaces as number);
    if (refused) return refused;
  }
  const bulletin: Bulletin = {
    id: payload.bulletinId,
    kindergartenId: kindergarten.id,
    groupId: group.id,
    regionId: kindergarten.regionId,
    localityId: kindergarten.localityId,
    groupType: group.groupType,
    language: group.language,
    birthYears: [...group.birthYears],
    ageGroup: ageGroupCode(payload.ageGroup ?? existing?.ageGroup ?? group.ageGroup),
    placeType: placeTypeCode(placeType as string),
    totalPlaces: totalPlaces as number,
    freePlaces: freePlaces as number,
    vacancyAt: vacancyAt as string,
    access: 'priority',
    status: 'draft',
    authorId: existing?.authorId ?? ws.action.actor,
    authorName: payload.authorName ?? existing?.authorName ?? ws.action.actor,
    updatedAt: ws.nowMs,
  };
  if (publish) {
    const until = priorityWindowEnd(ws.action.occurredAt, priorityWindowDays(ws.settings), ws.calendar);
    if (!until.ok) return until.error;
    bulletin.status = 'published';
    bulletin.publishedAt = ws.action.occurredAt;
    bulletin.priorityUntil = until.value;
    notifyTurnHasCome(ws, bulletin, kindergarten.nameKk, kindergarten.nameRu, group.name);
  }
  ws.put('bulletins', bulletin);
  return null;
}

/**
 * docs/domain.md: "parents whose turn has come (the first N of the matching queue, N = free places) are
 * notified and see it under «Доступные мне»" — over the applications the caller loaded.
 */
function notifyTurnHasCome(
  ws: WorkingSet,
  bulletin: Bulletin,
  nameKk: string,
  nameRu: string,
  groupName: string,
) {
  const turn = matchingQueue(
    ws.all('applications'),
    bulletin,
    ws.get('kindergartens', bulletin.kindergartenId),
    ws.occurredMs,
  )
    .slice(0, bulletin.freePlaces)
    .filter((a) => a.status === 'waiting');
  for (const a of turn) {
    ws.notify(a.parentId, 'bulletinAvailable', {
      applicationId: a.id,
      childName: a.childName,
      bulletinId: bulletin.id,
      kindergartenId: bulletin.kindergartenId,
      kindergartenNameKk: nameKk,
      kindergartenNameRu: nameRu,
      groupId: bulletin.groupId,
      groupName,
      priorityUntil: bulletin.priorityUntil,
    });
  }
}

function needBulletin(ws: WorkingSet, id: string): Bulletin | DomainError {
  const bulletin = ws.need('bulletins', id);
  if (isError(bulletin)) return bulletin;
  return kindergartenScope(ws.action, bulletin.kindergartenId) ?? bulletin;
}

/** bulletin.edit: places, vacancy date or place type of a draft or a published bulletin. */
export function editBulletin(ws: WorkingSet, p: ActionPayload<'bulletin.edit'>): Outcome {
  const bulletin = needBulletin(ws, p.bulletinId);
  if (isError(bulletin)) return bulletin;
  if (bulletin.status !== 'draft' && bulletin.status !== 'published') {
    return wrongStatus('bulletins', bulletin, ['draft', 'published']);
  }
  const next = { ...bulletin, ...stripUndefined(p) };
  next.placeType = placeTypeCode(next.placeType);
  if (next.freePlaces > next.totalPlaces) {
    return { code: 'invalidPayload', params: { field: 'freePlaces', reason: 'exceedsTotal' } };
  }
  // The places held by its active referrals stay the bulletin's: total ≥ free + held.
  const reserved = activeReferralCount(ws, bulletin.id);
  if (next.freePlaces + reserved > next.totalPlaces)
    return { code: 'placesReserved', params: { bulletinId: bulletin.id, reserved } };
  if (next.status === 'published' && next.freePlaces > bulletin.freePlaces) {
    const group = ws.need('groups', next.groupId);
    if (isError(group)) return group;
    const refused = exceedsGroup(ws, group, next.id, next.freePlaces);
    if (refused) return refused;
  }
  ws.put('bulletins', next);
  return null;
}

/**
 * A bulletin never offers more places than its group has free (docs/domain.md, Referrals → Places): the
 * group's capacity − enrolled − held, less what its other published bulletins already offer.
 */
function exceedsGroup(
  ws: WorkingSet,
  group: Pick<Group, 'id' | 'capacity' | 'enrolled'>,
  bulletinId: string,
  requested: number,
): DomainError | null {
  const places = groupPlaces(group, ws.all('referrals'), ws.all('bulletins'), bulletinId);
  if (requested <= places.available) return null;
  return { code: 'groupPlaces', params: { groupId: group.id, requested, ...places } };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of ['freePlaces', 'totalPlaces', 'vacancyAt', 'placeType'] as const) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined && v !== null) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/**
 * The bulletin's open responses close with it, and their applications go back to `waiting` (they
 * keep their filing time, so they lose nothing in the queue).
 */
function closeResponses(ws: WorkingSet, bulletinId: string): void {
  const open = ws.all('responses').filter((r) => r.bulletinId === bulletinId && r.status === 'active');
  for (const r of open) {
    ws.put('responses', { ...r, status: 'closed' });
    const app = ws.get('applications', r.applicationId);
    const stillResponding = ws
      .all('responses')
      .some((o) => o.applicationId === r.applicationId && o.status === 'active');
    if (app && app.status === 'responded' && !stillResponding)
      ws.put('applications', { ...app, status: 'waiting' });
  }
}

/** bulletin.close: published → closed. Active referrals stay valid (their places were promised). */
export function closeBulletin(ws: WorkingSet, p: ActionPayload<'bulletin.close'>): Outcome {
  const bulletin = needBulletin(ws, p.bulletinId);
  if (isError(bulletin)) return bulletin;
  if (bulletin.status !== 'published') return wrongStatus('bulletins', bulletin, ['published']);
  closeResponses(ws, bulletin.id);
  ws.put('bulletins', { ...bulletin, status: 'closed' });
  return null;
}

/** bulletin.withdraw: a draft or a published bulletin without active referrals (promised places). */
export function withdrawBulletin(ws: WorkingSet, p: ActionPayload<'bulletin.withdraw'>): Outcome {
  const bulletin = needBulletin(ws, p.bulletinId);
  if (isError(bulletin)) return bulletin;
  if (bulletin.status !== 'draft' && bulletin.status !== 'published') {
    return wrongStatus('bulletins', bulletin, ['draft', 'published']);
  }
  const reserved = activeReferralCount(ws, bulletin.id);
  if (reserved > 0) return { code: 'placesReserved', params: { bulletinId: bulletin.id, reserved } };
  closeResponses(ws, bulletin.id);
  ws.put('bulletins', { ...bulletin, status: 'withdrawn' });
  return null;
}

/**
 * bulletin.openToAll: "Доступ для всех" after the priority window. The scheduler (system) and staff
 * may open it only once the window has ended; a supervisor may open it early (e.g. Almaty's exact
 * opening timestamp set by the district).
 */
export function openBulletinToAll(ws: WorkingSet, p: ActionPayload<'bulletin.openToAll'>): Outcome {
  const bulletin = needBulletin(ws, p.bulletinId);
  if (isError(bulletin)) return bulletin;
  if (bulletin.status !== 'published' || bulletin.access !== 'priority') {
    return {
      code: 'wrongStatus',
      params: {
        collection: 'bulletins',
        id: bulletin.id,
        status: bulletin.status,
        access: bulletin.access,
        expected: ['published'],
      },
    };
  }
  const until = parseInstant(bulletin.priorityUntil);
  if (ws.action.actorRole !== 'supervisor' && until.ok && ws.occurredMs < until.value) {
    return { code: 'priorityWindow', params: { bulletinId: bulletin.id, until: bulletin.priorityUntil } };
  }
  ws.put('bulletins', { ...bulletin, access: 'all' });
  return null;
}
