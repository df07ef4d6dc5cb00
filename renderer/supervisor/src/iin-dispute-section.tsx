import { useState } from 'react';
import { ConfirmDialog, Notice, TextField } from '../../ui';
import { api } from './api';
import { useT } from './i18n';
import { Section } from './section';

/**
 * The contact centre's dispute path (docs/domain.md, Parent account: "a wrongly taken IIN is freed by a
 * supervisor (contact centre) with an audited action"): the IIN and what was checked, confirmed once,
 * then POST /api/supervisor/iin-disputes/:iin/release.
 */
export function IinDisputeSection() {
  const { t, errorText } = useT();
  const [iin, setIin] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const release = () => {
    setConfirming(false);
    setNotice(null);
    const target = iin.trim();
    api.releaseIin(target, reason.trim()).then(
      () => {
        setNotice({ tone: 'success', text: t('supervisor.iinDispute.released', { iin: target }) });
        setIin('');
        setReason('');
      },
      (e: unknown) => setNotice({ tone: 'error', text: errorText(e) }),
    );
  };

  return (
    <Section id="iin-dispute" title={t('supervisor.iinDispute.title')}>
      <p className="sv-muted">{t('supervisor.iinDispute.hint')}</p>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <TextField
          label={t('supervisor.iinDispute.iin')}
          inputMode="numeric"
          maxLength={12}
          pattern="\d{12}"
          required
          value={iin}
          onChange={(e) => setIin(e.currentTarget.value)}
        />
        <TextField
          label={t('supervisor.iinDispute.reason')}
          minLength={3}
          maxLength={500}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <div className="ui-actions">
          <button type="submit" className="ui-button">
            {t('supervisor.iinDispute.release')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('supervisor.iinDispute.release')}
        confirmLabel={t('supervisor.iinDispute.release')}
        tone="danger"
        cancelLabel={t('common.actions.cancel')}
        onConfirm={release}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('supervisor.iinDispute.confirm', { iin: iin.trim() })}</p>
      </ConfirmDialog>
    </Section>
  );
}
