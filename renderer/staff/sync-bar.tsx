import { useSyncStore, useUiStore } from './state';
import { useStaffT } from './i18n';
import { useAttachedFiles, useWorkspace } from './workspace';

/**
 * Always visible (issue 6): online or offline, the last sync, how many operations are not yet synced,
 * and the rejected ones with their reason — one click opens the operations log with what to do.
 */
export function SyncBar() {
  const { t, explain } = useStaffT();
  const online = useSyncStore((s) => s.online);
  const active = useSyncStore((s) => s.active);
  const lastSyncAt = useSyncStore((s) => s.lastSyncAt);
  const problem = useSyncStore((s) => s.problem);
  const show = useUiStore((s) => s.show);
  const { pending, rejected } = useWorkspace();
  const filesWaiting = useAttachedFiles((s) => s.files.filter((f) => f.state === 'waiting').length);
  const latest = rejected[0];
  return (
    <section
      className={`staff-sync ${online ? 'staff-sync--online' : 'staff-sync--offline'}`}
      aria-label={t('staff.sync.label')}
      data-testid="sync-bar"
    >
      <span className="staff-sync__state" data-testid="sync-online">
        <span className="staff-sync__dot" aria-hidden="true" />
        {online ? (active ? t('staff.sync.syncing') : t('staff.sync.online')) : t('staff.sync.offline')}
      </span>
      <span data-testid="sync-last">
        {lastSyncAt
          ? t('staff.sync.lastSync', { at: new Date(lastSyncAt).toISOString() })
          : t('staff.sync.never')}
      </span>
      <span data-testid="sync-pending">{t('staff.sync.pending', { count: pending.length })}</span>
      {filesWaiting > 0 ? (
        <span data-testid="sync-files">{t('staff.sync.filesWaiting', { count: filesWaiting })}</span>
      ) : null}
      {rejected.length > 0 ? (
        <button
          type="button"
          className="staff-sync__rejected"
          data-testid="sync-rejected"
          onClick={() => show('actions')}
        >
          {t('staff.sync.rejected', { count: rejected.length })}
          {latest?.reason ? `: ${explain(latest.reason)}` : ''}
        </button>
      ) : null}
      {problem ? <span className="staff-sync__problem">{t(`staff.sync.problems.${problem}`)}</span> : null}
    </section>
  );
}
