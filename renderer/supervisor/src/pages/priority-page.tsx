import { useState } from 'react';
import { Notice } from '../../../ui';
import { api, type Locality } from '../api';
import { AsOf } from '../as-of';
import { Table } from '../components';
import { ExportButtons } from '../export-buttons';
import { showDateTime, useT } from '../i18n';
import { localityName } from '../locality-name';
import type { LiveState } from '../live';
import { Section } from '../section';
import { useLoad } from '../use-load';

/**
 * Priority-category confirmation (docs/domain.md: a category counts only once a supervisor has confirmed
 * its documents). People check the documents; the page records who decided what and when, through the
 * `application.confirmPriority` action, so the decision is in the audit chain.
 */
export function PriorityPage({ localities, live }: { localities: Locality[]; live: LiveState }) {
  const { t, language, errorText } = useT();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const list = useLoad(() => api.priorityClaims(status), [status, live.version]);

  const decide = (applicationId: string, decision: 'confirm' | 'reject') => {
    setNotice(null);
    api.decidePriority(applicationId, { decision, note: notes[applicationId] ?? '' }).then(
      () => {
        setNotice({ tone: 'success', text: t('supervisor.priority.recorded') });
        list.reload();
      },
      (e: unknown) => setNotice({ tone: 'error', text: errorText(e) }),
    );
  };

  return (
    <main className="sv-page" aria-labelledby="priority-title">
      <h1 id="priority-title">{t('supervisor.nav.priorities')}</h1>
      <AsOf at={list.data?.asOf} live={live.connected} />
      <p className="sv-muted">{t('supervisor.priority.hint')}</p>
      <fieldset className="ui-actions sv-toggle" aria-label={t('supervisor.priority.show')}>
        <button
          type="button"
          className={status === 'pending' ? 'ui-button' : 'ui-button ui-button--secondary'}
          onClick={() => setStatus('pending')}
        >
          {t('supervisor.priority.pending')}
        </button>
        <button
          type="button"
          className={status === 'all' ? 'ui-button' : 'ui-button ui-button--secondary'}
          onClick={() => setStatus('all')}
        >
          {t('supervisor.priority.all')}
        </button>
      </fieldset>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {list.error ? <Notice tone="error">{errorText(list.error)}</Notice> : null}
      <Section
        id="priority-claims"
        title={t('supervisor.priority.claims')}
        tools={<ExportButtons table="priority-claims" params={{ status }} />}
      >
        <Table
          caption={t('supervisor.priority.claims')}
          rowKey={(c) => c.applicationId}
          rows={list.data?.claims ?? []}
          empty={t('common.empty')}
          columns={[
            {
              key: 'child',
              title: t('supervisor.fairness.child'),
              cell: (c) => `${c.childName} · ${c.childIin}`,
            },
            {
              key: 'loc',
              title: t('supervisor.filters.locality'),
              cell: (c) =>
                localityName(
                  localities.find((l) => l.id === c.localityId),
                  language,
                  c.localityId,
                ),
            },
            { key: 'filed', title: t('supervisor.fairness.filedAt'), cell: (c) => showDateTime(c.filedAt) },
            {
              key: 'claimed',
              title: t('supervisor.priority.claimed'),
              cell: (c) => t(`common.priorities.${c.claimedPriority}`),
            },
            {
              key: 'counts',
              title: t('supervisor.priority.counts'),
              cell: (c) => t(`common.priorities.${c.priority}`),
            },
            {
              key: 'who',
              title: t('supervisor.priority.decidedBy'),
              cell: (c) =>
                c.priorityConfirmedAt
                  ? `${c.priorityConfirmedBy ?? ''}, ${showDateTime(c.priorityConfirmedAt)}`
                  : '—',
            },
            {
              key: 'act',
              title: '',
              cell: (c) =>
                c.priorityConfirmedAt ? (
                  ''
                ) : (
                  <div className="sv-decide">
                    <input
                      className="sv-decide__note"
                      aria-label={t('supervisor.priority.documents')}
                      placeholder={t('supervisor.priority.documents')}
                      maxLength={500}
                      value={notes[c.applicationId] ?? ''}
                      onChange={(e) => setNotes({ ...notes, [c.applicationId]: e.target.value })}
                    />
                    <span className="sv-links">
                      <button
                        type="button"
                        className="ui-button sv-small"
                        onClick={() => decide(c.applicationId, 'confirm')}
                      >
                        {t('supervisor.management.confirmPriority')}
                      </button>
                      <button
                        type="button"
                        className="ui-button ui-button--secondary sv-small"
                        onClick={() => decide(c.applicationId, 'reject')}
                      >
                        {t('supervisor.management.rejectPriority')}
                      </button>
                    </span>
                  </div>
                ),
            },
          ]}
        />
      </Section>
    </main>
  );
}
