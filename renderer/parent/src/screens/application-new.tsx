import type { FormEvent } from 'react';
import { ChoiceGroup, SelectField } from '../../../ui';
import { fileApplication, listChildren, type NewApplication } from '../api';
import { ApplicationsNav } from '../applications-nav';
import { CabinetNav } from '../cabinet-nav';
import { FormError } from '../form-error';
import { useT } from '../i18n';
import { Page } from '../page';
import { usePreferences } from '../preferences';
import { ServerTime } from '../server-time';
import { useRegions } from '../regions';
import { href, navigate } from '../router';
import { type FieldError, useForm } from '../use-form';
import { useLoad } from '../use-load';

/** docs/domain.md, Applications: group types and languages of instruction (extensible catalogues). */
const GROUP_TYPES = ['ordinary', 'sanatorium', 'special', 'inclusive'];
const LANGUAGES = ['kk', 'ru', 'uz'];
const PRIORITIES = ['none', 'primary', 'extraordinary'] as const;

/**
 * "Добавить заявление": child, group type, languages (several), region, locality, priority category.
 * Everything typed stays on a refusal; the refusal names its field.
 */
export function ApplicationNew() {
  const { t, tr } = useT();
  const regions = useRegions();
  const children = useLoad(listChildren, []);
  const area = usePreferences();
  const form = useForm({
    childId: '',
    groupType: 'ordinary',
    languages: [] as string[],
    regionId: area.regionId ?? '',
    localityId: area.localityId ?? '',
    claimedPriority: 'none' as NewApplication['claimedPriority'],
  });
  const v = form.values;
  const region = regions.find((r) => r.id === v.regionId);
  const required: FieldError = { key: 'parent.form.required' };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(
      (x) => ({
        childId: x.childId ? undefined : required,
        groupType: x.groupType ? undefined : required,
        languages: x.languages.length ? undefined : { key: 'parent.applications.languagesRequired' },
        regionId: x.regionId ? undefined : required,
        localityId: x.localityId ? undefined : required,
      }),
      async (x) => {
        const filed = await fileApplication(x);
        navigate(`applications/${filed.id}?filed=1`);
      },
    );
  };

  return (
    <Page title={t('parent.applications.filing')}>
      <CabinetNav />
      <ApplicationsNav />
      <p className="muted">{t('common.requiredHint')}</p>
      <ServerTime />
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t('parent.applications.selectChild')}
          required
          placeholder={t('common.notSelected')}
          options={(children.data ?? []).map((c) => ({
            value: c.id,
            label: [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' '),
          }))}
          value={v.childId}
          onChange={(e) => form.set('childId', e.currentTarget.value)}
          error={tr(form.errors.childId)}
        />
        <p>
          {t('parent.applications.childMissing')}{' '}
          <a href={href('children?add=1')}>+ {t('parent.children.add')}</a>
        </p>
        <SelectField
          label={t('parent.applications.groupType')}
          required
          options={GROUP_TYPES.map((g) => ({ value: g, label: t(`common.groupTypes.${g}`) }))}
          value={v.groupType}
          onChange={(e) => form.set('groupType', e.currentTarget.value)}
          error={tr(form.errors.groupType)}
        />
        <ChoiceGroup
          legend={t('parent.applications.languages')}
          required
          options={LANGUAGES.map((l) => ({ value: l, label: t(`common.languages.${l}`) }))}
          value={v.languages}
          onChange={(languages) => form.set('languages', languages)}
          error={tr(form.errors.languages)}
        />
        <SelectField
          label={t('parent.applications.region')}
          required
          placeholder={t('common.notSelected')}
          options={regions.map((r) => ({ value: r.id, label: r.name }))}
          value={v.regionId}
          onChange={(e) => {
            form.set('regionId', e.currentTarget.value);
            form.set('localityId', '');
          }}
          error={tr(form.errors.regionId)}
        />
        <SelectField
          label={t('parent.applications.locality')}
          required
          placeholder={t('common.notSelected')}
          options={(region?.localities ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={v.localityId}
          onChange={(e) => form.set('localityId', e.currentTarget.value)}
          error={tr(form.errors.localityId)}
        />
        <SelectField
          label={t('parent.applications.priority')}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`common.priorities.${p}`) }))}
          value={v.claimedPriority}
          onChange={(e) =>
            form.set('claimedPriority', e.currentTarget.value as NewApplication['claimedPriority'])
          }
          hint={t('parent.applications.priorityHint')}
        />
        <FormError error={form.errors.form} />
        <button type="submit" className="ui-button" disabled={form.busy}>
          {t('common.actions.next')}
        </button>
      </form>
    </Page>
  );
}
