import { useState } from 'react';
import type { Kindergarten } from '../../../../src/schema';
import { ConfirmDialog, Notice, SelectField, TextField } from '../../../ui';
import { api } from '../api';
import { draftFields, EditForm, Table } from '../components';
import { ExportButtons } from '../export-buttons';
import { IinDisputeSection } from '../iin-dispute-section';
import { useT } from '../i18n';
import { Section } from '../section';
import { useLoad } from '../use-load';

interface StaffDraft {
  login: string;
  name: string;
  kindergartenId: string;
  password: string;
}

/**
 * Staff accounts (issue 8, Management): create, reset the password (a one-time password shown once),
 * disable, and assign to a kindergarten. Each of these but creation ends the account's sessions.
 */
export function StaffPage({
  kindergartens,
  live,
}: {
  kindergartens: Kindergarten[];
  live: { version: number };
}) {
  const { t, language, errorText } = useT();
  const list = useLoad(() => api.staff(), [live.version]);
  const [draft, setDraft] = useState<StaffDraft | null>(null);
  const field = draftFields<StaffDraft>(setDraft);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [temporary, setTemporary] = useState<{ login: string; password: string } | null>(null);
  const [confirmDisable, setConfirmDisable] = useState<{ id: string; login: string } | null>(null);
  // A move ends the account's sessions (its replica must pull the new kindergarten): asked once more.
  const [moving, setMoving] = useState<{ id: string; login: string; kindergartenId: string } | null>(null);
  const kgName = (id?: string) => {
    const k = kindergartens.find((x) => x.id === id);
    return k ? (language === 'kk' ? k.nameKk : k.nameRu) : (id ?? '—');
  };
  const ok = () => {
    setNotice({ tone: 'success', text: t('supervisor.management.saved') });
    list.reload();
  };
  const failed = (e: unknown) => setNotice({ tone: 'error', text: errorText(e) });
  const kgOptions = kindergartens
    .filter((k) => k.status === 'open')
    .map((k) => ({ value: k.id, label: kgName(k.id) }));

  return (
    <main className="sv-page" aria-labelledby="staff-title">
      <h1 id="staff-title">{t('supervisor.management.staff')}</h1>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {temporary ? (
        <Notice tone="success">
          {t('supervisor.management.temporaryPassword', { login: temporary.login })}{' '}
          <code data-testid="temporary-password">{temporary.password}</code>
        </Notice>
      ) : null}
      {list.error ? <Notice tone="error">{errorText(list.error)}</Notice> : null}
      <Section
        id="staff"
        title={t('supervisor.management.staff')}
        tools={
          <span className="sv-tools">
            <ExportButtons table="staff" />
            <button
              type="button"
              className="ui-button sv-small"
              onClick={() =>
                setDraft({ login: '', name: '', kindergartenId: kgOptions[0]?.value ?? '', password: '' })
              }
            >
              {t('supervisor.management.addStaff')}
            </button>
          </span>
        }
      >
        {draft ? (
          <EditForm
            onSave={() => {
              api.createStaff({ ...draft }).then(() => {
                setDraft(null);
                ok();
              }, failed);
            }}
            onCancel={() => setDraft(null)}
          >
            <TextField
              label={t('supervisor.management.login')}
              required
              autoComplete="off"
              {...field(draft, 'login')}
            />
            <TextField label={t('supervisor.management.fullName')} required {...field(draft, 'name')} />
            <SelectField
              label={t('supervisor.filters.kindergarten')}
              required
              options={kgOptions}
              {...field(draft, 'kindergartenId')}
            />
            <TextField
              type="password"
              autoComplete="new-password"
              label={t('supervisor.management.initialPassword')}
              hint={t('supervisor.management.passwordHint')}
              required
              minLength={8}
              maxLength={40}
              {...field(draft, 'password')}
            />
          </EditForm>
        ) : null}
        <Table
          caption={t('supervisor.management.staff')}
          rowKey={(u) => u.id}
          rows={list.data?.staff ?? []}
          empty={t('common.empty')}
          columns={[
            { key: 'login', title: t('supervisor.management.login'), cell: (u) => u.login },
            { key: 'name', title: t('supervisor.management.fullName'), cell: (u) => u.name },
            {
              key: 'kg',
              title: t('supervisor.filters.kindergarten'),
              cell: (u) => (
                <select
                  aria-label={t('supervisor.management.assign', { login: u.login })}
                  value={u.kindergartenId ?? ''}
                  onChange={(e) => setMoving({ id: u.id, login: u.login, kindergartenId: e.target.value })}
                >
                  {kindergartens.map((k) => (
                    <option key={k.id} value={k.id}>
                      {kgName(k.id)}
                    </option>
                  ))}
                </select>
              ),
            },
            {
              key: 'state',
              title: t('supervisor.fairness.status'),
              cell: (u) =>
                u.disabled ? t('supervisor.management.disabled') : t('supervisor.management.active'),
            },
            {
              key: 'act',
              title: '',
              cell: (u) => (
                <span className="sv-links">
                  <button
                    type="button"
                    className="sv-link"
                    onClick={() =>
                      api.resetStaffPassword(u.id).then((r) => {
                        setTemporary({ login: u.login, password: r.temporaryPassword });
                        list.reload();
                      }, failed)
                    }
                  >
                    {t('supervisor.management.resetPassword')}
                  </button>
                  {u.disabled ? (
                    <button
                      type="button"
                      className="sv-link"
                      onClick={() => api.setStaffDisabled(u.id, false).then(ok, failed)}
                    >
                      {t('supervisor.management.enable')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="sv-link"
                      onClick={() => setConfirmDisable({ id: u.id, login: u.login })}
                    >
                      {t('supervisor.management.disable')}
                    </button>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Section>
      <ConfirmDialog
        open={moving !== null}
        title={t('supervisor.management.moveTitle')}
        confirmLabel={t('common.actions.confirm')}
        tone="primary"
        cancelLabel={t('common.actions.cancel')}
        onConfirm={() => {
          const target = moving;
          setMoving(null);
          if (target) api.updateStaff(target.id, { kindergartenId: target.kindergartenId }).then(ok, failed);
        }}
        onCancel={() => setMoving(null)}
      >
        <p>
          {t('supervisor.management.moveConfirm', {
            login: moving?.login ?? '',
            name: kgName(moving?.kindergartenId),
          })}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmDisable !== null}
        title={t('supervisor.management.disable')}
        confirmLabel={t('supervisor.management.disable')}
        tone="danger"
        cancelLabel={t('common.actions.cancel')}
        onConfirm={() => {
          const target = confirmDisable;
          setConfirmDisable(null);
          if (target) api.setStaffDisabled(target.id, true).then(ok, failed);
        }}
        onCancel={() => setConfirmDisable(null)}
      >
        <p>{t('supervisor.management.disableConfirm', { login: confirmDisable?.login ?? '' })}</p>
      </ConfirmDialog>
      <IinDisputeSection />
    </main>
  );
}
