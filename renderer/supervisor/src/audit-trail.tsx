import { useState } from 'react';
import { auditSentence, type DescribedAuditEntry } from '../../../src/i18n/auditSentence';
import { Table } from './components';
import { href } from './hash-route';
import { showDateTime, useT } from './i18n';

/**
 * What an entry's payload said, as short key=value pairs for the details row. The server sends the
 * child's name as initials and IINs masked (sync-server/supervisor/audit-names.ts); an IIN is masked
 * here too, whatever sent it.
 */
export function payloadSummary(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => {
      const text = String(v);
      return `${k}=${/iin/i.test(k) && /^\d{12}$/.test(text) ? `********${text.slice(-4)}` : text.slice(0, 120)}`;
    })
    .join(', ');
}

/** An entry's kind by name: the kinds of the audit log are the action kinds. */
export function useKindName() {
  const { t } = useT();
  return (kind: string) => t(`common.actionKinds.${kind}`, { defaultValue: kind });
}

/**
 * The ids behind an entry, folded away until asked for: records, action, actor, data. Rendered only
 * while open, so a page of fifty entries carries no hidden text (a browser still lays it out).
 */
function EntryIds({ entry }: { entry: DescribedAuditEntry }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="sv-audit-ids" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('supervisor.audit.idsOf', { seq: entry.seq })}</summary>
      {open ? <EntryIdList entry={entry} /> : null}
    </details>
  );
}

function EntryIdList({ entry }: { entry: DescribedAuditEntry }) {
  const { t } = useT();
  const kindName = useKindName();
  const payload = payloadSummary(entry.payload);
  return (
    // Focusable: a region that scrolls sideways is reachable from the keyboard.
    <dl tabIndex={0}>
      <dt>{t('supervisor.audit.kind')}</dt>
      <dd>
        {kindName(entry.kind)} <code>{entry.kind}</code>
      </dd>
      <dt>{t('supervisor.audit.actor')}</dt>
      <dd>
        <code>{entry.actor}</code>
      </dd>
      <dt>{t('supervisor.audit.entity')}</dt>
      <dd className="sv-links">
        {[entry.actionId, ...entry.entityIds].map((id) => (
          <a key={id} href={href('decision', id)}>
            <code>{id}</code>
          </a>
        ))}
      </dd>
      {payload ? (
        <>
          <dt>{t('supervisor.audit.payload')}</dt>
          <dd>
            <code>{payload}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * Audit entries as people read them (issue 14, item 18): when, and one sentence in the page's
 * language naming who (name, role, kindergarten), what, and the child by initials; the ids behind it
 * in a row folded under the sentence.
 */
export function AuditTrail({ entries, caption }: { entries: DescribedAuditEntry[]; caption: string }) {
  const { t, language } = useT();
  return (
    <Table
      caption={caption}
      rowKey={(e) => e.id}
      rows={entries}
      empty={t('common.empty')}
      columns={[
        { key: 'seq', title: t('supervisor.audit.seq'), cell: (e) => e.seq },
        { key: 'at', title: t('supervisor.audit.at'), cell: (e) => showDateTime(e.at) },
        {
          key: 'event',
          title: t('supervisor.audit.event'),
          cell: (e) => (
            <div className="sv-audit-event">
              <p data-testid="audit-sentence">{auditSentence(t, e, language)}</p>
              <EntryIds entry={e} />
            </div>
          ),
        },
      ]}
    />
  );
}
