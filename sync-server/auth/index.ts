// Auth (issue 5): argon2id passwords, signed sessions with refresh and logout everywhere, SMS codes,
// rate limits, the SMS operator and the person registry boundaries.
export { AuthError } from './auth-error';
export { ConsoleSmsGateway } from './console-sms-gateway';
export { DemoPersonRegistry } from './demo-person-registry';
export { HttpSmsGateway, type HttpSmsGatewayOptions } from './http-sms-gateway';
export {
  checkOtpTicket,
  consumeOtpTicket,
  OTP_DIGITS,
  OTP_MAX_ATTEMPTS,
  OTP_MAX_TOTAL_ATTEMPTS,
  OTP_RESEND_MS,
  OTP_TTL_MS,
  type OtpNotice,
  type OtpRequestOptions,
  type OtpSent,
  type VerifiedPhone,
  requestOtp,
  verifyOtp,
} from './otp';
export {
  authenticateParent,
  checkNewPassword,
  DEFAULT_CONSENT_VERSION,
  findParentByPhone,
  registerParent,
  resetParentPassword,
} from './parent-accounts';
export { refuseUnbindableIin } from './iin-binding';
export { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './password';
export { lookupPerson } from './person-lookup';
export { normalisePhone } from './phone';
export { Backoff, type BackoffPolicy } from './backoff';
export { type RateLimit, RateLimiter, type RateVerdict } from './rate-limiter';
export { memoryRateStore, postgresRateStore, type RateStore, rateStoreOf, setRateStore } from './rate-store';
export {
  type Account,
  type IssuedSession,
  issueSession,
  type Principal,
  refreshSession,
  revokeAllSessions,
  revokeSession,
  type Role,
  verifySession,
  verifySessionWith,
  verifySessions,
} from './session';
export {
  DOOR_HEADER,
  doorOf,
  readCookie,
  REFRESH_COOKIE,
  SESSION_COOKIE,
  sessionCookieNames,
  sessionToken,
} from './session-token';
export { readToken, signToken, type TokenClaims, type TokenType } from './token';
export { authenticateUser, createUser, type NewUser, newUser } from './user-accounts';
