import type { ActionKind } from '../schema';
import {
  confirmInterest,
  confirmPriority,
  endStopList,
  fileApplication,
  respond,
  suspendApplication,
  withdrawApplication,
} from './application-actions';
import {
  closeBulletin,
  editBulletin,
  type Outcome,
  openBulletinToAll,
  upsertBulletin,
  withdrawBulletin,
} from './bulletin-actions';
import { calendarOf } from './calendar';
import type { DomainError } from './errors';
import { releaseParentIin } from './iin-release';
import { parseInstant } from './instant';
import { checkPayloadBounds } from './payload';
import { type ActionPayloads, parsePayload } from './payload-specs';
import { roleAllowed } from './permissions';
import { type Needs, type Read, readsOf } from './reads';
import { extendReferral, lapseReferral, signContract } from './referral-actions';
import { activateResponse } from './response-actions';
import {
  assignStaff,
  closeGroup,
  closeKindergarten,
  createGroup,
  createKindergarten,
  createStaff,
  disableStaff,
  editCalendar,
  editGroup,
  editKindergarten,
  editSettings,
  editStaff,
  enableStaff,
  resetStaffPassword,
} from './supervisor-actions';
import {
  type ActionInput,
  type Change,
  type DomainNotification,
  type DomainState,
  STATE_COLLECTIONS,
  WorkingSet,
} from './working-set';

/**
 * THE reducer for every staff, parent, supervisor and system action (docs/architecture.md, the intent
 * log). The server runs it authoritatively inside a transaction; the staff desktop runs it over its
 * replica as an optimistic overlay. Each transition has eVaka's shape: check permission (role, then
 * kindergarten / parent scope), verify the expected status, then change. Deadlines count from
 * `occurredAt`; `now` only stamps `updatedAt`. New ids derive from the action id, so a retried action
 * produces the same documents.
 */
export type ActionResult =
  | { ok: true; changes: Change[]; notifications: DomainNotification[]; related?: string[] }
  | { ok: false; error: DomainError };

/**
 * Each kind's transition: what it reads of the state (`needs`, by its payload's ids: reads.ts; the
 * server loads exactly that), and the change itself (`apply`), given the payload its spec has checked
 * (payload-specs.ts), typed as that kind's.
 */
interface Handler<K extends ActionKind> {
  needs: Needs<K>;
  apply: (ws: WorkingSet, payload: ActionPayloads[K]) => Outcome;
}
type Handlers = { [K in ActionKind]: Handler<K> };

const bulletinOnly = (p: { bulletinId: string }): Read[] => [{ read: 'bulletin', id: p.bulletinId }];
const closing = (p: { bulletinId: string }): Read[] => [
  { read: 'bulletin', id: p.bulletinId, referrals: true, responders: true },
];
const applicationOnly = (p: { applicationId: string }): Read[] => [
  { read: 'application', id: p.applicationId },
];
const referralWithParts = (p: { referralId: string }): Read[] => [
  { read: 'referral', id: p.referralId, parts: true },
];
const upsert =
  (publish: boolean) =>
  (p: ActionPayloads['bulletin.publish']): Read[] => [
    {
      read: 'bulletinUpsert',
      id: p.bulletinId,
      ...(p.groupId ? { groupId: p.groupId } : {}),
      matchingQueues: publish,
    },
  ];

const kindergartenOnly = (p: { kindergartenId: string }): Read[] => [
  { read: 'kindergarten', id: p.kindergartenId },
];
const groupOnly = (p: { groupId: string }): Read[] => [{ read: 'group', id: p.groupId }];
const account = (p: { userId: string }): Read[] => [{ read: 'account', id: p.userId }];
const regionSettings = (p: { regionId: string }): Read[] => [
  { read: 'regionSettings', regionId: p.regionId },
];

