import { type FormEvent, useState } from 'react';
import { extensionUntil } from '../../../src/domain';
import type { Referral } from '../../../src/schema';
import { TextField } from '../../ui';
import { formatDate, useStaffT } from '../i18n';
import { usePerform } from '../use-perform';

interface Document {
  name: string;
  size: number;
  description: string;
}

/**
 * The one extension of a referral (seed: "один раз продлить срок действия направления дополнительно
 * до 30 календарных дней … с обязательным приложением подтверждающих документов"), recorded on its
 * last valid day. The documents' names, sizes and descriptions go into the action; the files stay with
 * the kindergarten's paper file.
 */
export function ExtensionForm({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useStaffT();
  const { perform, busy } = usePerform();
  const max = extensionUntil(referral);
  const [until, setUntil] = useState(max);
  const [reason, setReason] = useState('');
  const [documents, setDocuments] = useState<Document[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (documents.length === 0) return setError(t('staff.extension.documentsRequired'));
    const done = await perform('referral.extend', {
      referralId: referral.id,
      until,
      reason: reason.trim(),
      documents: documents.map((d) => ({
        name: d.name,
        size: d.size,
        ...(d.description.trim() ? { description: d.description.trim() } : {}),
      })),
    });
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
      <div className="ui-field">
        <label htmlFor="extension-reason">{t('staff.extension.reason')} *</label>
        <textarea
          id="extension-reason"
          required
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="ui-field">
        <label htmlFor="extension-files">{t('staff.extension.documents')} *</label>
        <input
          id="extension-files"
          type="file"
          multiple
          onChange={(e) =>
            setDocuments(
              [...(e.target.files ?? [])].map((f) => ({
                name: f.name.slice(0, 200),
                size: f.size,
                description: '',
              })),
            )
          }
        />
        {documents.map((d, i) => (
          <TextField
            key={d.name}
            label={`${d.name} — ${t('staff.extension.documentDescription')}`}
            maxLength={500}
            value={d.description}
            onChange={(e) =>
              setDocuments(documents.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))
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
        <button className="ui-button" type="submit" disabled={busy}>
          {t('common.actions.save')}
        </button>
        <button className="ui-button ui-button--secondary" type="button" onClick={onDone}>
          {t('common.actions.cancel')}
        </button>
      </div>
    </form>
  );
}
