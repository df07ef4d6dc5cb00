import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs that never carry an IIN, a phone number, a password, a one-time code or a token in
 * full (issue 5). Masking happens on every argument before pino serialises it: keys that name a secret
 * are replaced, keys that name an IIN or a phone are masked, and any other string is scanned for
 * 12-digit runs (an IIN) and Kazakh mobile numbers.
 */

/** 170720600126 → 1707******26: enough to tell two children apart in a log, not enough to identify one. */
export function maskIin(iin: string): string {
  const digits = iin.replace(/\D/g, '');
  if (digits.length !== 12) return '************'.slice(0, Math.max(digits.length, 4));
  return `${digits.slice(0, 4)}******${digits.slice(10)}`;
}

/** +77011234512, 8 701 123 45 12, … → +7 7** *** ** 12 (only the last two digits stay). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const last = digits.slice(-2).padStart(2, '*');
  return `+7 7** *** ** ${last}`;
}

const IIN_RUN = /(?<!\d)\d{12}(?!\d)/g;
// +7 / 8, then a 7xx operator code and seven digits, with the usual spaces, dashes and brackets.
const PHONE_RUN = /(?<!\d)(?:\+\s?7|8)[\s-]?\(?7\d{2}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)/g;

/** Masks every IIN and phone number found anywhere in a text. */
export function maskText(text: string): string {
  return text.replace(PHONE_RUN, (m) => maskPhone(m)).replace(IIN_RUN, (m) => maskIin(m));
}

const SECRET_KEY = /pass(word)?|secret|token|otp|smsCode|verificationCode|authorization|cookie|passwordHash/i;
// `code` is also the key of every error code ('alreadyActivated'): only a numeric one is a one-time code.
const NUMERIC_CODE = /^\s*\d{4,8}\s*$/;
const IIN_KEY = /iin/i;
const PHONE_KEY = /phone/i;
const MAX_DEPTH = 6;

/** A copy of a log argument with secrets removed and personal numbers masked. */
export function redactValue(value: unknown, key = '', depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') {
    if (/^code$/i.test(key) && NUMERIC_CODE.test(value)) return '[redacted]';
    if (IIN_KEY.test(key)) return maskIin(value);
    if (PHONE_KEY.test(key)) return maskPhone(value);
    return maskText(value);
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    if (/^code$/i.test(key)) return '[redacted]';
    return /^\d{12}$/.test(text) || IIN_KEY.test(key) ? maskText(text.padStart(12, '0')) : value;
  }
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[depth]';
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      type: value.name,
      message: maskText(value.message),
      stack: value.stack ? maskText(value.stack) : undefined,
    };
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string') out.errorCode = code;
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, key, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, k, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go (tests pass a stream); stdout by default. */
  destination?: DestinationStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'oryn',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      hooks: {
        // Last line of defence for what logMethod does not see (a child logger's bindings): the
        // finished line is scanned for IINs and phone numbers once more.
        streamWrite: (line) => maskText(line),
        logMethod(args, method) {
          const clean = args.map((a) => redactValue(a)) as Parameters<typeof method>;
          method.apply(this, clean);
        },
      },
    },
    options.destination ?? pino.destination(1),
  );
}
