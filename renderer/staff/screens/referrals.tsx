import { useState } from 'react';
import { canExtend, hasLapsed, lastValidDay } from '../../../src/domain';
import type { Referral } from '../../../src/schema';
import { ConfirmDialog, DataTable } from '../../ui';
import { useUiStore } from '../state';
import { formatDate, formatDateTime, useStaffT } from '../i18n';
import { NotSynced } from '../not-synced';
import { referralPdfBytes } from '../referral-pdf';
import { useClock, useStaffContext } from '../runtime-context';
import { usePerform } from '../use-perform';
import { useWorkspace } from '../workspace';
import { useAttachedFiles } from '../workspace';
import { ContractForm } from './contract-form';
import { DocumentsPanel } from './documents';
import { ExtensionForm } from './extension-form';
import { ReferralCheckBox } from './referral-check-box';

type Open = { form: 'extension' | 'contract' | 'documents'; referral: Referral } | null;
const ORDER: Record<string, number> = { active: 0, enrolled: 1, expired: 2, annulled: 3 };

/**
 * Направления of this kindergarten (docs/domain.md, Referrals): print or save the PDF, record an extension
 * on the last valid day, mark a no-show after it, sign the contract with its number and date.
 */
export function ReferralsScreen() {
  const { t, language } = useStaffT();
  const { host, runtime } = useStaffContext();
  const clock = useClock();
  const { state, unsynced, rejected } = useWorkspace();
  const toast = useUiStore((s) => s.toast);
  const { perform, busy } = usePerform();
  const [open, setOpen] = useState<Open>(null);
  const [noShow, setNoShow] = useState<Referral | null>(null);
  const attached = useAttachedFiles((s) => s.files);
  // This computer's files are named in the referral's extension (pending or applied), except those of a
  // rejected extension: they come on top of the one that stands (e.g. the parent's).
  const rejectedIds = new Set(rejected.map((a) => a.id));
  const documentCount = (r: Referral) => {
    const mine = attached.filter((f) => f.referralId === r.id);
    const extra = mine.filter((f) => rejectedIds.has(f.actionId)).length;
    return Math.max(r.extension?.documents.length ?? 0, mine.length - extra) + extra;
  };
  const now = clock().toISOString();
  const referrals = Object.values(state.referrals).sort(
    (a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || b.activatedAt.localeCompare(a.activatedAt),
  );

  const pdf = async (referral: Referral, how: 'save' | 'print') => {
    const bytes = await referralPdfBytes(
      host,
      referral,
      state.kindergartens[referral.kindergartenId],
      state.groups[referral.groupId],
      language,
      runtime?.publicUrl() ?? window.location.origin,
    );
    if (!bytes.ok) return toast('error', t(`staff.hostErrors.${bytes.error.code}`));
    const doc = {
      fileName: `${t('staff.referrals.fileName')} ${referral.verificationCode}.pdf`,
      data: bytes.value,
    };
    const done = how === 'save' ? await host.savePdf(doc) : await host.printPdf(doc);
    if (!done.ok) toast('error', t(`staff.hostErrors.${done.error.code}`));
  };

  if (open?.form === 'extension')
    return <ExtensionForm referral={open.referral} onDone={() => setOpen(null)} />;
  if (open?.form === 'contract')
    return <ContractForm referral={open.referral} onDone={() => setOpen(null)} />;
  if (open?.form === 'documents')
    return <DocumentsPanel referral={open.referral} onDone={() => setOpen(null)} />;
  return (
    <section aria-labelledby="referrals-title">
      <h1 id="referrals-title">{t('staff.referrals.title')}</h1>
      <ReferralCheckBox />
      <DataTable
        caption={<span className="ui-visually-hidden">{t('staff.referrals.title')}</span>}
        rows={referrals}
        rowKey={(r) => r.id}
        empty={t('common.empty')}
        columns={[
          {
            key: 'child',
            header: t('staff.referrals.child'),
            label: t('staff.referrals.child'),
            cell: (r) => (
              <>
                <span data-testid="referral-child">{r.childName}</span>
                <NotSynced show={unsynced.has(`referrals/${r.id}`)} />
              </>
            ),
          },
          {
            key: 'group',
            header: t('staff.referrals.group'),
            label: t('staff.referrals.group'),
            cell: (r) => state.groups[r.groupId]?.name ?? '',
          },
          {
            key: 'issued',
            header: t('staff.referrals.activatedAt'),
            label: t('staff.referrals.activatedAt'),
            cell: (r) => formatDateTime(r.activatedAt),
          },
          {
            key: 'valid',
            header: t('staff.referrals.validUntil'),
            label: t('staff.referrals.validUntil'),
            cell: (r) => (
              <>
                {formatDate(r.validUntil)}
                {r.extendedUntil ? (
                  <span className="staff-reason" data-testid="referral-extended">
                    {' '}
                    {t('staff.referrals.extendedUntil')}: {formatDate(r.extendedUntil)}
                  </span>
                ) : null}
              </>
            ),
          },
          {
            key: 'status',
            header: t('staff.referrals.status'),
            label: t('staff.referrals.status'),
            cell: (r) => (
              <span className={`staff-status staff-status--${r.status}`} data-testid="referral-status">
                {t(`common.referralStatuses.${r.status}`)}
                {r.contractNumber ? ` · № ${r.contractNumber}` : ''}
              </span>
            ),
          },
          {
            key: 'code',
            header: t('staff.referrals.verificationCode'),
            label: t('staff.referrals.verificationCode'),
            cell: (r) => r.verificationCode,
          },
          {
            key: 'actions',
            header: <span className="ui-visually-hidden">{t('staff.bulletins.operations')}</span>,
            label: t('staff.bulletins.operations'),
            cell: (r) => {
              const lapsed = hasLapsed(r, now);
              const isLapsed = lapsed.ok && lapsed.value;
              return (
                <div className="staff-row-actions">
                  <button
                    type="button"
                    className="ui-button ui-button--secondary"
                    onClick={() => pdf(r, 'print')}
                  >
                    {t('staff.referrals.print')}
                  </button>
                  <button
                    type="button"
                    className="ui-button ui-button--secondary"
                    onClick={() => pdf(r, 'save')}
                  >
                    {t('staff.referrals.save')}
                  </button>
                  {documentCount(r) > 0 ? (
                    <button
                      type="button"
                      className="ui-button ui-button--secondary"
                      onClick={() => setOpen({ form: 'documents', referral: r })}
                    >
                      {t('staff.documents.open', { count: documentCount(r) })}
                    </button>
                  ) : null}
                  {r.status === 'active' && canExtend(r, now).ok ? (
                    <button
                      type="button"
                      className="ui-button ui-button--secondary"
                      onClick={() => setOpen({ form: 'extension', referral: r })}
                    >
                      {t('staff.referrals.extend')}
                    </button>
                  ) : null}
                  {r.status === 'active' && !isLapsed ? (
                    <button
                      type="button"
                      className="ui-button"
                      onClick={() => setOpen({ form: 'contract', referral: r })}
                    >
                      {t('staff.referrals.signContract')}
                    </button>
                  ) : null}
                  {r.status === 'active' && isLapsed ? (
                    <button
                      type="button"
                      className="ui-button ui-button--danger"
                      disabled={busy}
                      onClick={() => setNoShow(r)}
                    >
                      {t('staff.referrals.noShow')}
                    </button>
                  ) : null}
                  {r.status === 'active' && !isLapsed ? (
                    <span className="staff-reason">
                      {t('staff.referrals.lastDay', { day: formatDate(lastValidDay(r)) })}
                    </span>
                  ) : null}
                </div>
              );
            },
          },
        ]}
      />
      <ConfirmDialog
        open={noShow !== null}
        title={t('staff.referrals.noShow')}
        confirmLabel={t('common.actions.confirm')}
        tone="danger"
        cancelLabel={t('common.actions.cancel')}
        onCancel={() => setNoShow(null)}
        onConfirm={() => {
          if (noShow) void perform('referral.noShow', { referralId: noShow.id });
          setNoShow(null);
        }}
      >
        <p>{t('staff.referrals.noShowConfirm')}</p>
      </ConfirmDialog>
    </section>
  );
}
