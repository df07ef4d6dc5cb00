import type { DomainError, DomainErrorCode } from './errors';

/** A typed result (docs/style.md, "Data in, data out"): the domain never throws on bad input. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(
  code: DomainErrorCode,
  params?: Record<string, unknown>,
): { ok: false; error: DomainError } {
  return params === undefined ? { ok: false, error: { code } } : { ok: false, error: { code, params } };
}

/** A yes/no check that lists every failed condition (canRespond, canExtend). */
export type Check = { ok: true } | { ok: false; reasons: DomainErrorCode[] };

export function checkOf(reasons: DomainErrorCode[]): Check {
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
