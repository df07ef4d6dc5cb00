import { useState } from 'react';
import { type Column, DataTable, Notice } from '../../../ui';
import { addChild, type Child, checkChild, listChildren } from '../api';
import { CabinetNav } from '../cabinet-nav';
import { formatDate, useT } from '../i18n';
import { Page } from '../page';
import { PersonCheck } from '../person-check';
import { href, useRoute } from '../router';
import { useLoad } from '../use-load';

/**
 * "Мои дети": the list, and "Добавить ребенка" by IIN → "Проверить ИИН" shows the child's data →
 * "Сохранить" (the seed's "Анкета ребенка").
 */
export function Children() {
  const { t } = useT();
  const route = useRoute();
  const children = useLoad(listChildren, []);
  const [adding, setAdding] = useState(route.query.get('add') === '1');
  const [added, setAdded] = useState<string | null>(null);
  const columns: Column<Child>[] = [
    {
      key: 'name',
      header: t('parent.children.fullName'),
      label: t('parent.children.fullName'),
      cell: (c) => [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' '),
    },
    {
      key: 'iin',
      header: t('parent.children.iinColumn'),
      label: t('parent.children.iinColumn'),
      cell: (c) => c.iin,
    },
    {
      key: 'birth',
      header: t('parent.children.birthDate'),
      label: t('parent.children.birthDate'),
      cell: (c) => formatDate(c.birthDate),
    },
    {
      key: 'sex',
      header: t('parent.children.sex'),
      label: t('parent.children.sex'),
      cell: (c) => t(`common.sex.${c.sex}`),
    },
  ];
  return (
    <Page title={t('parent.children.title')}>
      <CabinetNav />
      {added ? (
        <Notice tone="success">
          {t('parent.children.added', { child: added })}{' '}
          <a href={href('applications/new')}>{t('parent.applications.add')}</a>
        </Notice>
      ) : null}
      {adding ? (
        <section aria-labelledby="child-form-title">
          <h2 id="child-form-title">{t('parent.children.childInfo')}</h2>
          <p className="muted">{t('common.requiredHint')}</p>
          <PersonCheck
            whose="child"
            label={t('parent.children.iin')}
            checkLabel={t('parent.children.checkIin')}
            saveLabel={t('common.actions.save')}
            check={checkChild}
            save={async (iin) => {
              const child = await addChild(iin);
              setAdded([child.lastName, child.firstName].join(' '));
              setAdding(false);
              children.reload();
            }}
            onCancel={() => setAdding(false)}
          />
        </section>
      ) : (
        <button type="button" className="ui-button" onClick={() => setAdding(true)}>
          + {t('parent.children.add')}
        </button>
      )}
      <DataTable
        caption={t('parent.children.title')}
        columns={columns}
        rows={children.data ?? []}
        rowKey={(c) => c.id}
        empty={children.loading ? t('common.loading') : t('parent.children.none')}
      />
    </Page>
  );
}
