import { useState } from 'react';
import { AGE_GROUPS } from '../../../../src/domain';
import type { Group, Kindergarten } from '../../../../src/schema';
import { ConfirmDialog, Notice, SelectField, TextField } from '../../../ui';
import { api, type Locality } from '../api';
import { languageNames } from '../catalogue-names';
import { draftFields, EditForm, Table } from '../components';
import { ExportButtons } from '../export-buttons';
import { href } from '../hash-route';
import { useT } from '../i18n';
import { localityName } from '../locality-name';
import type { LiveState } from '../live';
import { Section } from '../section';
import { useLoad } from '../use-load';

interface Closing {
  name: string;
  run: () => Promise<unknown>;
}
const splitList = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

interface KindergartenDraft {
  id?: string;
  nameKk: string;
  nameRu: string;
  ownership: 'state' | 'private';
  localityId: string;
  address: string;
  phone: string;
  languages: string;
}
const emptyKindergarten: KindergartenDraft = {
  nameKk: '',
  nameRu: '',
  ownership: 'state',
  localityId: '',
  address: '',
  phone: '',
  languages: 'kk, ru',
};

interface GroupDraft {
  id?: string;
  name: string;
  groupType: string;
  language: string;
  birthYears: string;
  ageGroup: string;
  capacity: string;
}
const emptyGroup: GroupDraft = {
  name: '',
  groupType: 'ordinary',
  language: 'kk',
  birthYears: '',
  ageGroup: 'mixed',
  capacity: '25',
};

