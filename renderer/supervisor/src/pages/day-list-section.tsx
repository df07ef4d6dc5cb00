import type { ReactNode } from 'react';
import { TextField } from '../../../ui';
import { Table, type TableColumn } from '../components';
import { showDate, useT } from '../i18n';
import { Section } from '../section';

/**
 * A list of dated entries of the working-day calendar (religious days off, the Ministry's transfers:
 * docs/domain.md, Working days) for the year shown, each removable, with a form adding one. An entry added
 * on a day already listed replaces it; `onSave` gets the whole list (every year), as stored.
 */
export function DayListSection<Day extends { date: string }>({
  id,
  title,
  year,
  days,
  columns,
  draft,
  onDraft,
  onSave,
  addLabel,
  children,
}: {
  id: string;
  title: string;
  year: number;
  days: Day[];
  /** The columns between the date and the delete button. */
  columns: TableColumn<Day>[];
  draft: Day;
  onDraft: (next: Day) => void;
  onSave: (next: Day[]) => void;
  addLabel: string;
  /** The form's fields after the date. */
  children?: ReactNode;
}) {
  const { t } = useT();
  return (
    <Section id={id} title={title}>
      <Table
        caption={title}
        rowKey={(r) => r.date}
        rows={days.filter((r) => r.date.startsWith(`${year}-`))}
        empty={t('common.empty')}
        columns={[
          { key: 'date', title: t('supervisor.calendar.date'), cell: (r) => showDate(r.date) },
          ...columns,
          {
            key: 'del',
            title: '',
            cell: (r) => (
              <button type="button" className="sv-link" onClick={() => onSave(days.filter((x) => x !== r))}>
                {t('common.actions.delete')}
              </button>
            ),
          },
        ]}
      />
      <form
        className="sv-filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.date) return;
          onSave([...days.filter((x) => x.date !== draft.date), { ...draft }]);
        }}
      >
        <TextField
          type="date"
          label={t('supervisor.calendar.date')}
          required
          value={draft.date}
          onChange={(e) => onDraft({ ...draft, date: e.target.value })}
        />
        {children}
        <div className="ui-field sv-filters__reset">
          <button type="submit" className="ui-button">
            {addLabel}
          </button>
        </div>
      </form>
    </Section>
  );
}
