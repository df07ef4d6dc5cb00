import type { DomainError, InvalidPayloadReason } from './errors';
import { EXTENSION_DOCUMENTS } from './documents';
import { parseDay } from './day';
import { parseInstant } from './instant';

/**
 * Plain validation of action payloads (no zod in the domain): each field's rule; a failure names the
 * field, as `invalidPayload` with { field, reason }. Each action kind's spec is in payload-specs.ts.
 */
export type FieldRule =
  /** `secret`: kept out of the audit log and the stored action (a password's hash): redactPayload. */
  | { kind: 'string'; max: number; optional?: boolean; nonEmpty?: boolean; secret?: boolean }
  | { kind: 'int'; min: number; max: number; optional?: boolean }
  | { kind: 'boolean'; optional?: boolean }
  | { kind: 'day'; optional?: boolean }
  | { kind: 'instant'; optional?: boolean }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { kind: 'strings'; max: number; minItems: number; optional?: boolean }
  | { kind: 'documents'; optional?: boolean }
  | { kind: 'ints'; min: number; max: number; minItems: number; maxItems: number; optional?: boolean }
  /** A region's working calendar (calendar-data.ts: CalendarData), checked by checkCalendarData. */
  | { kind: 'calendar'; optional?: boolean };

export type PayloadSpec = Record<string, FieldRule>;

/**
 * Bounds of any payload, whatever its kind (issue 12, "Limits at the push"). The largest legitimate
 * payload is a referral.extend with 5 documents (name 200, description 500 characters each) and a
 * 1000-character reason: 9,888 bytes of UTF-8 JSON with every field at its longest in Kazakh or Russian,
 * 14,388 even if every character took 3 bytes ('№'; test/unit/domain/payload-specs.test.ts builds it),
 * so 16 KiB (16,384) refuses nothing a form can produce while
 * keeping a push of 200 actions near 3.3 MB (the replication body limit is 5 MB). Its nesting is 3
 * (payload → documents → a document); 6 leaves room and keeps the audit's canonical JSON, which
 * recurses, far from the stack's limit (a payload 2,000 deep threw RangeError there).
 */
export const PAYLOAD_LIMITS = { maxBytes: 16 * 1024, maxDepth: 6 } as const;

/** The fields a supporting document of an extension may carry (checkField, 'documents'). */
const DOCUMENT_FIELDS = ['name', 'description', 'size', 'sha256', 'contentType'];

function invalid(field: string, reason: InvalidPayloadReason): DomainError {
  return { code: 'invalidPayload', params: { field, reason } };
}

function checkField(field: string, rule: FieldRule, v: unknown): DomainError | null {
  switch (rule.kind) {
    case 'string':
      if (typeof v !== 'string') return invalid(field, 'type');
      if (v.length > rule.max) return invalid(field, 'tooLong');
      if (rule.nonEmpty !== false && v.trim() === '') return invalid(field, 'empty');
      return null;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return invalid(field, 'type');
      return v < rule.min || v > rule.max ? invalid(field, 'range') : null;
    case 'boolean':
      return typeof v === 'boolean' ? null : invalid(field, 'type');
    case 'day':
      return parseDay(v).ok ? null : invalid(field, 'day');
    case 'instant':
      return parseInstant(v).ok ? null : invalid(field, 'timestamp');
    case 'enum':
      return typeof v === 'string' && rule.values.includes(v) ? null : invalid(field, 'value');
    case 'strings':
      if (!Array.isArray(v)) return invalid(field, 'type');
      if (v.length < rule.minItems) return invalid(field, 'empty');
      return v.every((s) => typeof s === 'string' && s !== '' && s.length <= rule.max)
        ? null
        : invalid(field, 'items');
    case 'documents':
      if (!Array.isArray(v)) return invalid(field, 'type');
      if (v.length === 0) return invalid(field, 'empty');
      if (v.length > EXTENSION_DOCUMENTS.maxFiles) return invalid(field, 'items');
      for (const d of v) {
        if (typeof d !== 'object' || d === null || Array.isArray(d)) return invalid(field, 'items');
        if (Object.keys(d).some((k) => !DOCUMENT_FIELDS.includes(k))) return invalid(field, 'unknown');
        const { name, description, size, sha256, contentType } = d as Record<string, unknown>;
        if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
          return invalid(field, 'name');
        if (description !== undefined && (typeof description !== 'string' || description.length > 500)) {
          return invalid(field, 'description');
        }
        if (size !== undefined && (typeof size !== 'number' || !Number.isInteger(size) || size < 0)) {
          return invalid(field, 'size');
        }
        // A file attached on a workstation (uploaded after the action is applied) is named by its digest
        // and type, so the server accepts exactly the bytes the staff member picked.
        if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))) {
          return invalid(field, 'sha256');
        }
        if (
          contentType !== undefined &&
          !(EXTENSION_DOCUMENTS.types as readonly unknown[]).includes(contentType)
        ) {
          return invalid(field, 'contentType');
        }
      }
      return null;
    case 'ints':
      if (!Array.isArray(v)) return invalid(field, 'type');
      if (v.length < rule.minItems) return invalid(field, 'empty');
      if (v.length > rule.maxItems) return invalid(field, 'items');
      return v.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= rule.min && n <= rule.max)
        ? null
        : invalid(field, 'items');
    case 'calendar': {
      const bad = checkCalendarData(v);
      return bad ? invalid(bad === 'calendar' ? field : `${field}.${bad}`, 'items') : null;
    }
  }
}