/** Management of the catalogue (issue 8): kindergartens and their groups — create, edit, close. */
export function CataloguePage({
  route,
  localities,
  live,
  onChanged,
}: {
  route: string[];
  localities: Locality[];
  live: LiveState;
  onChanged: () => void;
}) {
  const { t, language, errorText } = useT();
  const selectedId = route[1];
  const list = useLoad(() => api.kindergartens(), [live.version]);
  const [draft, setDraft] = useState<KindergartenDraft | null>(null);
  const field = draftFields<KindergartenDraft>(setDraft);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  // Closing takes places off the map for parents: asked once more (the seed's "Подтвердить" pattern).
  const [closing, setClosing] = useState<Closing | null>(null);

  const done = (text: string) => {
    setNotice({ tone: 'success', text });
    list.reload();
    onChanged();
  };
  const failed = (e: unknown) => setNotice({ tone: 'error', text: errorText(e) });

  const save = (d: KindergartenDraft) => {
    const body = {
      nameKk: d.nameKk,
      nameRu: d.nameRu,
      ownership: d.ownership,
      localityId: d.localityId,
      address: d.address,
      ...(d.phone ? { phone: d.phone } : {}),
      languages: splitList(d.languages),
    };
    (d.id ? api.updateKindergarten(d.id, body) : api.createKindergarten(body)).then(() => {
      setDraft(null);
      done(t('supervisor.management.saved'));
    }, failed);
  };

  const kindergartens = list.data?.kindergartens ?? [];
  const selected = kindergartens.find((k) => k.id === selectedId);
  const name = (k: Kindergarten) => (language === 'kk' ? k.nameKk : k.nameRu);

  return (
    <main className="sv-page" aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('supervisor.management.kindergartens')}</h1>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {list.error ? <Notice tone="error">{errorText(list.error)}</Notice> : null}
      <Section
        id="kindergartens"
        title={t('supervisor.management.kindergartens')}
        tools={
          <span className="sv-tools">
            <ExportButtons table="kindergartens" />
            <button
              type="button"
              className="ui-button sv-small"
              onClick={() => setDraft({ ...emptyKindergarten, localityId: localities[0]?.id ?? '' })}
            >
              {t('supervisor.management.addKindergarten')}
            </button>
          </span>
        }
      >
        {draft ? (
          <EditForm
            onSave={() => {
              save(draft);
            }}
            onCancel={() => setDraft(null)}
          >
            <TextField label={t('supervisor.management.nameKk')} required {...field(draft, 'nameKk')} />
            <TextField label={t('supervisor.management.nameRu')} required {...field(draft, 'nameRu')} />
            <SelectField
              label={t('supervisor.management.ownership')}
              options={[
                { value: 'state', label: t('common.ownership.state') },
                { value: 'private', label: t('common.ownership.private') },
              ]}
              {...field(draft, 'ownership')}
            />
            <SelectField
              label={t('supervisor.filters.locality')}
              required
              options={localities.map((l) => ({ value: l.id, label: localityName(l, language) }))}
              {...field(draft, 'localityId')}
            />
            <TextField label={t('supervisor.management.address')} required {...field(draft, 'address')} />
            <TextField label={t('supervisor.management.phone')} {...field(draft, 'phone')} />
            <TextField
              label={t('supervisor.management.languages')}
              hint={t('supervisor.management.languagesHint')}
              required
              {...field(draft, 'languages')}
            />
          </EditForm>
        ) : null}
        <Table
          caption={t('supervisor.management.kindergartens')}
          rowKey={(k) => k.id}
          rows={kindergartens}
          empty={t('common.empty')}
          columns={[
            { key: 'name', title: t('supervisor.management.name'), cell: (k) => name(k) },
            {
              key: 'loc',
              title: t('supervisor.filters.locality'),
              cell: (k) =>
                localityName(
                  localities.find((l) => l.id === k.localityId),
                  language,
                  k.localityId,
                ),
            },
            {
              key: 'own',
              title: t('supervisor.management.ownership'),
              cell: (k) => t(`common.ownership.${k.ownership}`),
            },
            {
              key: 'lang',
              title: t('supervisor.management.languages'),
              cell: (k) => languageNames(k.languages, t),
            },
            { key: 'groups', title: t('supervisor.management.groups'), cell: (k) => k.groups },
            {
              key: 'status',
              title: t('supervisor.fairness.status'),
              cell: (k) => t(`supervisor.management.statuses.${k.status}`),
            },
            {
              key: 'act',
              title: '',
              cell: (k) => (
                <span className="sv-links">
                  <a href={href('management', k.id)}>{t('supervisor.management.groups')}</a>
                  <button
                    type="button"
                    className="sv-link"
                    onClick={() =>
                      setDraft({
                        id: k.id,
                        nameKk: k.nameKk,
                        nameRu: k.nameRu,
                        ownership: k.ownership as 'state' | 'private',
                        localityId: k.localityId,
                        address: k.address,
                        phone: k.phone ?? '',
                        languages: k.languages.join(', '),
                      })
                    }
                  >
                    {t('common.actions.edit')}
                  </button>
                  <button
                    type="button"
                    className="sv-link"
                    onClick={() =>
                      k.status === 'closed'
                        ? api
                            .setKindergartenOpen(k.id, true)
                            .then(() => done(t('supervisor.management.saved')), failed)
                        : setClosing({ name: name(k), run: () => api.setKindergartenOpen(k.id, false) })
                    }
                  >
                    {k.status === 'closed' ? t('supervisor.management.reopen') : t('common.actions.close')}
                  </button>
                </span>
              ),
            },
          ]}
        />
      </Section>
      <ConfirmDialog
        open={closing !== null}
        title={t('supervisor.management.closeTitle')}
        confirmLabel={t('common.actions.close')}
        tone="danger"
        cancelLabel={t('common.actions.cancel')}
        onConfirm={() => {
          const target = closing;
          setClosing(null);
          target?.run().then(() => done(t('supervisor.management.saved')), failed);
        }}
        onCancel={() => setClosing(null)}
      >
        <p>{t('supervisor.management.closeConfirm', { name: closing?.name ?? '' })}</p>
      </ConfirmDialog>
      {selected ? (
        <GroupsSection
          kindergarten={selected}
          live={live}
          onDone={done}
          onFailed={failed}
          onClose={setClosing}
        />
      ) : null}
    </main>
  );
}

