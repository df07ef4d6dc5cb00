import { useT } from './i18n';
import type { FieldError } from './use-form';

/** A refusal that belongs to no single field, shown above the form's button. */
export function FormError({ error }: { error: FieldError | undefined }) {
  const { tr } = useT();
  if (!error) return null;
  return (
    <p className="ui-notice ui-notice--error" role="alert">
      {tr(error)}
    </p>
  );
}
