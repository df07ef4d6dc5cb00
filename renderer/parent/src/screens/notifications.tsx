import { useEffect } from 'react';
import { type Column, DataTable, Notice } from '../../../ui';
import {
  type JournalEntry,
  listJournal,
  listNotifications,
  markAllRead,
  type NotificationView,
} from '../api';
import { CabinetNav } from '../cabinet-nav';
import { formatDateTime, useT } from '../i18n';
import { useLiveVersion } from '../live';
import { Page } from '../page';
import { href } from '../router';
import { problemKey } from '../use-form';
import { useLoad } from '../use-load';

/**
 * "Уведомления": Входящие (the seed's messages, newest first, live) and "Журнал пользователя" (what
 * the parent did). Opening the inbox marks what it shows as read.
 */
export function Notifications({ journal }: { journal: boolean }) {
  const { t } = useT();
  return (
    <Page title={t('parent.notifications.title')} wide>
      <CabinetNav />
      <nav aria-label={t('parent.notifications.title')}>
        <ul className="subnav">
          <li>
            <a href={href('notifications')} aria-current={journal ? undefined : 'page'}>
              {t('parent.notifications.inbox')}
            </a>
          </li>
          <li>
            <a href={href('notifications/journal')} aria-current={journal ? 'page' : undefined}>
              {t('parent.notifications.journal')}
            </a>
          </li>
        </ul>
      </nav>
      {journal ? <Journal /> : <Inbox />}
    </Page>
  );
}

function Inbox() {
  const { t, tr, note, language } = useT();
  const version = useLiveVersion('notification');
  const list = useLoad(listNotifications, [version, language]);
  const rows = [...(list.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const unread = rows.filter((n) => !n.readAt);
  const unreadIds = unread.map((n) => n.id).join(' ');
  useEffect(() => {
    // Shown means read: one request for all of them (issue 14, item 20: one per notification, each
    // reloading the list); the header's count follows through the live stream or the next load.
    if (unreadIds !== '') void markAllRead().catch(() => undefined);
  }, [unreadIds]);
  const columns: Column<NotificationView>[] = [
    {
      key: 'at',
      header: t('parent.notifications.dateTime'),
      label: t('parent.notifications.dateTime'),
      cell: (n) => formatDateTime(n.createdAt),
    },
    {
      key: 'text',
      header: t('parent.notifications.description'),
      label: t('parent.notifications.description'),
      cell: (n) => (
        <>
          {!n.readAt ? <strong className="badge">{t('parent.notifications.new')}</strong> : null} {note(n)}
          {n.kind === 'referralIssued' && typeof n.params?.applicationId === 'string' ? (
            <>
              {' '}
              <a href={href(`applications/${String(n.params.applicationId ?? '')}`)}>
                {t('parent.referral.download')}
              </a>
            </>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <>
      <p aria-live="polite">{t('parent.notifications.unread', { count: unread.length })}</p>
      {list.problem ? <Notice tone="error">{tr(problemKey(list.problem))}</Notice> : null}
      <DataTable
        caption={t('parent.notifications.inbox')}
        columns={columns}
        rows={rows}
        rowKey={(n) => n.id}
        empty={list.loading ? t('common.loading') : t('parent.notifications.none')}
      />
    </>
  );
}

function Journal() {
  const { t, tr } = useT();
  const list = useLoad(listJournal, []);
  const columns: Column<JournalEntry>[] = [
    {
      key: 'at',
      header: t('parent.notifications.dateTime'),
      label: t('parent.notifications.dateTime'),
      cell: (e) => formatDateTime(e.at),
    },
    {
      key: 'what',
      header: t('parent.notifications.description'),
      label: t('parent.notifications.description'),
      cell: (e) => (
        <>
          {/* A sentence, not "… — Применено" (issue 14, item 15): what was done, for which child, and
              only when it did not go through, that it did not. */}
          {e.childName
            ? t('common.aboutChild', {
                child: e.childName,
                text: t(`common.actionKinds.${e.kind}`, { defaultValue: e.kind }),
              })
            : t(`common.actionKinds.${e.kind}`, { defaultValue: e.kind })}
          {e.status !== 'applied' ? <> ({t(`parent.notifications.journalStatuses.${e.status}`)})</> : null}
          {e.params?.reason ? <div className="muted">{tr({ key: `problem:${e.params.reason}` })}</div> : null}
        </>
      ),
    },
  ];
  return (
    <>
      {list.problem ? <Notice tone="error">{tr(problemKey(list.problem))}</Notice> : null}
      <DataTable
        caption={t('parent.notifications.journal')}
        columns={columns}
        rows={list.data ?? []}
        rowKey={(e) => e.id}
        empty={list.loading ? t('common.loading') : t('parent.notifications.none')}
      />
    </>
  );
}