function GroupsSection({
  kindergarten,
  live,
  onDone,
  onFailed,
  onClose,
}: {
  kindergarten: Kindergarten;
  live: LiveState;
  onDone: (text: string) => void;
  onFailed: (e: unknown) => void;
  /** Asks for confirmation, then runs the close. */
  onClose: (closing: Closing) => void;
}) {
  const { t, language } = useT();
  const groups = useLoad(() => api.groups(kindergarten.id), [kindergarten.id, live.version]);
  const [draft, setDraft] = useState<GroupDraft | null>(null);
  const field = draftFields<GroupDraft>(setDraft);
  const save = (d: GroupDraft) => {
    const body = {
      name: d.name,
      groupType: d.groupType,
      language: d.language,
      birthYears: splitList(d.birthYears).map(Number),
      ageGroup: d.ageGroup,
      capacity: Number(d.capacity),
    };
    (d.id ? api.updateGroup(d.id, body) : api.createGroup({ ...body, kindergartenId: kindergarten.id })).then(
      () => {
        setDraft(null);
        groups.reload();
        onDone(t('supervisor.management.saved'));
      },
      onFailed,
    );
  };
  const edit = (g: Group) =>
    setDraft({
      id: g.id,
      name: g.name,
      groupType: g.groupType,
      language: g.language,
      birthYears: g.birthYears.join(', '),
      ageGroup: g.ageGroup,
      capacity: String(g.capacity),
    });
  return (
    <Section
      id="groups"
      title={`${t('supervisor.management.groups')}: ${language === 'kk' ? kindergarten.nameKk : kindergarten.nameRu}`}
      tools={
        <span className="sv-tools">
          <ExportButtons table="groups" params={{ kindergartenId: kindergarten.id }} />
          <button
            type="button"
            className="ui-button sv-small"
            onClick={() => setDraft({ ...emptyGroup })}
            disabled={kindergarten.status === 'closed'}
          >
            {t('supervisor.management.addGroup')}
          </button>
        </span>
      }
    >
      {draft ? (
        <EditForm
          onSave={() => {
            save(draft);
          }}
          onCancel={() => setDraft(null)}
        >
          <TextField label={t('supervisor.management.name')} required {...field(draft, 'name')} />
          <SelectField
            label={t('supervisor.management.groupType')}
            options={['ordinary', 'sanatorium', 'special', 'inclusive'].map((g) => ({
              value: g,
              label: t(`common.groupTypes.${g}`),
            }))}
            {...field(draft, 'groupType')}
          />
          <TextField label={t('common.language')} required {...field(draft, 'language')} />
          <TextField
            label={t('supervisor.dashboard.birthYear')}
            hint={t('supervisor.management.birthYearsHint')}
            required
            {...field(draft, 'birthYears')}
          />
          <SelectField
            label={t('supervisor.management.ageGroup')}
            options={AGE_GROUPS.map((a) => ({ value: a, label: t(`common.ageGroups.${a}`) }))}
            {...field(draft, 'ageGroup')}
          />
          <TextField
            type="number"
            min={0}
            max={1000}
            label={t('supervisor.management.capacity')}
            required
            {...field(draft, 'capacity')}
          />
        </EditForm>
      ) : null}
      <Table
        caption={t('supervisor.management.groups')}
        rowKey={(g) => g.id}
        rows={groups.data?.groups ?? []}
        empty={t('common.empty')}
        columns={[
          { key: 'name', title: t('supervisor.management.name'), cell: (g) => g.name },
          {
            key: 'type',
            title: t('supervisor.management.groupType'),
            cell: (g) => t(`common.groupTypes.${g.groupType}`, { defaultValue: g.groupType }),
          },
          { key: 'lang', title: t('common.language'), cell: (g) => g.language },
          { key: 'years', title: t('supervisor.dashboard.birthYear'), cell: (g) => g.birthYears.join(', ') },
          {
            key: 'cap',
            title: t('supervisor.management.capacity'),
            cell: (g) => `${g.enrolled} / ${g.capacity}`,
          },
          {
            key: 'status',
            title: t('supervisor.fairness.status'),
            cell: (g) => t(`supervisor.management.statuses.${g.status}`),
          },
          {
            key: 'act',
            title: '',
            cell: (g) => (
              <span className="sv-links">
                <button type="button" className="sv-link" onClick={() => edit(g)}>
                  {t('common.actions.edit')}
                </button>
                <button
                  type="button"
                  className="sv-link"
                  onClick={() => {
                    const run = () =>
                      api.setGroupOpen(g.id, g.status === 'closed').then(() => groups.reload());
                    if (g.status === 'closed')
                      run().then(() => onDone(t('supervisor.management.saved')), onFailed);
                    else onClose({ name: g.name, run });
                  }}
                >
                  {g.status === 'closed' ? t('supervisor.management.reopen') : t('common.actions.close')}
                </button>
              </span>
            ),
          },
        ]}
      />
    </Section>
  );
}
