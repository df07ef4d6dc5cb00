import type { ReactNode, SelectHTMLAttributes } from 'react';
import { Field } from './field';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: ReactNode;
  options: SelectOption[];
  /** A first, empty choice (e.g. "Не выбрано"). */
  placeholder?: string;
  error?: string | null;
  hint?: ReactNode;
}

/** A labelled native select: keyboard and screen-reader behaviour come from the platform. */
export function SelectField({
  label,
  options,
  placeholder,
  error,
  hint,
  required,
  ...select
}: SelectFieldProps) {
  return (
    <Field label={label} required={required} hint={hint} error={error}>
      {(control) => (
        <select required={required} {...control} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
