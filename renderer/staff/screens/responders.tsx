import { useState } from 'react';
import { explainRank, type RankExplanation } from '../../../src/domain';
import type { Response } from '../../../src/schema';
import { ConfirmDialog, DataTable, DefinitionList, Field } from '../../ui';
import { useUiStore } from '../state';
import { formatDateTime, useStaffT } from '../i18n';
import { NotSynced } from '../not-synced';
import { usePerform } from '../use-perform';
import { useWorkspace } from '../workspace';

interface Ranked {
  response: Response;
  why: RankExplanation;
}

/**
 * A bulletin's responders ranked by the queue rules, each with the reason for its position; staff
 * activate in ranking order, or record why they pass over the ones above (docs/domain.md, Allocation).
 */
export function RespondersScreen({ bulletinId }: { bulletinId: string }) {
  const { t } = useStaffT();
  const { state, unsynced } = useWorkspace();
  const openBulletin = useUiStore((s) => s.openBulletin);
  const { perform, busy } = usePerform();
  const [chosen, setChosen] = useState<Ranked | null>(null);
  const [skipReason, setSkipReason] = useState('');
  const bulletin = state.bulletins[bulletinId];
  const all = Object.values(state.responses).filter((r) => r.bulletinId === bulletinId);
  const waiting = all.filter((r) => {
    if (r.status !== 'active') return false;
    const app = state.applications[r.applicationId];
    return app === undefined || app.status === 'responded';
  });
  const byId = new Map(waiting.map((r) => [r.id, r]));
  const ranked: Ranked[] = explainRank(waiting).map((why) => ({ response: byId.get(why.id)!, why }));
  const decided = all.filter((r) => r.status !== 'active');
  if (!bulletin) return <p>{t('common.loading')}</p>;

  const reason = (why: RankExplanation) => {
    const parts = [
      why.slot === 'extraordinary'
        ? t('staff.responders.rankingReasons.extraordinary')
        : why.slot.startsWith('primary')
          ? t('staff.responders.rankingReasons.primary')
          : t('staff.responders.rankingReasons.general'),
    ];
    if (why.round !== null) parts.push(t('staff.responders.rankingReasons.round', { round: why.round }));
    if (why.tieBrokenByIin) parts.push(t('staff.responders.rankingReasons.tieByIin'));
    return parts.join('; ');
  };
  const outOfOrder = chosen !== null && chosen.why.position > 1;

  return (
    <section aria-labelledby="responders-title">
      <button type="button" className="ui-button ui-button--secondary" onClick={() => openBulletin(null)}>
        {t('common.actions.back')}
      </button>
      <h1 id="responders-title">
        {t('staff.responders.title')}: {state.groups[bulletin.groupId]?.name}
      </h1>
      <DefinitionList
        items={[
          [
            t('staff.bulletins.freePlaces'),
            t('staff.bulletins.places', { free: bulletin.freePlaces, total: bulletin.totalPlaces }),
          ],
          [t('staff.bulletins.birthYears'), bulletin.birthYears.join(', ')],
          [t('staff.bulletins.access'), t(`common.bulletinAccess.${bulletin.access}`)],
          [t('staff.bulletins.status'), t(`common.bulletinStatuses.${bulletin.status}`)],
        ]}
      />
      <DataTable
        caption={<span className="ui-visually-hidden">{t('staff.responders.rankingReasons.title')}</span>}
        rows={ranked}
        rowKey={(r) => r.response.id}
        empty={t('staff.responders.none')}
        columns={[
          {
            key: 'rank',
            header: t('staff.responders.rank'),
            label: t('staff.responders.rank'),
            cell: (r) => r.why.position,
          },
          {
            key: 'child',
            header: t('staff.responders.child'),
            label: t('staff.responders.child'),
            cell: (r) => <span data-testid="responder-name">{r.response.childName}</span>,
          },
          {
            key: 'year',
            header: t('staff.responders.birthYear'),
            label: t('staff.responders.birthYear'),
            cell: (r) => r.response.birthYear,
          },
          {
            key: 'priority',
            header: t('staff.responders.priority'),
            label: t('staff.responders.priority'),
            cell: (r) => t(`common.priorities.${r.why.category}`),
          },
          {
            key: 'filed',
            header: t('staff.responders.filedAt'),
            label: t('staff.responders.filedAt'),
            cell: (r) => formatDateTime(r.response.filedAt),
          },
          {
            key: 'why',
            header: t('staff.responders.rankingReasons.title'),
            label: t('staff.responders.rankingReasons.title'),
            cell: (r) => <span className="staff-reason">{reason(r.why)}</span>,
          },
          {
            key: 'activate',
            header: <span className="ui-visually-hidden">{t('staff.responders.activate')}</span>,
            label: t('staff.responders.activate'),
            cell: (r) => (
              <button
                type="button"
                className={r.why.position === 1 ? 'ui-button' : 'ui-button ui-button--secondary'}
                disabled={busy || bulletin.status !== 'published'}
                onClick={() => {
                  setSkipReason('');
                  setChosen(r);
                }}
              >
                {t('staff.responders.activate')}
              </button>
            ),
          },
        ]}
      />
      {decided.length > 0 ? (
        <>
          <h2>{t('staff.responders.decided')}</h2>
          <ul className="staff-list">
            {decided.map((r) => (
              <li key={r.id} data-testid={`decided-${r.status}`}>
                {r.childName} — {t(`common.responseStatuses.${r.status}`)}
                {r.skipReason ? ` (${t('staff.responders.skipReason')}: ${r.skipReason})` : ''}
                <NotSynced show={unsynced.has(`responses/${r.id}`)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ConfirmDialog
        open={chosen !== null}
        title={t('staff.responders.activate')}
        confirmLabel={t('staff.responders.activate')}
        tone="primary"
        cancelLabel={t('common.actions.cancel')}
        onCancel={() => setChosen(null)}
        onConfirm={() => {
          if (!chosen) return;
          if (outOfOrder && skipReason.trim() === '') return;
          void perform('response.activate', {
            responseId: chosen.response.id,
            ...(outOfOrder ? { skipReason: skipReason.trim() } : {}),
          });
          setChosen(null);
        }}
      >
        <p>{chosen ? t('staff.responders.activateConfirm', { child: chosen.response.childName }) : ''}</p>
        {outOfOrder ? (
          <Field
            label={t('staff.responders.skipReason')}
            required
            hint={t('staff.responders.skipReasonRequired')}
          >
            {(control) => (
              <textarea
                {...control}
                required
                value={skipReason}
                onChange={(e) => setSkipReason(e.target.value)}
              />
            )}
          </Field>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
