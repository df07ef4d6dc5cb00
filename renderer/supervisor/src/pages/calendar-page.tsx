import { useEffect, useState } from 'react';
import type { CalendarData } from '../../../../src/domain';
import { Notice, SelectField, TextField } from '../../../ui';
import { api } from '../api';
import { Table } from '../components';
import { showDate, useT } from '../i18n';
import { RegionSettingsSection } from '../region-settings-section';
import { Section } from '../section';
import { useLoad } from '../use-load';
import { DayListSection } from './day-list-section';

/**
 * The working-day calendar (docs/domain.md, Working days): data, editable without a release. A supervisor
 * sets a year's religious days off and the Ministry's transfers; the page shows the weekdays off the
 * domain's calendar computes from them, so the effect of an edit is visible before and after saving.
 */
export function CalendarPage({ now }: { now: string }) {
  const { t, errorText } = useT();
  const [year, setYear] = useState(Number(now.slice(0, 4)) || 2026);
  const [nonce, setNonce] = useState(0);
  const view = useLoad(() => api.calendar(year), [year, nonce]);
  const [data, setData] = useState<CalendarData | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [transfer, setTransfer] = useState({ date: '', working: false, note: '' });
  const [religious, setReligious] = useState({ date: '', name: 'kurbanAit' });

  useEffect(() => {
    if (view.data) setData(view.data.data);
  }, [view.data]);

  const save = (next: CalendarData) => {
    setNotice(null);
    api.saveCalendar(year, next).then(
      () => {
        setNotice({ tone: 'success', text: t('supervisor.management.saved') });
        setNonce((n) => n + 1);
      },
      (e: unknown) => setNotice({ tone: 'error', text: errorText(e) }),
    );
  };

  return (
    <main className="sv-page" aria-labelledby="calendar-title">
      <h1 id="calendar-title">{t('supervisor.calendar.title')}</h1>
      <RegionSettingsSection />
      <div className="sv-filters">
        <TextField
          type="number"
          label={t('supervisor.calendar.year')}
          min={2000}
          max={2100}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value) || year)}
        />
      </div>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {view.error ? <Notice tone="error">{errorText(view.error)}</Notice> : null}
      {view.data && data ? (
        <>
          <p className="sv-muted">
            {view.data.isDefault ? t('supervisor.calendar.isDefault') : t('supervisor.calendar.edited')}
          </p>
          <div className="sv-grid">
            <Section id="days-off" title={t('supervisor.calendar.daysOff', { year })}>
              <ul className="sv-days" data-testid="non-working-weekdays">
                {view.data.nonWorkingWeekdays.map((d) => (
                  <li key={d}>{showDate(d)}</li>
                ))}
              </ul>
              {view.data.workingWeekends.length > 0 ? (
                <>
                  <h3>{t('supervisor.calendar.workingWeekends')}</h3>
                  <ul className="sv-days">
                    {view.data.workingWeekends.map((d) => (
                      <li key={d}>{showDate(d)}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Section>
            <Section id="holidays" title={t('supervisor.calendar.holidays')}>
              <Table
                caption={t('supervisor.calendar.holidays')}
                rowKey={(h) => `${h.month}-${h.day}-${h.name}`}
                rows={data.fixedHolidays.filter(
                  (h) => (h.fromYear ?? 0) <= year && year <= (h.untilYear ?? 9999),
                )}
                empty={t('common.empty')}
                columns={[
                  {
                    key: 'date',
                    title: t('supervisor.calendar.date'),
                    cell: (h) => `${String(h.day).padStart(2, '0')}.${String(h.month).padStart(2, '0')}`,
                  },
                  {
                    key: 'name',
                    title: t('supervisor.management.name'),
                    cell: (h) => t(`supervisor.calendar.names.${h.name}`, { defaultValue: h.name }),
                  },
                  {
                    key: 'rel',
                    title: t('supervisor.calendar.religious'),
                    cell: (h) => (h.religious ? t('common.yes') : t('common.no')),
                  },
                ]}
              />
            </Section>
          </div>

          <DayListSection
            id="religious"
            title={t('supervisor.calendar.religious')}
            year={year}
            days={data.religiousDays}
            columns={[
              {
                key: 'name',
                title: t('supervisor.management.name'),
                cell: (r) => t(`supervisor.calendar.names.${r.name}`, { defaultValue: r.name }),
              },
            ]}
            draft={religious}
            onDraft={setReligious}
            onSave={(religiousDays) => save({ ...data, religiousDays })}
            addLabel={t('supervisor.calendar.addReligious')}
          />

          <DayListSection
            id="transfers"
            title={t('supervisor.calendar.transfers')}
            year={year}
            days={data.transfers}
            columns={[
              {
                key: 'kind',
                title: t('supervisor.calendar.becomes'),
                cell: (r) =>
                  r.working ? t('supervisor.calendar.workingDay') : t('supervisor.calendar.dayOff'),
              },
              { key: 'note', title: t('supervisor.calendar.note'), cell: (r) => r.note },
            ]}
            draft={transfer}
            onDraft={setTransfer}
            onSave={(transfers) => save({ ...data, transfers })}
            addLabel={t('supervisor.calendar.addTransfer')}
          >
            <SelectField
              label={t('supervisor.calendar.becomes')}
              options={[
                { value: 'off', label: t('supervisor.calendar.dayOff') },
                { value: 'working', label: t('supervisor.calendar.workingDay') },
              ]}
              value={transfer.working ? 'working' : 'off'}
              onChange={(e) => setTransfer({ ...transfer, working: e.target.value === 'working' })}
            />
            <TextField
              label={t('supervisor.calendar.note')}
              value={transfer.note}
              onChange={(e) => setTransfer({ ...transfer, note: e.target.value })}
            />
          </DayListSection>
        </>
      ) : null}
    </main>
  );
}