const HANDLERS: Handlers = {
  'bulletin.saveDraft': { needs: upsert(false), apply: (ws, p) => upsertBulletin(ws, p, false) },
  'bulletin.publish': { needs: upsert(true), apply: (ws, p) => upsertBulletin(ws, p, true) },
  'bulletin.edit': {
    needs: (p) => [{ read: 'bulletin', id: p.bulletinId, referrals: true }],
    apply: editBulletin,
  },
  'bulletin.close': { needs: closing, apply: closeBulletin },
  'bulletin.withdraw': { needs: closing, apply: withdrawBulletin },
  'bulletin.openToAll': { needs: bulletinOnly, apply: openBulletinToAll },
  'application.file': {
    needs: (p) => [
      {
        read: 'newApplication',
        id: p.applicationId,
        childIin: p.childIin,
        localityId: p.localityId,
        groupType: p.groupType,
      },
    ],
    apply: fileApplication,
  },
  'application.withdraw': {
    needs: (p) => [{ read: 'application', id: p.applicationId, responses: true, referrals: true }],
    apply: withdrawApplication,
  },
  'application.confirmInterest': { needs: applicationOnly, apply: confirmInterest },
  'application.suspend': { needs: applicationOnly, apply: suspendApplication },
  'application.respond': {
    needs: (p) => [{ read: 'response', applicationId: p.applicationId, bulletinId: p.bulletinId }],
    apply: respond,
  },
  'application.endStopList': { needs: applicationOnly, apply: endStopList },
  'application.confirmPriority': {
    needs: (p) => [{ read: 'application', id: p.applicationId, responses: true }],
    apply: confirmPriority,
  },
  'response.activate': {
    needs: (p) => [{ read: 'activation', responseId: p.responseId }],
    apply: activateResponse,
  },
  'referral.extend': {
    needs: (p) => [{ read: 'referral', id: p.referralId, parts: false }],
    apply: extendReferral,
  },
  'referral.noShow': { needs: referralWithParts, apply: (ws, p) => lapseReferral(ws, p, 'annulled') },
  'referral.expire': { needs: referralWithParts, apply: (ws, p) => lapseReferral(ws, p, 'expired') },
  'referral.signContract': { needs: referralWithParts, apply: signContract },
  'kindergarten.create': { needs: kindergartenOnly, apply: createKindergarten },
  'kindergarten.edit': { needs: kindergartenOnly, apply: editKindergarten },
  'kindergarten.close': { needs: kindergartenOnly, apply: closeKindergarten },
  'group.create': {
    needs: (p) => [
      { read: 'kindergarten', id: p.kindergartenId },
      { read: 'group', id: p.groupId },
    ],
    apply: createGroup,
  },
  'group.edit': { needs: groupOnly, apply: editGroup },
  'group.close': { needs: (p) => [{ read: 'group', id: p.groupId, bulletins: true }], apply: closeGroup },
  'staff.create': {
    needs: (p) => [
      { read: 'kindergarten', id: p.kindergartenId },
      { read: 'account', id: p.userId },
    ],
    apply: createStaff,
  },
  'staff.edit': { needs: account, apply: editStaff },
  'staff.assign': {
    needs: (p) => [
      { read: 'account', id: p.userId },
      { read: 'kindergarten', id: p.kindergartenId },
    ],
    apply: assignStaff,
  },
  'staff.resetPassword': { needs: account, apply: resetStaffPassword },
  'staff.disable': { needs: account, apply: disableStaff },
  'staff.enable': { needs: account, apply: enableStaff },
  'calendar.edit': { needs: regionSettings, apply: editCalendar },
  'settings.edit': { needs: regionSettings, apply: editSettings },
  'parent.releaseIin': {
    needs: (p) => [{ read: 'iinHolder', iin: p.iin.trim() }],
    apply: releaseParentIin,
  },
};

const NEEDS = Object.fromEntries(Object.entries(HANDLERS).map(([kind, h]) => [kind, h.needs])) as {
  [K in ActionKind]: Needs<K>;
};