const isInt = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isText = (v: unknown, max: number, nonEmpty = true) =>
  typeof v === 'string' && v.length <= max && (!nonEmpty || v.trim() !== '');
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyFields = (v: Record<string, unknown>, fields: readonly string[]) =>
  Object.keys(v).every((k) => fields.includes(k));

/** The bounds of a calendar a supervisor saves (the same as the supervisor API's form allows). */
export const CALENDAR_LIMITS = { fixedHolidays: 60, religiousDays: 200, transfers: 400 } as const;

/**
 * Whether a value is a CalendarData (calendar-data.ts) within CALENDAR_LIMITS: what is wrong with it, or
 * null. Every entry's fields are named, so nothing unchecked reaches the settings or the audit log.
 */
export function checkCalendarData(v: unknown): string | null {
  if (!isRecord(v) || !onlyFields(v, ['fixedHolidays', 'religiousDays', 'transfers'])) return 'calendar';
  const { fixedHolidays, religiousDays, transfers } = v;
  if (!Array.isArray(fixedHolidays) || fixedHolidays.length > CALENDAR_LIMITS.fixedHolidays)
    return 'fixedHolidays';
  for (const h of fixedHolidays) {
    const ok =
      isRecord(h) &&
      onlyFields(h, ['month', 'day', 'name', 'fromYear', 'untilYear', 'religious']) &&
      isInt(h.month, 1, 12) &&
      isInt(h.day, 1, 31) &&
      isText(h.name, 100) &&
      (h.fromYear === undefined || isInt(h.fromYear, 2000, 2100)) &&
      (h.untilYear === undefined || isInt(h.untilYear, 2000, 2100)) &&
      (h.religious === undefined || typeof h.religious === 'boolean');
    if (!ok) return 'fixedHolidays';
  }
  if (!Array.isArray(religiousDays) || religiousDays.length > CALENDAR_LIMITS.religiousDays)
    return 'religiousDays';
  for (const d of religiousDays) {
    if (!isRecord(d) || !onlyFields(d, ['date', 'name']) || !parseDay(d.date).ok || !isText(d.name, 100))
      return 'religiousDays';
  }
  if (!Array.isArray(transfers) || transfers.length > CALENDAR_LIMITS.transfers) return 'transfers';
  for (const t of transfers) {
    const ok =
      isRecord(t) &&
      onlyFields(t, ['date', 'working', 'note']) &&
      parseDay(t.date).ok &&
      typeof t.working === 'boolean' &&
      isText(t.note, 300, false);
    if (!ok) return 'transfers';
  }
  return null;
}

/** Bytes of a string in UTF-8, without an encoder (src/domain has no platform APIs). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate (half of a pair) is 2 of the pair's 4 bytes.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** Whether containers nest deeper than `max` (the payload itself is level 1); never recurses. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The bounds every payload keeps (PAYLOAD_LIMITS): nesting first, so that measuring the size never
 * serialises something deep; then the size of its JSON in UTF-8.
 */
export function checkPayloadBounds(payload: unknown): DomainError | null {
  if (nestsDeeperThan(payload, PAYLOAD_LIMITS.maxDepth)) {
    return {
      code: 'invalidPayload',
      params: { field: 'payload', reason: 'tooDeep', max: PAYLOAD_LIMITS.maxDepth },
    };
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch {
    // A BigInt or a toJSON that throws: nothing JSON could carry.
    return invalid('payload', 'type');
  }
  if (json !== undefined && utf8Bytes(json) > PAYLOAD_LIMITS.maxBytes) {
    return {
      code: 'invalidPayload',
      params: { field: 'payload', reason: 'tooLarge', max: PAYLOAD_LIMITS.maxBytes },
    };
  }
  return null;
}

/** The longest field name a refusal repeats back (the name comes from the caller). */
const MAX_FIELD_NAME = 64;

/**
 * Checks a payload against its spec: every field the spec names by its rule, and a field the spec
 * does not name is refused (`unknown`), so nothing unchecked reaches the documents or the audit log.
 */
export function validatePayload<T>(
  payload: unknown,
  spec: PayloadSpec,
): { ok: true; value: T } | { ok: false; error: DomainError } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, error: invalid('payload', 'type') };
  }
  const p = payload as Record<string, unknown>;
  for (const field of Object.keys(p)) {
    // An undefined field is not in the stored JSON either (the desktop's overlay sees the object).
    if (p[field] !== undefined && !Object.hasOwn(spec, field)) {
      return { ok: false, error: invalid(field.slice(0, MAX_FIELD_NAME), 'unknown') };
    }
  }
  for (const [field, rule] of Object.entries(spec)) {
    const v = p[field];
    if (v === undefined || v === null) {
      if (rule.optional) continue;
      return { ok: false, error: invalid(field, 'required') };
    }
    const e = checkField(field, rule, v);
    if (e) return { ok: false, error: e };
  }
  return { ok: true, value: p as T };
}
