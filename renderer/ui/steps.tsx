import type { ReactNode } from 'react';

export type StepState = 'done' | 'current' | 'upcoming';

/** Step n (1-based) of a list whose current step is `current`. */
export function stepState(n: number, current: number): StepState {
  return n < current ? 'done' : n === current ? 'current' : 'upcoming';
}

export interface Step {
  /** Stable identity of the step within its list. */
  id: string;
  title: ReactNode;
  state: StepState;
  /** Shown to assistive technology instead of colour alone ("Выполнено", "Текущий"). */
  stateLabel?: string;
  children?: ReactNode;
}

/**
 * An ordered list of steps (registration's "SMS → Пароль → Аккаунт", an application's four steps).
 * `compact` lays them out in one row of numbered titles, for a phone-width progress bar.
 */
export function Steps({ steps, label, compact }: { steps: Step[]; label: string; compact?: boolean }) {
  return (
    <ol className={compact ? 'ui-steps ui-steps--compact' : 'ui-steps'} aria-label={label}>
      {steps.map((s, i) => (
        <li
          key={s.id}
          className={`ui-step ui-step--${s.state}`}
          aria-current={s.state === 'current' ? 'step' : undefined}
        >
          <span className="ui-step__number" aria-hidden="true">
            {i + 1}
          </span>
          <div className="ui-step__body">
            <div className="ui-step__title">
              {s.title}
              {s.stateLabel ? <span className="ui-step__state"> · {s.stateLabel}</span> : null}
            </div>
            {s.children}
          </div>
        </li>
      ))}
    </ol>
  );
}
