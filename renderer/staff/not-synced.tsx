import { useStaffT } from './i18n';

/** The mark on anything a pending action changed: shown at once, "not yet synced" until the server applies it. */
export function NotSynced({ show }: { show: boolean }) {
  const { t } = useStaffT();
  if (!show) return null;
  return (
    <span className="staff-not-synced" title={t('staff.sync.notSyncedHint')} data-testid="not-synced">
      {t('staff.sync.notSynced')}
    </span>
  );
}
