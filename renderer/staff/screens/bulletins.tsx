import { useState } from 'react';
import type { Bulletin } from '../../../src/schema';
import { ConfirmDialog, DataTable } from '../../ui';
import { useUiStore } from '../../state';
import { formatDateTime, useStaffT } from '../i18n';
import { NotSynced } from '../not-synced';
import { usePerform } from '../use-perform';
import { useWorkspace } from '../workspace';
import { BulletinForm } from './bulletin-form';

type Confirm = { kind: 'bulletin.close' | 'bulletin.withdraw'; bulletin: Bulletin } | null;

const ORDER: Record<string, number> = { draft: 0, published: 1, closed: 2, withdrawn: 3 };

/**
 * Бюллетени свободных мест of this kindergarten: draft, publish, edit, close, withdraw (domain.md,
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
              <span
                className={`staff-status staff-status--${b.status}`}
                data-testid={`bulletin-status-${b.id}`}
              >
                {t(`common.bulletinStatuses.${b.status}`)}
                {b.status === 'published' ? ` · ${t(`common.bulletinAccess.${b.access}`)}` : ''}
              </span>
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
        title={
          confirm?.kind === 'bulletin.close' ? t('staff.bulletins.close') : t('staff.bulletins.withdraw')
        }
        confirmLabel={t('common.actions.confirm')}
        cancelLabel={t('common.actions.cancel')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm) void perform(confirm.kind, { bulletinId: confirm.bulletin.id });
          setConfirm(null);
        }}
      >
        <p>
          {confirm?.kind === 'bulletin.close'
            ? t('staff.bulletins.closeConfirm')
            : t('staff.bulletins.withdrawConfirm')}
        </p>
        <p>{confirm ? (groups[confirm.bulletin.groupId]?.name ?? '') : ''}</p>
      </ConfirmDialog>
    </section>
  );
}
