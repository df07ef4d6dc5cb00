import type { DomainError, InvalidPayloadReason } from './errors';
import { EXTENSION_DOCUMENTS } from './documents';
import { parseDay } from './day';
import { parseInstant } from './instant';

/**
 * Plain validation of action payloads (no zod in the domain): each field's rule; a failure names the
 * field, as `invalidPayload` with { field, reason }.
 */
export type FieldRule =
  | { kind: 'string'; max: number; optional?: boolean; nonEmpty?: boolean }
  | { kind: 'int'; min: number; max: number; optional?: boolean }
  | { kind: 'boolean'; optional?: boolean }
  | { kind: 'day'; optional?: boolean }
  | { kind: 'instant'; optional?: boolean }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { kind: 'strings'; max: number; minItems: number; optional?: boolean }
  | { kind: 'documents'; optional?: boolean };

export type PayloadSpec = Record<string, FieldRule>;

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
        if (typeof d !== 'object' || d === null) return invalid(field, 'items');
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
  }
}

/** Checks a payload against its spec; unknown extra fields are ignored (and never copied). */
export function validatePayload<T>(
  payload: unknown,
  spec: PayloadSpec,
): { ok: true; value: T } | { ok: false; error: DomainError } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, error: invalid('payload', 'type') };
  }
  const p = payload as Record<string, unknown>;
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
