import { useEffect, useReducer, useState } from 'react';
import { bulletinAccess, parseInstant } from '../../../src/domain';
import type { Bulletin } from '../../../src/schema';
import { ConfirmDialog, DataTable } from '../../ui';
import { useClock } from '../runtime-context';
import { useUiStore } from '../state';
import { formatDateTime, useStaffT } from '../i18n';
import { NotSynced } from '../not-synced';
import { usePerform } from '../use-perform';
import { useWorkspace } from '../workspace';
import { BulletinForm } from './bulletin-form';

type ConfirmKind = 'bulletin.close' | 'bulletin.withdraw' | 'bulletin.openToAll';
type Confirm = { kind: ConfirmKind; bulletin: Bulletin } | null;

const ORDER: Record<string, number> = { draft: 0, published: 1, closed: 2, withdrawn: 3 };

// setTimeout's longest delay (about 24.8 days); a later deadline is waited for in steps.
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The time now, read again when the next of `deadlines` (epoch ms) passes, so a screen left open
 * changes by itself at the end of a priority window.
 */
function useNowPassing(deadlines: readonly number[]): number {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const now = useClock()().getTime();
  const next = deadlines.reduce((min, d) => (d > now && d < min ? d : min), Number.POSITIVE_INFINITY);
  useEffect(() => {
    if (!Number.isFinite(next)) return;
    // Rendering again reads the clock again: a timer that fires early just sets another one.
    const timer = setTimeout(rerender, Math.min(next - now + 1, MAX_DELAY_MS));
    return () => clearTimeout(timer);
  }, [next, now]);
  return now;
}

/**
 * Staff may open a bulletin to everyone themselves once its priority window is over (docs/domain.md,
 * Bulletins; bulletin-actions.ts openBulletinToAll): offline, the scheduler's bulletin.openToAll does
 * not reach the workstation. The stored flag still says 'priority' while the rule says 'all'.
 */
function canOpenToAll(bulletin: Bulletin, nowMs: number): boolean {
  return (
    bulletin.status === 'published' &&
    bulletin.access === 'priority' &&
    bulletinAccess(bulletin, nowMs) === 'all'
  );
}

/**
 * Бюллетени свободных мест of this kindergarten: draft, publish, edit, close, withdraw (docs/domain.md,
 * Bulletins), and the way to each bulletin's responders.
 */
