import type { ChangeEvent, ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * The form of a record being created or edited on the management pages (kindergartens, groups, staff
 * accounts: issue 8): its fields, then Save and Cancel.
 */
export function EditForm({
  onSave,
  onCancel,
  children,
}: {
  onSave: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <form
      className="sv-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      {children}
      <div className="ui-actions">
        <button type="submit" className="ui-button">
          {t('common.actions.save')}
        </button>
        <button type="button" className="ui-button ui-button--secondary" onClick={onCancel}>
          {t('common.actions.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * `value` and `onChange` of a form field bound to one text property of the draft being edited: the
 * drafts hold the fields' texts as typed, parsed only when saved.
 */
export function draftFields<Draft extends object>(setDraft: (next: Draft) => void) {
  return <Key extends keyof Draft & string>(draft: Draft, key: Key) => ({
    value: draft[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setDraft({ ...draft, [key]: e.target.value as Draft[Key] }),
  });
}
