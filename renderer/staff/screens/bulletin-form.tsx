import { type FormEvent, useState } from 'react';
import { PLACE_TYPES } from '../../../src/domain';
import type { Bulletin } from '../../../src/schema';
import { SelectField, TextField } from '../../ui';
import { useSessionStore } from '../state';
import { useStaffT } from '../i18n';
import { useClock } from '../runtime-context';
import { usePerform } from '../use-perform';
import { useWorkspace } from '../workspace';
import { almatyInputValue, fromAlmatyInput } from './almaty-input';

/**
 * A new bulletin or a change to one: the group gives language, group type and birth years (never
 * typed by staff, docs/domain.md); staff give places, place type and the actual vacancy date and time.
 */
export function BulletinForm({ bulletin, onDone }: { bulletin: Bulletin | null; onDone: () => void }) {
  const { t } = useStaffT();
  const clock = useClock();
  const { state } = useWorkspace();
  const session = useSessionStore((s) => s.session);
  const { perform, busy } = usePerform();
  const openGroups = Object.values(state.groups).filter((g) => g.status === 'open');
  const [groupId, setGroupId] = useState(bulletin?.groupId ?? openGroups[0]?.id ?? '');
  const [totalPlaces, setTotal] = useState(String(bulletin?.totalPlaces ?? 1));
  const [freePlaces, setFree] = useState(String(bulletin?.freePlaces ?? 1));
  const [placeType, setPlaceType] = useState(bulletin?.placeType ?? 'free');
  const [vacancyAt, setVacancyAt] = useState(almatyInputValue(bulletin?.vacancyAt ?? clock().toISOString()));
  const published = bulletin?.status === 'published';

  const submit = async (e: FormEvent, publish: boolean) => {
    e.preventDefault();
    const fields = {
      totalPlaces: Number(totalPlaces),
      freePlaces: Number(freePlaces),
      placeType,
      vacancyAt: fromAlmatyInput(vacancyAt),
    };
    const done = published
      ? await perform('bulletin.edit', { bulletinId: bulletin.id, ...fields })
      : await perform(publish ? 'bulletin.publish' : 'bulletin.saveDraft', {
          bulletinId: bulletin?.id ?? `bul-${crypto.randomUUID()}`,
          groupId,
          authorName: session?.name,
          ...fields,
        });
    if (done) onDone();
  };
  const group = state.groups[groupId];
  return (
    <form className="staff-form" onSubmit={(e) => submit(e, false)} aria-labelledby="bulletin-form-title">
      <h1 id="bulletin-form-title">{bulletin ? t('staff.bulletins.edit') : t('staff.bulletins.new')}</h1>
      <SelectField
        label={t('staff.bulletins.group')}
        required
        disabled={bulletin !== null}
        value={groupId}
        onChange={(e) => setGroupId(e.target.value)}
        options={openGroups.map((g) => ({ value: g.id, label: g.name }))}
        hint={
          group
            ? `${t(`common.languages.${group.language}`)} · ${t(`common.groupTypes.${group.groupType}`)} · ${group.birthYears.join(', ')}`
            : undefined
        }
      />
      <div className="staff-form__row">
        <TextField
          label={t('staff.bulletins.totalPlaces')}
          type="number"
          min={0}
          max={1000}
          required
          value={totalPlaces}
          onChange={(e) => setTotal(e.target.value)}
        />
        <TextField
          label={t('staff.bulletins.freePlaces')}
          type="number"
          min={0}
          max={1000}
          required
          value={freePlaces}
          onChange={(e) => setFree(e.target.value)}
        />
      </div>
      <SelectField
        label={t('staff.bulletins.placeType')}
        value={placeType}
        onChange={(e) => setPlaceType(e.target.value)}
        options={PLACE_TYPES.map((p) => ({ value: p, label: t(`staff.placeTypes.${p}`) }))}
      />
      <TextField
        label={t('staff.bulletins.vacancyAt')}
        type="datetime-local"
        required
        value={vacancyAt}
        onChange={(e) => setVacancyAt(e.target.value)}
      />
      <div className="ui-actions">
        {published ? (
          <button className="ui-button" type="submit" disabled={busy}>
            {t('common.actions.save')}
          </button>
        ) : (
          <>
            <button className="ui-button" type="button" disabled={busy} onClick={(e) => submit(e, true)}>
              {t('staff.bulletins.publish')}
            </button>
            <button className="ui-button ui-button--secondary" type="submit" disabled={busy}>
              {t('staff.bulletins.draft')}
            </button>
          </>
        )}
        <button className="ui-button ui-button--secondary" type="button" onClick={onDone}>
          {t('common.actions.cancel')}
        </button>
      </div>
    </form>
  );
}
