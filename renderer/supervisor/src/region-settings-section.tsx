import { useEffect, useState } from 'react';
import { Notice, SelectField, TextField } from '../../ui';
import { api, type RegionSettingsView } from './api';
import { useT } from './i18n';
import { Section } from './section';
import { useLoad } from './use-load';

/**
 * The regional settings the rules read (docs/domain.md: the priority window, how stop-list days count, how
 * often parents confirm interest), edited without a release next to the working-day calendar.
 */
export function RegionSettingsSection() {
  const { t, errorText } = useT();
  const loaded = useLoad(() => api.regionSettings(), []);
  const [draft, setDraft] = useState<{
    window: string;
    unit: RegionSettingsView['stopListUnit'];
    interest: string;
  } | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (loaded.data)
      setDraft({
        window: String(loaded.data.priorityWindowWorkingDays),
        unit: loaded.data.stopListUnit,
        interest:
          loaded.data.interestConfirmationDays === null ? '' : String(loaded.data.interestConfirmationDays),
      });
  }, [loaded.data]);
  if (!draft) return loaded.error ? <Notice tone="error">{errorText(loaded.error)}</Notice> : null;
  return (
    <Section id="region-settings" title={t('supervisor.management.settings')}>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <form
        className="sv-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          api
            .saveRegionSettings({
              priorityWindowWorkingDays: Number(draft.window),
              stopListUnit: draft.unit,
              interestConfirmationDays: draft.interest === '' ? null : Number(draft.interest),
            })
            .then(
              () => setNotice({ tone: 'success', text: t('supervisor.management.saved') }),
              (err: unknown) => setNotice({ tone: 'error', text: errorText(err) }),
            );
        }}
      >
        <TextField
          type="number"
          min={1}
          max={60}
          required
          label={t('supervisor.management.priorityWindow')}
          hint={t('supervisor.management.priorityWindowHint')}
          value={draft.window}
          onChange={(e) => setDraft({ ...draft, window: e.target.value })}
        />
        <SelectField
          label={t('supervisor.management.stopListUnit')}
          value={draft.unit}
          options={[
            { value: 'working', label: t('supervisor.management.workingDays') },
            { value: 'calendar', label: t('supervisor.management.calendarDays') },
          ]}
          onChange={(e) => setDraft({ ...draft, unit: e.target.value as RegionSettingsView['stopListUnit'] })}
        />
        <TextField
          type="number"
          min={1}
          max={365}
          label={t('supervisor.management.interestDays')}
          hint={t('supervisor.management.interestHint')}
          value={draft.interest}
          onChange={(e) => setDraft({ ...draft, interest: e.target.value })}
        />
        <div className="ui-field sv-filters__reset">
          <button type="submit" className="ui-button">
            {t('common.actions.save')}
          </button>
        </div>
      </form>
    </Section>
  );
}
