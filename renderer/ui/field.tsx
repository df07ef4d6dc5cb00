import { type ReactNode, useId } from 'react';

/** What a field's control carries so that its label, hint and error are tied to it. */
export interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface FieldProps {
  label: ReactNode;
  /** Shows the required mark; the control decides whether the browser enforces it. */
  required?: boolean | undefined;
  hint?: ReactNode;
  /** The translated error, shown beside the field and announced. */
  error?: string | null | undefined;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * The frame of every labelled field (issue 7: "a clear message beside the field"): the label with
 * its required mark, the control, the hint and the error, tied to the control for screen readers.
 */
export function Field({ label, required, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  return (
    <div className={error ? 'ui-field ui-field--invalid' : 'ui-field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
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