/** What an action's handler reads of the state (reads.ts), for the server's state loader. */
export function actionReads(kind: string, payload: unknown): Read[] {
  return readsOf(kind, payload, NEEDS);
}

/** Runs kind K's handler with K's payload (one generic call, so the compiler pairs them). */
function runHandler<K extends ActionKind>(kind: K, ws: WorkingSet, payload: ActionPayloads[K]): Outcome {
  const handler: Handler<K> = HANDLERS[kind];
  return handler.apply(ws, payload);
}

const ROLES = ['staff', 'supervisor', 'parent', 'system'];
/** Derived ids (`resp_`, `ref_`, `ntf_…_n`) must still fit the schemas' 64 characters. */
const MAX_ACTION_ID = 48;

function checkAction(action: unknown): DomainError | null {
  if (typeof action !== 'object' || action === null)
    return { code: 'invalidAction', params: { field: 'action' } };
  const a = action as Record<string, unknown>;
  if (typeof a.id !== 'string' || a.id === '' || a.id.length > MAX_ACTION_ID)
    return { code: 'invalidAction', params: { field: 'id' } };
  // HANDLERS is a Record over ActionKind, so its keys are exactly ACTION_KINDS (checked by the compiler).
  if (typeof a.kind !== 'string' || !Object.hasOwn(HANDLERS, a.kind)) {
    return {
      code: 'unknownKind',
      params: { kind: typeof a.kind === 'string' ? a.kind.slice(0, 40) : typeof a.kind },
    };
  }
  for (const field of ['actor', 'kindergartenId', 'deviceId'] as const) {
    if (typeof a[field] !== 'string') return { code: 'invalidAction', params: { field } };
  }
  if (typeof a.actorRole !== 'string' || !ROLES.includes(a.actorRole))
    return { code: 'invalidAction', params: { field: 'actorRole' } };
  if (!parseInstant(a.occurredAt).ok) return { code: 'invalidAction', params: { field: 'occurredAt' } };
  return null;
}

function checkState(state: unknown): DomainError | null {
  if (typeof state !== 'object' || state === null)
    return { code: 'invalidInput', params: { field: 'state' } };
  for (const c of STATE_COLLECTIONS) {
    const records = (state as Record<string, unknown>)[c];
    if (records !== undefined && (typeof records !== 'object' || records === null)) {
      return { code: 'invalidInput', params: { field: c } };
    }
  }
  return null;
}

export function applyAction(state: DomainState, action: ActionInput, now: string): ActionResult {
  const bad = checkState(state) ?? checkAction(action);
  if (bad) return { ok: false, error: bad };
  const nowMs = parseInstant(now);
  if (!nowMs.ok) return { ok: false, error: { code: 'invalidInput', params: { field: 'now' } } };
  const forbidden = roleAllowed(action);
  if (forbidden) return { ok: false, error: forbidden };
  const occurredMs = parseInstant(action.occurredAt);
  if (!occurredMs.ok) return occurredMs;
  // Once, before any handler: the payload's bounds and its kind's fields (payload-specs.ts).
  const bounds = checkPayloadBounds(action.payload);
  if (bounds) return { ok: false, error: bounds };
  const payload = parsePayload(action.kind, action.payload);
  if (!payload.ok) return payload;
  try {
    const ws = new WorkingSet(
      state,
      action,
      nowMs.value,
      occurredMs.value,
      calendarOf(state.settings?.calendar),
    );
    const error = runHandler(action.kind, ws, payload.value);
    if (error) return { ok: false, error };
    return {
      ok: true,
      changes: ws.changes(),
      notifications: ws.notifications,
      ...(ws.related.length > 0 ? { related: ws.related } : {}),
    };
  } catch {
    // The caller's documents are trusted to match their schemas; a malformed one is answered with a
    // code rather than a crash of the action processor.
    return { ok: false, error: { code: 'invalidInput', params: { field: 'state' } } };
  }
}
