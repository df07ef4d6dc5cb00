import { type FormEvent, useState } from 'react';
import { Field, TextField } from '../../ui';
import { extendReferral, type ReferralView } from './api';
import { FormError } from './form-error';
import { formatDate, useT } from './i18n';
import { useForm } from './use-form';

/** The API's limits for extension documents (sync-server/api/routes/referrals.ts EXTENSION_UPLOAD). */
const MAX_FILES = 5;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const ACCEPTED = /^(application\/pdf|image\/(jpeg|png))$/;

/**
 * "Продлить направление" (docs/domain.md, Extension): once, on the referral's last valid day, by up to 30
 * calendar days, with supporting documents (files and their description).
 */
export function ExtensionForm({ referral, onDone }: { referral: ReferralView; onDone: () => void }) {
  const { t, tr } = useT();
  const max = referral.extensionMaxUntil;
  const form = useForm({ reason: '', description: '', until: max ?? '' });
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);

  const check = (v: typeof form.values) => ({
    reason: v.reason.trim() ? undefined : { key: 'parent.form.required' },
    description: v.description.trim() ? undefined : { key: 'parent.form.required' },
    until:
      !v.until || v.until <= referral.lastValidDay || (max && v.until > max)
        ? { key: 'parent.extension.untilRange', params: { from: referral.lastValidDay, to: max } }
        : undefined,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad = files.find((f) => !ACCEPTED.test(f.type) || f.size > MAX_FILE_BYTES);
    const problem =
      files.length === 0
        ? t('parent.extension.documentsRequired')
        : files.length > MAX_FILES
          ? tr({ key: 'problem:tooManyFiles' })
          : bad
            ? tr({ key: ACCEPTED.test(bad.type) ? 'api.payloadTooLarge' : 'api.unsupportedFileType' })
            : null;
    setFileError(problem);
    // Every message at once: the files' beside their input, the others beside theirs.
    if (problem) {
      form.setErrors(check(form.values));
      return;
    }
    void form.submit(check, async (v) => {
      await extendReferral(referral.id, {
        reason: v.reason.trim(),
        until: v.until,
        files: files.map((file) => ({ file, description: v.description.trim() })),
      });
      onDone();
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="extension-title">
      <h3 id="extension-title">{t('parent.extension.title')}</h3>
      <p className="muted">{t('parent.extension.rule')}</p>
      <TextField
        label={t('parent.extension.until')}
        type="date"
        required
        min={referral.lastValidDay}
        max={max}
        hint={max ? `${formatDate(referral.lastValidDay)} – ${formatDate(max)}` : undefined}
        value={form.values.until}
        onChange={(e) => form.set('until', e.currentTarget.value)}
        error={tr(form.errors.until)}
      />
      <TextField
        label={t('parent.extension.reason')}
        required
        maxLength={1000}
        value={form.values.reason}
        onChange={(e) => form.set('reason', e.currentTarget.value)}
        error={tr(form.errors.reason)}
      />
      <Field label={t('parent.extension.documents')} required error={fileError}>
        {(control) => (
          <input
            {...control}
            type="file"
            multiple
            accept="application/pdf,image/jpeg,image/png"
            onChange={(e) => {
              setFiles(Array.from(e.currentTarget.files ?? []));
              setFileError(null);
            }}
          />
        )}
      </Field>
      <TextField
        label={t('parent.extension.documentDescription')}
        required
        maxLength={500}
        value={form.values.description}
        onChange={(e) => form.set('description', e.currentTarget.value)}
        error={tr(form.errors.description)}
      />
      <FormError error={form.errors.form} />
      <button type="submit" className="ui-button" disabled={form.busy}>
        {t('parent.extension.submit')}
      </button>
    </form>
  );
}
