import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from './field';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  /** The translated error, shown beside the field and announced (issue 7: "a clear message beside the field"). */
  error?: string | null;
  hint?: ReactNode;
  /** Appears on the right of the input, e.g. the "Проверить ИИН" button. */
  action?: ReactNode;
}

/** A labelled input: the label, the hint and the error are tied to it for screen readers. */
export function TextField({ label, error, hint, action, required, ...input }: TextFieldProps) {
  return (
    <Field label={label} required={required} hint={hint} error={error}>
      {(control) => (
        <div className="ui-field__row">
          <input required={required} {...control} {...input} />
          {action}
        </div>
      )}
    </Field>
  );
}
