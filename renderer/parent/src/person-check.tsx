import { type FormEvent, useState } from 'react';
import { DefinitionList, TextField } from '../../ui';
import { parseIin } from '../../../src/domain/iin';
import type { Person } from './api';
import { FormError } from './form-error';
import { formatDate, useT } from './i18n';
import { useForm } from './use-form';

/**
 * An IIN, checked against the registry before it is saved: the seed's registration step 4 ("система
 * выведет родителю его данные") and "Мои дети" → "Проверить ИИН". The IIN is checked in the browser
 * first (docs/domain.md, People and identity) so a typo is named at once.
 */
export function PersonCheck({
  label,
  checkLabel,
  saveLabel,
  check,
  save,
  onCancel,
  whose = 'own',
}: {
  /** Whose data the registry shows: the person's own (registration) or a child's. */
  whose?: 'own' | 'child';
  label: string;
  checkLabel: string;
  saveLabel: string;
  check: (iin: string) => Promise<Person>;
  save: (iin: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t, tr } = useT();
  const form = useForm({ iin: '' });
  const [person, setPerson] = useState<Person | null>(null);
  const validate = (v: { iin: string }) => {
    const parsed = parseIin(v.iin);
    return { iin: parsed.ok ? undefined : { key: `errors.${parsed.error.code}` } };
  };
  const runCheck = () =>
    void form.submit(validate, async (v) => {
      setPerson(null);
      setPerson(await check(v.iin.trim()));
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!person) runCheck();
    else void form.submit(validate, (v) => save(v.iin.trim()));
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        label={label}
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        required
        value={form.values.iin}
        onChange={(e) => {
          form.set('iin', e.currentTarget.value);
          setPerson(null);
        }}
        error={tr(form.errors.iin)}
        action={
          <button
            type="button"
            className="ui-button ui-button--secondary"
            onClick={runCheck}
            disabled={form.busy}
          >
            {checkLabel}
          </button>
        }
      />
      {person ? (
        <div aria-live="polite">
          <p>
            {whose === 'child'
              ? t('parent.registration.checkChildData', { button: saveLabel })
              : t('parent.registration.checkData', { button: saveLabel })}
          </p>
          <DefinitionList
            items={[
              [t('parent.children.lastName'), person.lastName],
              [t('parent.children.firstName'), person.firstName],
              [t('parent.children.patronymic'), person.middleName],
              [t('parent.children.sex'), t(`common.sex.${person.sex}`)],
              [t('parent.children.birthDate'), formatDate(person.birthDate)],
            ]}
          />
        </div>
      ) : null}
      {person ? null : (
        // The seed's step 4: «Отправить» first shows the person's data, then saves (issue 14, item 12).
        <p className="muted">{t('parent.registration.sendShowsData', { button: saveLabel })}</p>
      )}
      <FormError error={form.errors.form} />
      <div className="ui-actions">
        {onCancel ? (
          <button type="button" className="ui-button ui-button--secondary" onClick={onCancel}>
            {t('common.actions.cancel')}
          </button>
        ) : null}
        <button type="submit" className="ui-button" disabled={form.busy}>
          {saveLabel}
        </button>
      </div>
    </form>
  );
}
