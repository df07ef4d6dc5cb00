import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { ServerConfig } from './context';

/**
 * The server's settings (issue 5: PORT, HOST, DATA_DIR, DATABASE_URL, TOKEN_SECRET, SMS_GATEWAY_URL),
 * read from the environment and a `.env` file in the working folder; the environment wins.
 */
export interface Settings {
  port: number;
  host: string;
  /** Absolute path of the data folder (PGlite files, the generated token secret, backups). */
  dataDir: string;
  /** PostgreSQL instead of PGlite when set. */
  databaseUrl?: string;
  tokenSecret: string;
  /** The HTTP SMS operator; without it codes go to the console gateway (development). */
  smsGatewayUrl?: string;
  /** e.g. http://127.0.0.1:8080 (PUBLIC_URL, else from HOST and PORT). */
  publicUrl: string;
  /**
   * DEV_SMS=1: the last code sent to a phone is shown at GET /api/dev/sms/<phone> to this computer
   * (the demo of `npm start` turns it on). Ignored when an SMS operator is configured.
   */
  devSms: boolean;
  /**
   * TRUST_PROXY: the addresses of the reverse proxies whose `X-Forwarded-For` names the client
   * (IPs, CIDR ranges, or express's `loopback`, `linklocal`, `uniquelocal`). Empty: trust nobody's,
   * so a client cannot pick the address its rate limits are counted under.
   */
  trustProxy: string[];
}

export type SettingsError =
  | { code: 'invalidPort'; params: { value: string } }
  | { code: 'invalidDatabaseUrl'; params: { scheme: string } }
  | { code: 'invalidTrustProxy'; params: { value: string } };

export class SettingsProblem extends Error {
  constructor(readonly problem: SettingsError) {
    super(`${problem.code} ${JSON.stringify(problem.params)}`);
  }
}

const SECRET_FILE = 'token-secret';

/** The variables from `.env` (if present) overlaid by the process environment. */
export function readEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Record<string, string | undefined> {
  const file = join(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...env };
}

export function loadSettings(
  env: Record<string, string | undefined> = readEnvironment(),
  cwd: string = process.cwd(),
): Settings {
  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SettingsProblem({ code: 'invalidPort', params: { value: portText } });
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = resolve(cwd, env.DATA_DIR?.trim() || './data');
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new SettingsProblem({
      code: 'invalidDatabaseUrl',
      params: { scheme: databaseUrl.split(':')[0].slice(0, 20) },
    });
  }
  const tokenSecret = env.TOKEN_SECRET?.trim() || keptTokenSecret(dataDir);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const publicUrl = (env.PUBLIC_URL?.trim() || `http://${shownHost}:${port}`).replace(/\/$/, '');
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    tokenSecret,
    smsGatewayUrl: env.SMS_GATEWAY_URL?.trim() || undefined,
    publicUrl,
    devSms: /^(1|true|yes|on)$/i.test(env.DEV_SMS?.trim() ?? ''),
    trustProxy: trustedProxies(env.TRUST_PROXY ?? ''),
  };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as a list express's `trust proxy` accepts; anything else is refused at start. */
function trustedProxies(value: string): string[] {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  for (const entry of entries) {
    if (!isProxyAddress(entry)) {
      throw new SettingsProblem({ code: 'invalidTrustProxy', params: { value: entry.slice(0, 60) } });
    }
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (isIP(prefix) === family) return true; // a netmask
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Without TOKEN_SECRET a secret is generated once and kept in the data folder, so that sessions survive
 * a restart. Several processes on one PostgreSQL must share TOKEN_SECRET (sync-server/README.md).
 */
function keptTokenSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The part of the settings every request handler sees (ServerContext.config). */
export function serverConfigOf(settings: Settings): ServerConfig {
  // Without an SMS operator nobody could ever receive a code, so the operator may turn on DEV_SMS: the
  // console gateway's last code at GET /api/dev/sms/:phone, to this computer only (issue 13, point 8:
  // it used to be on whenever SMS_GATEWAY_URL was unset, and gave a stranger a reset code). Never
  // mounted when SMS_GATEWAY_URL is set.
  return {
    tokenSecret: settings.tokenSecret,
    publicUrl: settings.publicUrl,
    devSmsEndpoint: settings.devSms && !settings.smsGatewayUrl,
  };
}
