import { type FormEvent, useState } from 'react';
import {
  checkExtensionDocuments,
  type DocumentProblem,
  extensionUntil,
  sniffDocumentType,
} from '../../../src/domain';
import type { Referral } from '../../../src/schema';
import { Field, TextField } from '../../ui';
import { formatDate, useStaffT } from '../i18n';
import { usePerform } from '../use-perform';
import type { PickedFile } from '../workspace';

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads and checks the picked files (docs/domain.md, Extension: PDF or pictures, 5 × 5 MB) — offline too. */
async function readFiles(
  list: readonly File[],
): Promise<{ files: PickedFile[] } | { problem: DocumentProblem }> {
  const read = await Promise.all(
    list.map(async (f) => ({ name: f.name, size: f.size, content: new Uint8Array(await f.arrayBuffer()) })),
  );
  const problem = checkExtensionDocuments(read);
  if (problem) return { problem };
  const files = await Promise.all(
    read.map(async (f) => ({
      name: f.name.slice(0, 200) || 'document',
      // checkExtensionDocuments has just sniffed every file's type.
      contentType: sniffDocumentType(f.content)!,
      size: f.size,
      sha256: await sha256Hex(f.content),
      bytes: f.content,
    })),
  );
  // The same file picked twice is one document.
  return { files: files.filter((f, i) => files.findIndex((g) => g.sha256 === f.sha256) === i) };
}

/**
 * The one extension of a referral (seed: "один раз продлить срок действия направления дополнительно
 * до 30 календарных дней … с обязательным приложением подтверждающих документов"), recorded on its
 * last valid day. The files are kept on this computer with the action and sent to the server once it
 * has applied the extension (workspace/document-uploader.ts); the action names each file's digest.
 */
export function ExtensionForm({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useStaffT();
  const { perform, busy } = usePerform();
  const max = extensionUntil(referral);
  const [until, setUntil] = useState(max);
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const problemText = (p: DocumentProblem): string =>
    p.code === 'tooManyFiles'
      ? t('staff.extension.tooManyFiles', p.params)
      : t('staff.extension.fileRefused', {
          name: p.params.name,
          reason:
            p.code === 'payloadTooLarge'
              ? t('staff.extension.fileTooLarge', { maxMb: p.params.maxMb })
              : t('staff.extension.fileType'),
        });

  const pick = async (list: readonly File[]) => {
    setError(null);
    setReading(true);
    try {
      const result = await readFiles(list);
      if ('problem' in result) {
        setFiles([]);
        setError(problemText(result.problem));
      } else setFiles(result.files);
    } finally {
      setReading(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (files.length === 0) return setError(t('staff.extension.documentsRequired'));
    const documents = files.map((f) => ({
      name: f.name,
      size: f.size,
      sha256: f.sha256,
      contentType: f.contentType,
      ...(f.description?.trim() ? { description: f.description.trim() } : {}),
    }));
    const done = await perform(
      'referral.extend',
      { referralId: referral.id, until, reason: reason.trim(), documents },
      files.map((f) => ({ ...f, ...(f.description?.trim() ? { description: f.description.trim() } : {}) })),
    );
    if (done) onDone();
  };
  return (
    <form className="staff-form" onSubmit={submit} aria-labelledby="extension-title">
      <h1 id="extension-title">{t('staff.extension.title')}</h1>
      <p>
        {referral.childName} · {t('staff.referrals.validUntil')}: {formatDate(referral.validUntil)}
      </p>
      <p className="ui-hint">{t('staff.extension.rule')}</p>
      <TextField
        label={t('staff.extension.until')}
        type="date"
        required
        min={referral.validUntil}
        max={max}
        value={until}
        onChange={(e) => setUntil(e.target.value)}
      />
      <Field label={t('staff.extension.reason')} required>
        {(control) => (
          <textarea
            {...control}
            required
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <div className="ui-field">
        <label htmlFor="extension-files">{t('staff.extension.documents')} *</label>
        {/* The browser's own file button speaks the browser's language: it is hidden, and a label in
            the workspace's language opens it (the input stays focusable for the keyboard). */}
        <input
          id="extension-files"
          className="ui-visually-hidden staff-file-input"
          type="file"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          aria-describedby="extension-files-hint"
          onChange={(e) => void pick([...(e.target.files ?? [])])}
        />
        <label htmlFor="extension-files" className="ui-button ui-button--secondary staff-file-button">
          {t('staff.extension.choose')}
        </label>
        {files.length > 0 ? (
          <span className="ui-hint"> {t('staff.extension.chosen', { count: files.length })}</span>
        ) : null}
        <p className="ui-hint" id="extension-files-hint">
          {reading ? t('staff.extension.reading') : t('staff.extension.documentsHint')}
        </p>
        {files.map((f, i) => (
          <TextField
            key={f.sha256}
            label={`${f.name} — ${t('staff.extension.documentDescription')}`}
            maxLength={500}
            value={f.description ?? ''}
            onChange={(e) =>
              setFiles(files.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))
            }
          />
        ))}
        {error ? (
          <p className="ui-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="ui-actions">
        <button className="ui-button" type="submit" disabled={busy || reading}>
          {t('common.actions.save')}
        </button>
        <button className="ui-button ui-button--secondary" type="button" onClick={onDone}>
          {t('common.actions.cancel')}
        </button>
      </div>
    </form>
  );
}
