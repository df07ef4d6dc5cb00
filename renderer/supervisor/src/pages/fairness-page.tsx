import { DefinitionList, Notice } from '../../../ui';
import { api } from '../api';
import { AsOf } from '../as-of';
import { AuditTrail } from '../audit-trail';
import { kindergartenName } from '../catalogue-names';
import { Table } from '../components';
import { ExportButtons } from '../export-buttons';
import { FiltersBar, type FilteredPageProps } from '../filters-bar';
import { href } from '../hash-route';
import { showDateTime, useT } from '../i18n';
import type { LiveState } from '../live';
import { Section } from '../section';
import { useLoad } from '../use-load';

/**
 * Fairness (issue 8): per bulletin, who responded, in which queue order, who was activated; every
 * allocation made out of order with the recorded reason; and the audit trail behind any decision.
 */
export function FairnessPage(props: FilteredPageProps & { route: string[] }) {
  const [, bulletinId] = props.route;
  if (bulletinId)
    return <BulletinView bulletinId={bulletinId} live={props.live} kindergartens={props.kindergartens} />;
  return <DistrictView {...props} />;
}

function DistrictView({ filters, onFilters, localities, kindergartens, live }: FilteredPageProps) {
  const { t, errorText, language } = useT();
  const deps = [JSON.stringify(filters), live.version];
  const bulletins = useLoad(() => api.bulletins(filters), deps);
  const outOfOrder = useLoad(() => api.outOfOrder(filters), deps);
  return (
    <main className="sv-page" aria-labelledby="fairness-title">
      <h1 id="fairness-title">{t('supervisor.fairness.title')}</h1>
      <AsOf at={outOfOrder.data?.asOf} live={live.connected} />
      <FiltersBar
        filters={filters}
        onChange={onFilters}
        localities={localities}
        kindergartens={kindergartens}
      />
      {outOfOrder.error || bulletins.error ? (
        <Notice tone="error">{errorText(outOfOrder.error ?? bulletins.error)}</Notice>
      ) : null}

      <Section
        id="out-of-order"
        title={t('supervisor.fairness.outOfOrder')}
        tools={<ExportButtons table="out-of-order" params={filters} />}
      >
        <Table
          caption={t('supervisor.fairness.outOfOrderCaption')}
          rowKey={(r) => r.responseId}
          rows={outOfOrder.data?.allocations ?? []}
          empty={t('supervisor.fairness.noneOutOfOrder')}
          columns={[
            {
              key: 'at',
              title: t('supervisor.fairness.activatedAt'),
              cell: (r) => showDateTime(r.activatedAt),
            },
            {
              key: 'kg',
              title: t('supervisor.fairness.kindergarten'),
              cell: (r) => kindergartenName(kindergartens, r.kindergartenId, language, r.kindergartenName),
            },
            {
              key: 'child',
              title: t('supervisor.fairness.child'),
              cell: (r) => `${r.childName} (№ ${r.rank})`,
            },
            {
              key: 'passed',
              title: t('supervisor.fairness.passedOver'),
              cell: (r) => r.passedOver.map((p) => `№ ${p.rank} ${p.childName}`).join('; '),
            },
            {
              key: 'reason',
              title: t('supervisor.fairness.reason'),
              cell: (r) =>
                r.reason ? (
                  <span data-testid="skip-reason">{r.reason}</span>
                ) : (
                  <strong className="sv-warn">{t('supervisor.fairness.noReason')}</strong>
                ),
            },
            {
              key: 'open',
              title: '',
              cell: (r) => (
                <span className="sv-links">
                  <a href={href('fairness', r.bulletinId)}>{t('supervisor.fairness.openBulletin')}</a>
                  <a href={href('decision', r.responseId)}>{t('supervisor.fairness.auditTrail')}</a>
                </span>
              ),
            },
          ]}
        />
      </Section>

      <Section
        id="bulletins"
        title={t('supervisor.fairness.bulletins')}
        tools={<ExportButtons table="bulletins" params={filters} />}
      >
        <Table
          caption={t('supervisor.fairness.bulletins')}
          rowKey={(b) => b.bulletinId}
          rows={bulletins.data?.bulletins ?? []}
          empty={t('common.empty')}
          columns={[
            {
              key: 'pub',
              title: t('supervisor.fairness.publishedAt'),
              cell: (b) => showDateTime(b.publishedAt),
            },
            {
              key: 'kg',
              title: t('supervisor.fairness.kindergarten'),
              cell: (b) => kindergartenName(kindergartens, b.kindergartenId, language, b.kindergartenName),
            },
            {
              key: 'years',
              title: t('supervisor.dashboard.birthYear'),
              cell: (b) => b.birthYears.join(', '),
            },
            {
              key: 'lang',
              title: t('common.language'),
              cell: (b) => t(`common.languages.${b.language}`, { defaultValue: b.language }),
            },
            {
              key: 'status',
              title: t('supervisor.fairness.status'),
              cell: (b) => t(`common.bulletinStatuses.${b.status}`),
            },
            {
              key: 'places',
              title: t('supervisor.fairness.places'),
              cell: (b) => `${b.freePlaces} / ${b.totalPlaces}`,
            },
            { key: 'resp', title: t('supervisor.fairness.responders'), cell: (b) => b.responders },
            { key: 'act', title: t('supervisor.fairness.activated'), cell: (b) => b.activated },
            {
              key: 'ooo',
              title: t('supervisor.fairness.outOfOrderShort'),
              cell: (b) => (b.outOfOrder > 0 ? <strong className="sv-warn">{b.outOfOrder}</strong> : 0),
            },
            {
              key: 'open',
              title: '',
              cell: (b) => <a href={href('fairness', b.bulletinId)}>{t('common.actions.view')}</a>,
            },
          ]}
        />
      </Section>
    </main>
  );
}

