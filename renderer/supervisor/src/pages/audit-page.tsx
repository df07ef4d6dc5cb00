import { useState } from 'react';
import { catalogueName } from '../../../../src/i18n/catalogueName';
import { ACTION_KINDS, actionSchema } from '../../../../src/schema';
import { Notice, SelectField, TextField } from '../../../ui';
import { type AuditVerification, api } from '../api';
import { AsOf } from '../as-of';
import { AuditTrail, useKindName } from '../audit-trail';
import { ExportButtons } from '../export-buttons';
import { useT } from '../i18n';
import type { LiveState } from '../live';
import { Section } from '../section';
import { useLoad } from '../use-load';

const PAGE = 50;

interface Search {
  q?: string;
  kind?: string;
  role?: string;
  actor?: string;
  from?: string;
  to?: string;
}

const ROLES = actionSchema.properties.actorRole.enum;

/**
 * The audit log (issue 8): searchable, and the hash chain verified on demand. A broken or edited entry
 * is reported with its position in the chain.
 */
export function AuditPage({ live }: { live: LiveState }) {
  const { t, errorText, language } = useT();
  const kindName = useKindName();
  const actors = useLoad(() => api.auditActors(), []);
  const [draft, setDraft] = useState<Search>({});
  const [search, setSearch] = useState<Search>({});
  const [offset, setOffset] = useState(0);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const { data, error } = useLoad(
    () => api.audit({ ...search, limit: PAGE, offset }),
    [JSON.stringify(search), offset, live.version],
  );

  const verify = () => {
    setVerifying(true);
    setVerifyError(null);
    api
      .verifyAudit()
      .then(setVerification, setVerifyError)
      .finally(() => setVerifying(false));
  };

  return (
    <main className="sv-page" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('supervisor.audit.title')}</h1>
      <AsOf at={data?.asOf} live={live.connected} />

      <Section id="audit-verify" title={t('supervisor.audit.verifyTitle')}>
        <p className="sv-muted">{t('supervisor.audit.verifyHint')}</p>
        <button type="button" className="ui-button" onClick={verify} disabled={verifying}>
          {t('supervisor.audit.verify')}
        </button>
        <div data-testid="audit-verification" aria-live="polite">
          {verifyError ? <Notice tone="error">{errorText(verifyError)}</Notice> : null}
          {verification?.ok ? (
            <Notice tone="success">
              {t('supervisor.audit.chainValidCount', { count: verification.checked })}
            </Notice>
          ) : null}
          {verification && !verification.ok && verification.brokenAt ? (
            <Notice tone="error">
              <span data-broken-seq={verification.brokenAt.seq}>
                {t('supervisor.audit.chainBroken', { seq: verification.brokenAt.seq })}
              </span>{' '}
              {t(`supervisor.audit.breaks.${verification.brokenAt.reason}`, {
                defaultValue: verification.brokenAt.reason,
              })}
            </Notice>
          ) : null}
        </div>
      </Section>

      <Section
        id="audit-log"
        title={t('supervisor.audit.searchTitle')}
        tools={<ExportButtons table="audit" params={search} />}
      >
        <form
          className="sv-filters"
          aria-label={t('supervisor.audit.searchTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            setOffset(0);
            setSearch(draft);
          }}
        >
          <TextField
            type="search"
            label={t('common.actions.search')}
            value={draft.q ?? ''}
            onChange={(e) => setDraft({ ...draft, q: e.target.value || undefined })}
          />
          <SelectField
            label={t('supervisor.audit.kind')}
            placeholder={t('supervisor.audit.anyKind')}
            value={draft.kind ?? ''}
            options={ACTION_KINDS.map((k) => ({ value: k, label: kindName(k) })).sort((a, b) =>
              a.label.localeCompare(b.label, language),
            )}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value || undefined })}
          />
          <SelectField
            label={t('supervisor.audit.role')}
            placeholder={t('supervisor.audit.anyRole')}
            value={draft.role ?? ''}
            options={ROLES.map((r) => ({ value: r, label: t(`supervisor.audit.roles.${r}`) }))}
            onChange={(e) => setDraft({ ...draft, role: e.target.value || undefined })}
          />
          <SelectField
            label={t('supervisor.audit.actor')}
            placeholder={t('supervisor.audit.anyActor')}
            value={draft.actor ?? ''}
            options={(actors.data?.actors ?? []).map((a) => {
              const role = t(`supervisor.audit.roles.${a.role}`);
              const name = catalogueName({ nameKk: a.name, nameRu: a.name }, language);
              return {
                value: a.id,
                label: a.place
                  ? t('supervisor.audit.actorAt', { name, role, place: catalogueName(a.place, language) })
                  : t('supervisor.audit.actorAs', { name, role }),
              };
            })}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value || undefined })}
          />
          <TextField
            type="date"
            label={t('supervisor.filters.from')}
            value={draft.from ?? ''}
            onChange={(e) => setDraft({ ...draft, from: e.target.value || undefined })}
          />
          <TextField
            type="date"
            label={t('supervisor.filters.to')}
            value={draft.to ?? ''}
            onChange={(e) => setDraft({ ...draft, to: e.target.value || undefined })}
          />
          <div className="ui-field sv-filters__reset">
            <button type="submit" className="ui-button">
              {t('common.actions.search')}
            </button>
          </div>
        </form>
        {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
        {data ? (
          <>
            <p className="sv-muted">{t('supervisor.audit.found', { count: data.total })}</p>
            <AuditTrail entries={data.entries} caption={t('supervisor.audit.title')} />
            <div className="ui-actions">
              <button
                type="button"
                className="ui-button ui-button--secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('common.actions.back')}
              </button>
              <button
                type="button"
                className="ui-button ui-button--secondary"
                disabled={offset + PAGE >= data.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t('common.actions.next')}
              </button>
            </div>
          </>
        ) : null}
      </Section>
    </main>
  );
}
