import type { Response } from '../schema';
import { type Outcome, wrongStatus } from './bulletin-actions';
import { rankApplications } from './queue';
import type { ActionPayload } from './payload-specs';
import { kindergartenScope } from './permissions';
import { referralValidUntilChecked } from './referral';
import { REFERRAL_WORKING_DAYS, STOP_LIST_DAYS } from './settings';
import { verificationCode } from './verification-code';
import { isError, type WorkingSet } from './working-set';

/**
 * The bulletin's active responders in queue order: open responses whose application (when loaded)
 * is still `responded`. Allocation goes down this list (docs/domain.md, Allocation).
 */
export function activeResponders(ws: WorkingSet, bulletinId: string): Response[] {
  const open = ws.all('responses').filter((r) => {
    if (r.bulletinId !== bulletinId || r.status !== 'active') return false;
    const app = ws.get('applications', r.applicationId);
    return app === undefined || app.status === 'responded';
  });
  return rankApplications(open);
}

/**
 * response.activate: staff activate responders in ranking order; activating anyone else needs a
 * recorded `skipReason` (else `outOfOrder` with the ids that rank higher), and the passed-over ids are
 * stored with it so the audit log explains every allocation. Passed-over responders stay active: a
 * skip is a decision about this activation, not a rejection.
 *
 * Twins and siblings (a batch): a batch member is activated only when the places available cover
 * every active responder of the batch to this bulletin (docs/domain.md: "referrals are issued only when the
 * bulletin has places for all of them"); batch members do not count as out of order for each other.
 */
export function activateResponse(ws: WorkingSet, p: ActionPayload<'response.activate'>): Outcome {
  const response = ws.need('responses', p.responseId);
  if (isError(response)) return response;
  const scope = kindergartenScope(ws.action, response.kindergartenId);
  if (scope) return scope;
  if (response.status === 'activated') {
    // "already activated by another workstation at 10:42" (docs/domain.md, Offline-specific rules).
    return {
      code: 'alreadyActivated',
      params: {
        responseId: response.id,
        by: response.activatedBy,
        at: response.activatedAt,
        deviceId: response.activatedDeviceId,
      },
    };
  }
  if (response.status !== 'active') return wrongStatus('responses', response, ['active']);
  const bulletin = ws.need('bulletins', response.bulletinId);
  if (isError(bulletin)) return bulletin;
  const app = ws.need('applications', response.applicationId);
  if (isError(app)) return app;
  if (bulletin.status !== 'published') return wrongStatus('bulletins', bulletin, ['published']);
  if (app.status !== 'responded') return wrongStatus('applications', app, ['responded']);
  // Held places were taken from freePlaces at their activation (places.ts).
  const available = bulletin.freePlaces;
  if (available <= 0)
    return { code: 'noFreePlaces', params: { bulletinId: bulletin.id, freePlaces: bulletin.freePlaces } };
  const ranked = activeResponders(ws, bulletin.id);
  const batchOf = (r: Response) => ws.get('applications', r.applicationId)?.batchId;
  if (app.batchId !== undefined) {
    const needed = ranked.filter((r) => batchOf(r) === app.batchId).length;
    if (available < needed)
      return { code: 'batchPlaces', params: { batchId: app.batchId, needed, available } };
  }
  const index = ranked.findIndex((r) => r.id === response.id);
  const higher = ranked
    .slice(0, Math.max(index, 0))
    .filter((r) => app.batchId === undefined || batchOf(r) !== app.batchId)
    .map((r) => r.id);
  const skipReason = p.skipReason?.trim();
  if (higher.length > 0 && !skipReason)
    return { code: 'outOfOrder', params: { responseId: response.id, higherRankedIds: higher } };
  const group = ws.need('groups', bulletin.groupId);
  if (isError(group)) return group;
  const validUntil = referralValidUntilChecked(ws.action.occurredAt, ws.calendar);
  if (!validUntil.ok) return validUntil.error;

  // Counted before the application turns 'referred' (it still holds its place either way), for the
  // public list of referrals issued: parents check there that places went in queue order.
  const queueNumber = ws.countedQueueNumber(app);
  ws.put('responses', {
    ...response,
    status: 'activated',
    activatedAt: ws.action.occurredAt,
    activatedBy: ws.action.actor,
    activatedDeviceId: ws.action.deviceId,
    ...(higher.length > 0 ? { skipReason, skippedResponseIds: higher } : {}),
  });
  // The child is referred: the application's other open responses close.
  for (const r of ws.all('responses')) {
    if (r.applicationId === app.id && r.id !== response.id && r.status === 'active')
      ws.put('responses', { ...r, status: 'closed' });
  }
  ws.put('applications', { ...app, status: 'referred' });
  const referralId = `ref_${ws.action.id}`;
  ws.put('referrals', {
    id: referralId,
    applicationId: app.id,
    bulletinId: bulletin.id,
    responseId: response.id,
    kindergartenId: bulletin.kindergartenId,
    groupId: bulletin.groupId,
    childIin: app.childIin,
    childName: app.childName,
    parentId: app.parentId,
    activatedAt: ws.action.occurredAt,
    activatedBy: ws.action.actor,
    ...(queueNumber !== undefined ? { queueNumber } : {}),
    validUntil: validUntil.value,
    status: 'active',
    verificationCode: verificationCode(ws.action.id),
    updatedAt: ws.nowMs,
  });
  // The referral holds one of the bulletin's places: it is no longer free (places.ts).
  ws.put('bulletins', { ...bulletin, freePlaces: bulletin.freePlaces - 1 });
  const kindergarten = ws.get('kindergartens', bulletin.kindergartenId);
  ws.notify(app.parentId, 'referralIssued', {
    applicationId: app.id,
    referralId,
    childName: app.childName,
    kindergartenId: bulletin.kindergartenId,
    kindergartenNameKk: kindergarten?.nameKk,
    kindergartenNameRu: kindergarten?.nameRu,
    groupId: group.id,
    groupName: group.name,
    validUntil: validUntil.value,
    workingDays: REFERRAL_WORKING_DAYS,
    stopListDays: STOP_LIST_DAYS,
  });
  return null;
}
