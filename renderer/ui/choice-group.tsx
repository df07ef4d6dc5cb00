import { type ReactNode, useId } from 'react';
import type { SelectOption } from './select-field';

export interface ChoiceGroupProps {
  legend: ReactNode;
  options: SelectOption[];
  value: string[];
  onChange: (value: string[]) => void;
  /** 'checkbox' picks several (languages of instruction), 'radio' one (sex). */
  kind?: 'checkbox' | 'radio';
  name?: string;
  error?: string | null;
  required?: boolean;
}

/** A fieldset of checkboxes or radios with one legend and one error message. */
export function ChoiceGroup({
  legend,
  options,
  value,
  onChange,
  kind = 'checkbox',
  name,
  error,
  required,
}: ChoiceGroupProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const toggle = (v: string, checked: boolean) => {
    if (kind === 'radio') onChange([v]);
    else onChange(checked ? [...value, v] : value.filter((x) => x !== v));
  };
  return (
    <fieldset
      className={error ? 'ui-field ui-choices ui-field--invalid' : 'ui-field ui-choices'}
      aria-describedby={errorId}
      aria-invalid={error ? true : undefined}
    >
      <legend>
        {legend}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {options.map((o) => (
        <label key={o.value} className="ui-choice">
          <input
            type={kind}
            name={name ?? id}
            value={o.value}
            checked={value.includes(o.value)}
            onChange={(e) => toggle(o.value, e.currentTarget.checked)}
          />
          {o.label}
        </label>
      ))}
      {error ? (
        <p id={errorId} className="ui-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
