import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

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
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'ui-field ui-field--invalid' : 'ui-field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <div className="ui-field__row">
        <input
          id={id}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
          {...input}
        />
        {action}
      </div>
      {hint ? (
        <p id={hintId} className="ui-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="ui-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