function BulletinView({
  bulletinId,
  live,
  kindergartens,
}: {
  bulletinId: string;
  live: LiveState;
  kindergartens: FilteredPageProps['kindergartens'];
}) {
  const { t, errorText, language } = useT();
  const { data, error } = useLoad(() => api.bulletin(bulletinId), [bulletinId, live.version]);
  return (
    <main className="sv-page" aria-labelledby="bulletin-title">
      <p>
        <a href={href('fairness')}>← {t('supervisor.fairness.title')}</a>
      </p>
      <h1 id="bulletin-title">{t('supervisor.fairness.bulletinTitle')}</h1>
      <AsOf at={data?.asOf} live={live.connected} />
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {data ? (
        <>
          <DefinitionList
            items={[
              [
                t('supervisor.fairness.kindergarten'),
                kindergartenName(
                  kindergartens,
                  data.bulletin.kindergartenId,
                  language,
                  data.bulletin.kindergartenName,
                ),
              ],
              [t('supervisor.fairness.publishedAt'), showDateTime(data.bulletin.publishedAt)],
              [t('supervisor.fairness.status'), t(`common.bulletinStatuses.${data.bulletin.status}`)],
              [t('supervisor.dashboard.birthYear'), data.bulletin.birthYears.join(', ')],
              [
                t('common.language'),
                t(`common.languages.${data.bulletin.language}`, { defaultValue: data.bulletin.language }),
              ],
              [t('supervisor.fairness.places'), `${data.bulletin.freePlaces} / ${data.bulletin.totalPlaces}`],
              [t('supervisor.fairness.author'), data.bulletin.authorName],
            ]}
          />
          <Section
            id="responders"
            title={t('supervisor.fairness.responders')}
            tools={<ExportButtons table="responders" params={{ bulletinId }} />}
          >
            <p className="sv-muted">{t('supervisor.fairness.rankNote')}</p>
            <Table
              caption={t('supervisor.fairness.respondersCaption')}
              rowKey={(r) => r.responseId}
              rows={data.responders}
              empty={t('common.empty')}
              columns={[
                { key: 'rank', title: t('supervisor.fairness.rank'), cell: (r) => r.rank },
                {
                  key: 'child',
                  title: t('supervisor.fairness.child'),
                  cell: (r) => `${r.childName} · ${r.childIin}`,
                },
                {
                  key: 'prio',
                  title: t('supervisor.dashboard.priority'),
                  cell: (r) => t(`common.priorities.${r.priority}`, { defaultValue: r.priority }),
                },
                {
                  key: 'filed',
                  title: t('supervisor.fairness.filedAt'),
                  cell: (r) => showDateTime(r.filedAt),
                },
                {
                  key: 'queue',
                  title: t('supervisor.fairness.queueNumber'),
                  cell: (r) => r.queueNumber ?? '—',
                },
                {
                  key: 'status',
                  title: t('supervisor.fairness.status'),
                  cell: (r) => t(`common.responseStatuses.${r.status}`),
                },
                {
                  key: 'at',
                  title: t('supervisor.fairness.activatedAt'),
                  cell: (r) => showDateTime(r.activatedAt),
                },
                {
                  key: 'reason',
                  title: t('supervisor.fairness.reason'),
                  cell: (r) =>
                    r.outOfOrder ? (
                      <span className="sv-warn">{r.skipReason ?? t('supervisor.fairness.noReason')}</span>
                    ) : (
                      ''
                    ),
                },
                {
                  key: 'trail',
                  title: '',
                  cell: (r) =>
                    r.status === 'activated' ? (
                      <a href={href('decision', r.responseId)}>{t('supervisor.fairness.auditTrail')}</a>
                    ) : (
                      ''
                    ),
                },
              ]}
            />
          </Section>
          <Section id="bulletin-trail" title={t('supervisor.fairness.auditTrail')}>
            <AuditTrail entries={data.trail} caption={t('supervisor.fairness.auditTrail')} />
          </Section>
        </>
      ) : null}
    </main>
  );
}

/** The audit trail behind one decision (an activation, an application, a bulletin). */
export function DecisionPage({ entityId, live }: { entityId: string; live: LiveState }) {
  const { t, errorText } = useT();
  const { data, error } = useLoad(() => api.decision(entityId), [entityId, live.version]);
  return (
    <main className="sv-page" aria-labelledby="decision-title">
      <p>
        <a href={href('fairness')}>← {t('supervisor.fairness.title')}</a>
      </p>
      <h1 id="decision-title">{t('supervisor.fairness.decisionTitle')}</h1>
      <p>
        <code>{entityId}</code>
      </p>
      <AsOf at={data?.asOf} live={live.connected} />
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <AuditTrail entries={data?.entries ?? []} caption={t('supervisor.fairness.auditTrail')} />
    </main>
  );
}
