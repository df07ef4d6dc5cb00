import { type FormEvent, useState } from 'react';
import { TextField } from '../../ui';
import { extendReferral, type ReferralView } from './api';
import { FormError } from './form-error';
import { useT } from './i18n';
import { useForm } from './use-form';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const ACCEPTED = /^(application\/pdf|image\/(jpeg|png|webp))$/;

/**
 * "Продлить направление" (domain.md, Extension): once, on the referral's last valid day, by up to 30
 * calendar days, with supporting documents (files and their description).
 */
export function ExtensionForm({ referral, onDone }: { referral: ReferralView; onDone: () => void }) {
  const { t, tr } = useT();
  const form = useForm({ reason: '', description: '' });
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad = files.find((f) => !ACCEPTED.test(f.type) || f.size > MAX_FILE_BYTES);
    setFileError(
      files.length === 0
        ? t('parent.extension.documentsRequired')
        : bad
          ? tr({ key: ACCEPTED.test(bad.type) ? 'api.payloadTooLarge' : 'api.unsupportedFileType' })
          : null,
    );
    if (files.length === 0 || bad) return;
    void form.submit(
      (v) => ({
        reason: v.reason.trim() ? undefined : { key: 'parent.form.required' },
        description: v.description.trim() ? undefined : { key: 'parent.form.required' },
      }),
      async (v) => {
        await extendReferral(
          referral.id,
          v.reason.trim(),
          files.map((file) => ({ file, description: v.description.trim() })),
        );
        onDone();
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="extension-title">
      <h3 id="extension-title">{t('parent.extension.title')}</h3>
      <p className="muted">{t('parent.extension.rule')}</p>
      <TextField
        label={t('parent.extension.reason')}
        required
        maxLength={1000}
        value={form.values.reason}
        onChange={(e) => form.set('reason', e.currentTarget.value)}
        error={tr(form.errors.reason)}
      />
      <div className={fileError ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor="extension-files">
          {t('parent.extension.documents')}
          <span aria-hidden="true"> *</span>
        </label>
        <input
          id="extension-files"
          type="file"
          multiple
          accept="application/pdf,image/jpeg,image/png,image/webp"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'extension-files-error' : undefined}
          onChange={(e) => {
            setFiles(Array.from(e.currentTarget.files ?? []));
            setFileError(null);
          }}
        />
        {fileError ? (
          <p id="extension-files-error" className="ui-error" role="alert">
            {fileError}
          </p>
        ) : null}
      </div>
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
