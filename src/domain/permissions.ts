import type { ActionKind } from '../schema';
import type { DomainError } from './errors';
import type { ActionInput } from './working-set';

/**
 * Who may do what (eVaka's step "check permission"; docs/architecture.md): staff act on their own
 * kindergarten's bulletins, responses and referrals; parents on their own applications and referrals;
 * supervisors on their district (the server scopes them by district before the reducer runs);
 * `system` is the scheduler (expiry, stop-list end, opening a window, suspension).
 */
type Role = 'staff' | 'supervisor' | 'parent' | 'system';

export const ACTION_ROLES: Record<ActionKind, readonly Role[]> = {
  'bulletin.saveDraft': ['staff', 'supervisor'],
  'bulletin.publish': ['staff', 'supervisor'],
  'bulletin.edit': ['staff', 'supervisor'],
  'bulletin.close': ['staff', 'supervisor', 'system'],
  'bulletin.withdraw': ['staff', 'supervisor'],
  'bulletin.openToAll': ['staff', 'supervisor', 'system'],
  'application.file': ['parent', 'supervisor'],
  'application.withdraw': ['parent', 'supervisor'],
  'application.confirmInterest': ['parent'],
  'application.suspend': ['system', 'supervisor'],
  'application.respond': ['parent'],
  'application.endStopList': ['system', 'supervisor'],
  'application.confirmPriority': ['supervisor'],
  'response.activate': ['staff', 'supervisor'],
  // The seed shows "Продлить направление" to the parent; staff record it when the parent brings papers.
  'referral.extend': ['staff', 'supervisor', 'parent'],
  'referral.noShow': ['staff', 'supervisor'],
  'referral.expire': ['system', 'supervisor'],
  'referral.signContract': ['staff', 'supervisor'],
  // A supervisor's management of the district (supervisor-actions.ts): never a workstation's.
  'kindergarten.create': ['supervisor'],
  'kindergarten.edit': ['supervisor'],
  'kindergarten.close': ['supervisor'],
  'group.create': ['supervisor'],
  'group.edit': ['supervisor'],
  'group.close': ['supervisor'],
  'staff.create': ['supervisor'],
  'staff.edit': ['supervisor'],
  'staff.assign': ['supervisor'],
  'staff.resetPassword': ['supervisor'],
  'staff.disable': ['supervisor'],
  'staff.enable': ['supervisor'],
  'calendar.edit': ['supervisor'],
  'settings.edit': ['supervisor'],
  // The contact centre's supervisor frees an IIN for its owner (iin-release.ts).
  'parent.releaseIin': ['supervisor'],
};

export function roleAllowed(action: ActionInput): DomainError | null {
  // An unknown kind is not this check's to refuse: the reducer answers it `unknownKind`.
  if (!Object.hasOwn(ACTION_ROLES, action.kind)) return null;
  const roles = ACTION_ROLES[action.kind];
  return roles.includes(action.actorRole)
    ? null
    : { code: 'forbidden', params: { kind: action.kind, role: action.actorRole } };
}

/** Staff only within their kindergarten (the action's kindergartenId). */
export function kindergartenScope(action: ActionInput, kindergartenId: string): DomainError | null {
  if (action.actorRole !== 'staff' || action.kindergartenId === kindergartenId) return null;
  return { code: 'forbidden', params: { kind: action.kind, scope: 'kindergarten' } };
}

/** Parents only on what is theirs. */
export function parentScope(action: ActionInput, parentId: string): DomainError | null {
  if (action.actorRole !== 'parent' || action.actor === parentId) return null;
  return { code: 'forbidden', params: { kind: action.kind, scope: 'parent' } };
}

/** Both scopes for documents that belong to a kindergarten and a parent (a referral). */
export function ownerScope(
  action: ActionInput,
  doc: { kindergartenId: string; parentId: string },
): DomainError | null {
  return kindergartenScope(action, doc.kindergartenId) ?? parentScope(action, doc.parentId);
}
