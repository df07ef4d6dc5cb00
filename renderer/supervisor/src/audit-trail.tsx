import type { AuditEntry } from '../../../src/schema';
import { Table } from './components';
import { href } from './hash-route';
import { showDateTime, useT } from './i18n';

/**
 * What an entry's payload said, as short key=value pairs. An IIN is shown masked like everywhere on
 * these pages: the trail explains a decision without needing the whole number.
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

/** Audit entries in chain order: who did what, when, to which records. */
export function AuditTrail({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  const { t } = useT();
  const kindName = (kind: string) =>
    t(`common.actionKinds.${kind}`, {
      defaultValue: t(`supervisor.changeKinds.${kind}`, { defaultValue: kind }),
    });
  return (
    <Table
      caption={caption}
      rowKey={(e) => e.id}
      rows={entries}
      empty={t('common.empty')}
      columns={[
        { key: 'seq', title: t('supervisor.audit.seq'), cell: (e) => e.seq },
        { key: 'at', title: t('supervisor.audit.at'), cell: (e) => showDateTime(e.at) },
        { key: 'kind', title: t('supervisor.audit.kind'), cell: (e) => kindName(e.kind) },
        { key: 'actor', title: t('supervisor.audit.actor'), cell: (e) => `${e.actor} (${e.actorRole})` },
        {
          key: 'entity',
          title: t('supervisor.audit.entity'),
          cell: (e) => (
            <span className="sv-links">
              {e.entityIds.map((id) => (
                <a key={id} href={href('decision', id)}>
                  <code>{id}</code>
                </a>
              ))}
            </span>
          ),
        },
        { key: 'payload', title: t('supervisor.audit.details'), cell: (e) => payloadSummary(e.payload) },
      ]}
    />
  );
}
