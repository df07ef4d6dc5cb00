import type { Application } from '../schema';
import { type Outcome, wrongStatus } from './bulletin-actions';
import type { DomainError } from './errors';
import { parseIin } from './iin';
import { almatyDayOfMs } from './instant';
import { canRespond } from './matching';
import type { ActionPayload } from './payload-specs';
import { parentScope } from './permissions';
import { holdsQueuePlace } from './queue';
import { RESTORE_WITHIN_DAYS } from './settings';
import { isError, type WorkingSet } from './working-set';

/** Application actions (docs/domain.md, Applications; the seed's "Заявки" steps). */

/**
 * application.file: one active application per child per locality; the birth year comes from the
 * IIN; filedAt = occurredAt (ties are decided by the time); priority 'none' until a supervisor confirms
 * the claimed category. The parent is told the queue number ("Ваша заявка принята. Место в очереди 212").
 */
export function fileApplication(ws: WorkingSet, p: ActionPayload<'application.file'>): Outcome {
  const f = p;
  const scope = parentScope(ws.action, f.parentId);
  if (scope) return scope;
  const iin = parseIin(f.childIin);
  if (!iin.ok) return { code: 'invalidPayload', params: { field: 'childIin', reason: iin.error.code } };
  const birthYear = Number(iin.value.birthDate.slice(0, 4));
  if (birthYear < 2000 || birthYear > 2100) {
    return { code: 'invalidPayload', params: { field: 'childIin', reason: 'birthYear' } };
  }
  if (ws.get('applications', f.applicationId)) {
    return { code: 'duplicateApplication', params: { applicationId: f.applicationId } };
  }
  const childIin = f.childIin.trim();
  const twin = ws
    .all('applications')
    .find(
      (a) =>
        (a.childId === f.childId || a.childIin === childIin) &&
        a.localityId === f.localityId &&
        holdsQueuePlace(a.status),
    );
  if (twin) return { code: 'duplicateApplication', params: { applicationId: twin.id } };
  const application: Application = {
    id: f.applicationId,
    childId: f.childId,
    childIin,
    childName: f.childName,
    parentId: f.parentId,
    birthYear,
    filedAt: ws.action.occurredAt,
    groupType: f.groupType,
    languages: [...new Set(f.languages)],
    regionId: f.regionId,
    localityId: f.localityId,
    priority: 'none',
    claimedPriority: f.claimedPriority,
    status: 'waiting',
    updatedAt: ws.nowMs,
    ...(f.batchId !== undefined ? { batchId: f.batchId } : {}),
  };
  ws.put('applications', application);
  ws.notify(application.parentId, 'applicationAccepted', {
    applicationId: application.id,
    childName: application.childName,
    queueNumber: ws.queueNumber(application),
  });
  return null;
}

function needApplication(ws: WorkingSet, id: string): Application | DomainError {
  const app = ws.need('applications', id);
  if (isError(app)) return app;
  return parentScope(ws.action, app.parentId) ?? app;
}

/**
 * application.withdraw (the seed: trash icon + "Подтвердить"; "Вы успешно отозвали заявку"). Its open
 * responses are withdrawn, and an active referral is annulled so its reserved place frees at once.
 */
export function withdrawApplication(ws: WorkingSet, p: ActionPayload<'application.withdraw'>): Outcome {
  const app = needApplication(ws, p.applicationId);
  if (isError(app)) return app;
  if (!holdsQueuePlace(app.status))
    return wrongStatus('applications', app, ['waiting', 'responded', 'referred', 'stopListed', 'inactive']);
  for (const r of ws.all('responses')) {
    if (r.applicationId === app.id && r.status === 'active')
      ws.put('responses', { ...r, status: 'withdrawn' });
  }
  for (const ref of ws.all('referrals')) {
    if (ref.applicationId === app.id && ref.status === 'active') {
      ws.put('referrals', { ...ref, status: 'annulled', closedAt: ws.action.occurredAt });
    }
  }
  ws.put('applications', { ...app, status: 'withdrawn' });
  ws.notify(app.parentId, 'applicationWithdrawn', { applicationId: app.id, childName: app.childName });
  return null;
}

/**
 * application.confirmInterest ("Заинтересован"): records the confirmation; an inactive application is
 * restored to `waiting` if within 28 days of its suspension. The schema has no suspension timestamp,
 * so the suspension time is the inactive application's `updatedAt` (nothing else changes it while inactive
 * but a priority confirmation, which can only make the window later, never wrongly shorter).
 */
