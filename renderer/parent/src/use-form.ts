import { useState } from 'react';
import { isApiError, type Problem } from './problem';

/**
 * A form's values and its errors, field by field (issue 7: "a clear message beside the field … nothing
 * the parent typed is lost on an error"). Values live in state and are never reset on a failed submit;
 * an error is an i18n key + params, so switching the language re-translates it.
 */
export interface FieldError {
  key: string;
  params?: Record<string, unknown>;
}

export function useForm<V extends Record<string, unknown>>(
  initial: V,
  /** Where a refusal that names no field goes (the SMS code's form: beside the code). */
  defaultField: keyof V | 'form' = 'form',
) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof V | 'form', FieldError>>>({});
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // Typing fixes the field: its message goes, the others stay.
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };

  /** Runs a submit: client checks first, then the server; a refusal lands beside its field. */
  const submit = async (
    check: (v: V) => Partial<Record<keyof V, FieldError>>,
    run: (v: V) => Promise<void>,
  ) => {
    const found = check(values);
    const has = Object.values(found).some(Boolean);
    setErrors(found);
    if (has) return;
    setBusy(true);
    try {
      await run(values);
    } catch (e) {
      const p: Problem = isApiError(e) ? e.problem : { code: 'serverError', status: 0 };
      const err = problemKey(p);
      const field = p.field && p.field in values ? (p.field as keyof V) : defaultField;
      setErrors({ [field]: err } as Partial<Record<keyof V | 'form', FieldError>>);
    } finally {
      setBusy(false);
    }
  };

  return { values, set, setValues, errors, setErrors, busy, submit };
}

/** The i18n key of a server refusal: the API's own codes first, then the domain's reason codes. */
export function problemKey(p: Problem): FieldError {
  return { key: `problem:${p.code}`, params: p.params };
}
