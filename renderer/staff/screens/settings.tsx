import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../src/host/host-contract';
import { DefinitionList } from '../../ui';
import { useSessionStore } from '../state';
import { useStaffT } from '../i18n';
import { useStaffContext } from '../runtime-context';

/** For support calls: app version, where the data lives, which server. */
export function SettingsScreen() {
  const { t } = useStaffT();
  const { host } = useStaffContext();
  const session = useSessionStore((s) => s.session);
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void host.appInfo().then(setInfo);
  }, [host]);
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('staff.nav.settings')}</h1>
      <DefinitionList
        items={[
          [t('staff.settings.version'), info?.version ?? ''],
          [t('staff.settings.dataFolder'), info?.dataFolder ?? ''],
          [t('staff.settings.server'), session?.serverUrl ?? ''],
          [t('staff.settings.user'), `${session?.name ?? ''} (${session?.login ?? ''})`],
        ]}
      />
    </section>
  );
}
