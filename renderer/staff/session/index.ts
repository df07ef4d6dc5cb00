// Staff login (online, and offline after a first online login), token refresh and the saved session.
export { rememberForOffline, updateOfflineRefreshToken, verifyOffline } from './offline-verifier';
export { loadSession, saveSession } from './saved-session';
export { AuthFailure, type IssuedTokens, logoutOnline, refreshTokens, type StaffUser } from './server-auth';
export { type LoginOutcome, staffLogin } from './staff-login';