export function BulletinsScreen() {
  const { t } = useStaffT();
  const { state, unsynced } = useWorkspace();
  const openBulletin = useUiStore((s) => s.openBulletin);
  const { perform, busy } = usePerform();
  const [editing, setEditing] = useState<Bulletin | 'new' | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const groups = state.groups;
  const bulletins = Object.values(state.bulletins).sort(
    (a, b) =>
      (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) ||
      (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''),
  );
  const now = useNowPassing(
    bulletins.flatMap((b) => {
      const until =
        b.status === 'published' && b.access === 'priority' ? parseInstant(b.priorityUntil) : null;
      return until?.ok ? [until.value] : [];
    }),
  );
  const confirmTexts: Record<ConfirmKind, { title: string; body: string }> = {
    'bulletin.close': { title: t('staff.bulletins.close'), body: t('staff.bulletins.closeConfirm') },
    'bulletin.withdraw': { title: t('staff.bulletins.withdraw'), body: t('staff.bulletins.withdrawConfirm') },
    'bulletin.openToAll': {
      title: t('staff.bulletins.openToAll'),
      body: t('staff.bulletins.openToAllConfirm'),
    },
  };
  const responders = (id: string) =>
    Object.values(state.responses).filter((r) => r.bulletinId === id && r.status === 'active').length;

  if (editing) {
    return <BulletinForm bulletin={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />;
  }
  return (
    <section aria-labelledby="bulletins-title">
      <div className="staff-title-row">
        <h1 id="bulletins-title">{t('staff.bulletins.title')}</h1>
        <button type="button" className="ui-button" onClick={() => setEditing('new')}>
          {t('staff.bulletins.new')}
        </button>
      </div>
      <DataTable
        caption={<span className="ui-visually-hidden">{t('staff.bulletins.title')}</span>}
        rows={bulletins}
        rowKey={(b) => b.id}
        empty={t('common.empty')}
        columns={[
          {
            key: 'group',
            header: t('staff.bulletins.group'),
            label: t('staff.bulletins.group'),
            cell: (b) => (
              <>
                {groups[b.groupId]?.name ?? b.groupId}
                <NotSynced show={unsynced.has(`bulletins/${b.id}`)} />
              </>
            ),
          },
          {
            key: 'places',
            header: t('staff.bulletins.freePlaces'),
            label: t('staff.bulletins.freePlaces'),
            cell: (b) => t('staff.bulletins.places', { free: b.freePlaces, total: b.totalPlaces }),
          },
          {
            key: 'language',
            header: t('staff.bulletins.language'),
            label: t('staff.bulletins.language'),
            cell: (b) => t(`common.languages.${b.language}`),
          },
          {
            key: 'years',
            header: t('staff.bulletins.birthYears'),
            label: t('staff.bulletins.birthYears'),
            cell: (b) => b.birthYears.join(', '),
          },
          {
            key: 'vacancy',
            header: t('staff.bulletins.vacancyAt'),
            label: t('staff.bulletins.vacancyAt'),
            cell: (b) => formatDateTime(b.vacancyAt),
          },
          {
            key: 'status',
            header: t('staff.bulletins.status'),
            label: t('staff.bulletins.status'),
            cell: (b) => (
              <>
                <span
                  className={`staff-status staff-status--${b.status}`}
                  data-testid={`bulletin-status-${b.id}`}
                >
                  {t(`common.bulletinStatuses.${b.status}`)}
                </span>
                {b.status === 'published' ? (
                  <p className="ui-hint" data-testid={`bulletin-access-${b.id}`}>
                    {b.access === 'priority'
                      ? t('staff.bulletins.priorityUntil', { date: b.priorityUntil })
                      : t('common.bulletinAccess.all')}
                  </p>
                ) : null}
              </>
            ),
          },
          {
            key: 'responders',
            header: t('staff.nav.responders'),
            label: t('staff.nav.responders'),
            cell: (b) =>
              b.status === 'draft' ? null : (
                <button
                  type="button"
                  className="ui-button ui-button--secondary staff-count"
                  onClick={() => openBulletin(b.id)}
                >
                  {t('staff.bulletins.responders', { count: responders(b.id) })}
                </button>
              ),
          },
          {
            key: 'actions',
            header: <span className="ui-visually-hidden">{t('staff.bulletins.operations')}</span>,
            label: t('staff.bulletins.operations'),
            cell: (b) => (
              <div className="staff-row-actions">
                {b.status === 'draft' ? (
                  <button
                    type="button"
                    className="ui-button"
                    disabled={busy}
                    onClick={() => perform('bulletin.publish', { bulletinId: b.id })}
                  >
                    {t('staff.bulletins.publish')}
                  </button>
                ) : null}
                {b.status === 'draft' || b.status === 'published' ? (
                  <>
                    <button
                      type="button"
                      className="ui-button ui-button--secondary"
                      onClick={() => setEditing(b)}
                    >
                      {t('staff.bulletins.edit')}
                    </button>
                    {canOpenToAll(b, now) ? (
                      <button
                        type="button"
                        className="ui-button"
                        disabled={busy}
                        onClick={() => setConfirm({ kind: 'bulletin.openToAll', bulletin: b })}
                      >
                        {t('staff.bulletins.openToAll')}
                      </button>
                    ) : null}
                    {b.status === 'published' ? (
                      <button
                        type="button"
                        className="ui-button ui-button--secondary"
                        onClick={() => setConfirm({ kind: 'bulletin.close', bulletin: b })}
                      >
                        {t('staff.bulletins.close')}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="ui-button ui-button--danger"
                      onClick={() => setConfirm({ kind: 'bulletin.withdraw', bulletin: b })}
                    >
                      {t('staff.bulletins.withdraw')}
                    </button>
                  </>
                ) : null}
              </div>
            ),
          },
        ]}
      />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? confirmTexts[confirm.kind].title : ''}
        confirmLabel={t('common.actions.confirm')}
        tone={confirm?.kind === 'bulletin.openToAll' ? 'primary' : 'danger'}
        cancelLabel={t('common.actions.cancel')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm) void perform(confirm.kind, { bulletinId: confirm.bulletin.id });
          setConfirm(null);
        }}
      >
        <p>{confirm ? confirmTexts[confirm.kind].body : ''}</p>
        <p>{confirm ? (groups[confirm.bulletin.groupId]?.name ?? '') : ''}</p>
      </ConfirmDialog>
    </section>
  );
}
