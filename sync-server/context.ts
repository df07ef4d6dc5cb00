import type { Logger } from 'pino';
import type { RxDatabase } from 'rxdb';

/**
 * What every part of the server is given (never a global): the database, the clock, the logger and
 * the boundaries to the outside world. Tests pass their own clock and SMS gateway.
 */
export interface ServerContext {
  /** The RxDB database on our PostgreSQL RxStorage (or rxdb's memory storage in early tests). */
  db: RxDatabase;
  /** The injectable clock: the only place the server reads the time. */
  now: () => Date;
  log: Logger;
  sms: SmsGateway;
  people: PersonRegistry;
  /** Live events for Server-Sent Events streams (parents) and dashboards (supervisors). */
  events: LiveEvents;
  config: ServerConfig;
}

export interface ServerConfig {
  /** HMAC secret for session tokens (generated and kept in the data folder when not set). */
  tokenSecret: string;
  /** Public base URL, e.g. http://127.0.0.1:8080 */
  publicUrl: string;
  /** Version of the data policy parents accept at registration (the seed's step 1); default '2026-01'. */
  consentVersion?: string;
  /** Dev/e2e only: GET /api/dev/sms/:phone answers the last code a ConsoleSmsGateway sent. Never in production. */
  devSmsEndpoint?: boolean;
  /**
   * How often an open stream (events, supervisor live, pullStream, audit observe) checks its session
   * again while no event arrives (default 30 s; issue 13: at most 60 s). Tests shorten it.
   */
  sessionRecheckMs?: number;
  /** Lifetime of an access token (default 1 hour) and of a session's refresh token (default 30 days). */
  accessTokenTtlMs?: number;
  refreshTokenTtlMs?: number;
}

/** The SMS operator: a true boundary, the only thing tests replace. */
export interface SmsGateway {
  send(phoneE164: string, text: string): Promise<void>;
}

/** The state person registry Oryn does not have: a demo implementation answers from the IIN. */
export interface PersonRegistry {
  lookup(iin: string): Promise<PersonRecord | null>;
}
export interface PersonRecord {
  iin: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate: string; // YYYY-MM-DD, must agree with the IIN
  sex: 'male' | 'female';
}

export interface LiveEvent {
  /** e.g. 'notification', 'application', 'referral', 'bulletin', 'action' */
  type: string;
  /** The recipients: a parent's or staff user's id, 'kg:<kindergartenId>' or 'region:<regionId>'. */
  audience: string[];
  data: Record<string, unknown>;
}
export interface LiveEvents {
  publish(event: LiveEvent): void;
  subscribe(audience: string, listener: (event: LiveEvent) => void): () => void;
}
