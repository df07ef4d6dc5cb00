import type { Referral } from '../schema';
import { type Outcome, wrongStatus } from './bulletin-actions';
import type { DomainError } from './errors';
import { almatyDayOfMs } from './instant';
import type { ActionPayload } from './payload-specs';
import { ownerScope } from './permissions';
import { placeReturned } from './places';
import { canExtend, extensionUntil, lastValidDay, stopListUntilChecked } from './referral';
import { EXTENSION_CALENDAR_DAYS, STOP_LIST_DAYS } from './settings';
import { isError, type WorkingSet } from './working-set';

/** Referral actions (docs/domain.md, Referrals; the seed's "Ожидание активации" and "Заключение договора"). */

function needReferral(ws: WorkingSet, id: string): Referral | DomainError {
  const referral = ws.need('referrals', id);
  if (isError(referral)) return referral;
  return ownerScope(ws.action, referral) ?? referral;
}

/** referral.extend: once, on the last valid day, by up to 30 calendar days, with documents attached. */
export function extendReferral(ws: WorkingSet, p: ActionPayload<'referral.extend'>): Outcome {
  const referral = needReferral(ws, p.referralId);
  if (isError(referral)) return referral;
  const check = canExtend(referral, ws.action.occurredAt);
  if (!check.ok) return { code: 'cannotExtend', params: { referralId: referral.id, reasons: check.reasons } };
  const max = extensionUntil(referral);
  const until = p.until ?? max;
  if (until > max || until <= referral.validUntil) {
    return {
      code: 'invalidPayload',
      params: { field: 'until', reason: 'range', max, maxDays: EXTENSION_CALENDAR_DAYS },
    };
  }
  const documents = p.documents.map((d) => ({
    name: d.name,
    ...(d.description !== undefined ? { description: d.description } : {}),
    ...(d.size !== undefined ? { size: d.size } : {}),
  }));
  ws.put('referrals', {
    ...referral,
    extendedUntil: until,
    extension: {
      reason: p.reason,
      documents,
      recordedAt: ws.action.occurredAt,
      recordedBy: ws.action.actor,
    },
  });
  ws.notify(referral.parentId, 'referralExtended', {
    referralId: referral.id,
    applicationId: referral.applicationId,
    childName: referral.childName,
    kindergartenId: referral.kindergartenId,
    extendedUntil: until,
  });
  return null;
}

/**
 * referral.noShow (staff) and referral.expire (scheduler): after the last valid day the referral is
 * annulled/expired, its held place returns to the bulletin (freePlaces + 1, places.ts), and the
 * application is stop-listed for 10 working days (or calendar days, a regional setting) counted after
 * the referral's last valid day.
 */
export function lapseReferral(
  ws: WorkingSet,
  p: ActionPayload<'referral.noShow' | 'referral.expire'>,
  status: 'annulled' | 'expired',
): Outcome {
  const referral = needReferral(ws, p.referralId);
  if (isError(referral)) return referral;
  if (referral.status !== 'active') return wrongStatus('referrals', referral, ['active']);
  const last = lastValidDay(referral);
  if (almatyDayOfMs(ws.occurredMs) <= last)
    return { code: 'notExpired', params: { referralId: referral.id, lastValidDay: last } };
  const app = ws.need('applications', referral.applicationId);
  if (isError(app)) return app;
  const until = stopListUntilChecked(last, {
    unit: ws.settings.stopListUnit,
    calendar: ws.settings.calendar,
  });
  if (!until.ok) return until.error;
  ws.put('referrals', { ...referral, status, closedAt: ws.action.occurredAt });
  const bulletin = ws.get('bulletins', referral.bulletinId);
  if (bulletin) ws.put('bulletins', { ...bulletin, freePlaces: placeReturned(bulletin) });
  const response = ws.get('responses', referral.responseId);
  if (response && response.status === 'activated') ws.put('responses', { ...response, status: 'closed' });
  if (app.status === 'referred')
    ws.put('applications', { ...app, status: 'stopListed', stopListUntil: until.value });
  ws.notify(referral.parentId, 'referralExpired', {
    referralId: referral.id,
    applicationId: referral.applicationId,
    childName: referral.childName,
    kindergartenId: referral.kindergartenId,
    stopListUntil: until.value,
    stopListDays: STOP_LIST_DAYS,
    stopListUnit: ws.settings.stopListUnit ?? 'working',
  });
  return null;
}

/**
 * referral.signContract: the contract is recorded and signed; the place the referral held becomes the
 * child's (the bulletin's freePlaces already dropped at activation, places.ts), the group gains a
 * child, and the application leaves the queue ("the queue moves only now"). A referral past its last
 * valid day can no longer be signed.
 */
export function signContract(ws: WorkingSet, p: ActionPayload<'referral.signContract'>): Outcome {
  const referral = needReferral(ws, p.referralId);
  if (isError(referral)) return referral;
  if (referral.status !== 'active') return wrongStatus('referrals', referral, ['active']);
  const last = lastValidDay(referral);
  if (almatyDayOfMs(ws.occurredMs) > last)
    return { code: 'referralLapsed', params: { referralId: referral.id, lastValidDay: last } };
  const app = ws.need('applications', referral.applicationId);
  if (isError(app)) return app;
  const bulletin = ws.need('bulletins', referral.bulletinId);
  if (isError(bulletin)) return bulletin;
  const group = ws.need('groups', referral.groupId);
  if (isError(group)) return group;
  if (app.status !== 'referred') return wrongStatus('applications', app, ['referred']);
  if (group.enrolled >= group.capacity)
    return { code: 'groupFull', params: { groupId: group.id, capacity: group.capacity } };
  ws.put('referrals', {
    ...referral,
    status: 'enrolled',
    contractNumber: p.contractNumber,
    contractDate: p.contractDate,
    signedAt: ws.action.occurredAt,
    signedBy: ws.action.actor,
  });
  ws.put('groups', { ...group, enrolled: group.enrolled + 1 });
  ws.put('applications', {
    ...app,
    status: 'enrolled',
    enrolledKindergartenId: referral.kindergartenId,
    enrolledGroupId: referral.groupId,
  });
  const kindergarten = ws.get('kindergartens', referral.kindergartenId);
  ws.notify(referral.parentId, 'contractSigned', {
    referralId: referral.id,
    applicationId: app.id,
    childName: app.childName,
    kindergartenId: referral.kindergartenId,
    kindergartenNameKk: kindergarten?.nameKk,
    kindergartenNameRu: kindergarten?.nameRu,
    groupId: group.id,
    groupName: group.name,
    contractNumber: p.contractNumber,
    contractDate: p.contractDate,
  });
  return null;
}