export function confirmInterest(ws: WorkingSet, p: ActionPayload<'application.confirmInterest'>): Outcome {
  const app = needApplication(ws, p.applicationId);
  if (isError(app)) return app;
  if (app.status === 'inactive') {
    const elapsed = ws.occurredMs - app.updatedAt;
    if (elapsed > RESTORE_WITHIN_DAYS * 86_400_000) {
      return { code: 'restoreExpired', params: { applicationId: app.id, days: RESTORE_WITHIN_DAYS } };
    }
    ws.put('applications', { ...app, status: 'waiting', interestConfirmedAt: ws.action.occurredAt });
    return null;
  }
  if (!holdsQueuePlace(app.status))
    return wrongStatus('applications', app, ['waiting', 'responded', 'referred', 'stopListed', 'inactive']);
  ws.put('applications', { ...app, interestConfirmedAt: ws.action.occurredAt });
  return null;
}

/** application.suspend: interest not confirmed in time → `inactive` (kept, skipped in allocation). */
export function suspendApplication(ws: WorkingSet, p: ActionPayload<'application.suspend'>): Outcome {
  const app = needApplication(ws, p.applicationId);
  if (isError(app)) return app;
  if (app.status !== 'waiting') return wrongStatus('applications', app, ['waiting']);
  ws.put('applications', { ...app, status: 'inactive' });
  ws.notify(app.parentId, 'applicationSuspended', {
    applicationId: app.id,
    childName: app.childName,
    restoreWithinDays: RESTORE_WITHIN_DAYS,
  });
  return null;
}

/** application.endStopList: after the last stop-listed day, back to `waiting` with its filing time. */
export function endStopList(ws: WorkingSet, p: ActionPayload<'application.endStopList'>): Outcome {
  const app = needApplication(ws, p.applicationId);
  if (isError(app)) return app;
  if (app.status !== 'stopListed') return wrongStatus('applications', app, ['stopListed']);
  const today = almatyDayOfMs(ws.occurredMs);
  if (typeof app.stopListUntil === 'string' && today <= app.stopListUntil) {
    return { code: 'stopListNotOver', params: { applicationId: app.id, until: app.stopListUntil } };
  }
  const { stopListUntil: _ended, ...rest } = app;
  ws.put('applications', { ...rest, status: 'waiting' });
  ws.notify(app.parentId, 'stopListEnded', { applicationId: app.id, childName: app.childName });
  return null;
}

/**
 * application.confirmPriority: a supervisor checks the documents; the category counts only when
 * confirmed, otherwise the application stays in the general queue with its filing time. Open
 * responses copy the queue fields, so they follow.
 */
export function confirmPriority(ws: WorkingSet, p: ActionPayload<'application.confirmPriority'>): Outcome {
  const app = needApplication(ws, p.applicationId);
  if (isError(app)) return app;
  if (!holdsQueuePlace(app.status))
    return wrongStatus('applications', app, ['waiting', 'responded', 'referred', 'stopListed', 'inactive']);
  const priority = p.confirmed ? app.claimedPriority : 'none';
  ws.put('applications', {
    ...app,
    priority,
    priorityConfirmedBy: ws.action.actor,
    priorityConfirmedAt: ws.action.occurredAt,
  });
  for (const r of ws.all('responses')) {
    if (r.applicationId === app.id && r.status === 'active') ws.put('responses', { ...r, priority });
  }
  return null;
}

/**
 * application.respond ("Отправить заявку"): canRespond must pass, with the caller's applications as
 * the queue for the priority window. The response copies the queue fields so staff can rank
 * responders from their replica alone.
 */
export function respond(ws: WorkingSet, p: ActionPayload<'application.respond'>): Outcome {
  const app = needApplication(ws, p.applicationId);
  if (isError(app)) return app;
  const bulletin = ws.need('bulletins', p.bulletinId);
  if (isError(bulletin)) return bulletin;
  const kindergarten = ws.need('kindergartens', bulletin.kindergartenId);
  if (isError(kindergarten)) return kindergarten;
  const check = canRespond(
    app,
    bulletin,
    kindergarten,
    ws.action.occurredAt,
    ws.respondContext(bulletin.id, app.id),
  );
  if (!check.ok) return { code: 'cannotRespond', params: { reasons: check.reasons } };
  const responseId = `resp_${ws.action.id}`;
  ws.put('responses', {
    id: responseId,
    applicationId: app.id,
    bulletinId: bulletin.id,
    kindergartenId: bulletin.kindergartenId,
    childIin: app.childIin,
    childName: app.childName,
    birthYear: app.birthYear,
    filedAt: app.filedAt,
    priority: app.priority,
    respondedAt: ws.action.occurredAt,
    status: 'active',
    updatedAt: ws.nowMs,
  });
  ws.put('applications', { ...app, status: 'responded' });
  ws.notify(app.parentId, 'responded', {
    applicationId: app.id,
    childName: app.childName,
    responseId,
    bulletinId: bulletin.id,
    kindergartenId: kindergarten.id,
    kindergartenNameKk: kindergarten.nameKk,
    kindergartenNameRu: kindergarten.nameRu,
  });
  return null;
}
