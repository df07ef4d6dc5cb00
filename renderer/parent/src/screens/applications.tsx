import { useState } from 'react';
import { type Column, ConfirmDialog, DataTable, Notice } from '../../../ui';
import {
  type ApplicationView,
  confirmInterest,
  listApplications,
  listArchive,
  withdrawApplication,
} from '../api';
import { ApplicationsNav } from '../applications-nav';
import { CabinetNav } from '../cabinet-nav';
import { formatDate, useT } from '../i18n';
import { useLiveVersion } from '../live';
import { Page } from '../page';
import { isApiError } from '../problem';
import { href } from '../router';
import { problemKey, type FieldError } from '../use-form';
import { useLoad } from '../use-load';

const WITHDRAWABLE = new Set(['waiting', 'inactive', 'stopListed', 'responded']);

/** "Список заявлений" and "Архив заявлений", kept live by SSE. */
export function Applications({ archive }: { archive: boolean }) {
  const { t, tr } = useT();
  const version = useLiveVersion('application');
  const apps = useLoad(archive ? listArchive : listApplications, [archive, version]);
  const [toWithdraw, setToWithdraw] = useState<ApplicationView | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: FieldError } | null>(null);
  const rows = apps.data ?? [];

  const act = async (run: () => Promise<unknown>, success: FieldError) => {
    try {
      await run();
      setMessage({ tone: 'success', text: success });
    } catch (e) {
      setMessage({
        tone: 'error',
        text: problemKey(isApiError(e) ? e.problem : { code: 'serverError', status: 0 }),
      });
    }
    apps.reload();
  };

  const columns: Column<ApplicationView>[] = [
    {
      key: 'n',
      header: t('parent.applications.columns.number'),
      label: t('parent.applications.columns.number'),
      cell: (a) => rows.indexOf(a) + 1,
    },
    {
      key: 'filed',
      header: t('parent.applications.columns.filedAt'),
      label: t('parent.applications.columns.filedAt'),
      cell: (a) => formatDate(a.filedAt),
    },
    {
      key: 'child',
      header: t('parent.applications.columns.child'),
      label: t('parent.applications.columns.child'),
      cell: (a) => a.childName,
    },
    {
      key: 'interest',
      header: t('parent.applications.columns.interest'),
      label: t('parent.applications.interested'),
      // The seed's status «Заинтересован» with the day to confirm it by, only while the child waits for a
      // place (issue 14, item 14: an unticked box right after filing read as "not interested").
      cell: (a) =>
        archive || !a.interestApplies ? (
          '—'
        ) : a.status === 'inactive' ? (
          <>
            {t('parent.applications.interestNotConfirmed')}{' '}
            <button
              type="button"
              className="ui-button ui-button--secondary"
              onClick={() =>
                void act(() => confirmInterest(a.id), { key: 'parent.applications.interestConfirmed' })
              }
            >
              {t('parent.applications.confirmInterest')}
            </button>
          </>
        ) : (
          <>
            {t('parent.applications.interested')}
            {a.interestDueBy ? (
              <div className="muted">
                {t('parent.applications.interestDueBy', { date: formatDate(a.interestDueBy) })}{' '}
                <button
                  type="button"
                  className="ui-button ui-button--secondary"
                  onClick={() =>
                    void act(() => confirmInterest(a.id), { key: 'parent.applications.interestConfirmed' })
                  }
                >
                  {t('parent.applications.confirmInterest')}
                </button>
              </div>
            ) : null}
          </>
        ),
    },
    {
      key: 'status',
      header: t('parent.applications.columns.status'),
      label: t('parent.applications.columns.status'),
      cell: (a) => (
        <>
          {t(`common.applicationStatuses.${a.status}`)}
          {a.status === 'waiting' && a.queueNumber ? (
            <div className="muted">
              {t('parent.applications.queueNumber', { queueNumber: a.queueNumber })}
            </div>
          ) : null}
        </>
      ),
    },
    {
      key: 'ops',
      header: t('parent.applications.columns.operations'),
      label: t('parent.applications.columns.operations'),
      cell: (a) => (
        <div className="ui-actions" style={{ marginTop: 0 }}>
          <a className="ui-button ui-button--secondary" href={href(`applications/${a.id}`)}>
            {t('common.actions.view')}
          </a>
          {!archive && WITHDRAWABLE.has(a.status) ? (
            <button
              type="button"
              className="ui-button ui-button--icon"
              aria-label={t('parent.applications.withdrawFor', { child: a.childName })}
              title={t('parent.applications.withdraw')}
              onClick={() => setToWithdraw(a)}
            >
              <TrashIcon />
            </button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <Page title={archive ? t('parent.applications.archive') : t('parent.applications.list')} wide>
      <CabinetNav />
      <ApplicationsNav />
      {message ? <Notice tone={message.tone}>{tr(message.text)}</Notice> : null}
      {apps.problem ? <Notice tone="error">{tr(problemKey(apps.problem))}</Notice> : null}
      <DataTable
        caption={archive ? t('parent.applications.archive') : t('parent.applications.list')}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        empty={apps.loading ? t('common.loading') : t('parent.applications.none')}
      />
      <ConfirmDialog
        open={toWithdraw !== null}
        title={t('parent.applications.withdraw')}
        confirmLabel={t('common.actions.confirm')}
        tone="danger"
        cancelLabel={t('common.actions.cancel')}
        onCancel={() => setToWithdraw(null)}
        onConfirm={() => {
          const a = toWithdraw!;
          setToWithdraw(null);
          void act(() => withdrawApplication(a.id), { key: 'notifications.applicationWithdrawn' });
        }}
      >
        <p>{t('parent.applications.withdrawConfirm')}</p>
        {toWithdraw ? (
          <p>
            <strong>{toWithdraw.childName}</strong>
          </p>
        ) : null}
      </ConfirmDialog>
    </Page>
  );
}

/** The seed's "Корзина" icon; the button around it carries the accessible name. */
function TrashIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M9 3h6l1 2h4v2H4V5h4l1-2zm-3 6h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z"
      />
    </svg>
  );
}
