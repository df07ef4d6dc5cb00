import type { StaffSession } from '../state';

/** Why the server will take nothing more from this account: so far only a disabled account. */
export type AccountRefusal = 'accountDisabled';

const keyOf = (s: Pick<StaffSession, 'serverUrl' | 'userId'>) =>
  `oryn.accountRefused.${s.serverUrl}.${s.userId}`;

/**
 * The server's word that this account is disabled, kept on the workstation (localStorage): the next
 * login here, offline too, still shows its unsent actions as rejected and why, instead of "waiting".
 */
export function accountRefusal(
  storage: Storage,
  session: Pick<StaffSession, 'serverUrl' | 'userId'>,
): AccountRefusal | null {
  return storage.getItem(keyOf(session)) === 'accountDisabled' ? 'accountDisabled' : null;
}

export function recordAccountRefusal(
  storage: Storage,
  session: Pick<StaffSession, 'serverUrl' | 'userId'>,
  refusal: AccountRefusal,
): void {
  storage.setItem(keyOf(session), refusal);
}

/** The server took this account's session again (enabled again): true when it had been refused. */
export function forgetAccountRefusal(
  storage: Storage,
  session: Pick<StaffSession, 'serverUrl' | 'userId'>,
): boolean {
  const had = accountRefusal(storage, session) !== null;
  storage.removeItem(keyOf(session));
  return had;
}
