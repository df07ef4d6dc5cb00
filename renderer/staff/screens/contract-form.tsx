import { type FormEvent, useState } from 'react';
import type { Referral } from '../../../src/schema';
import { TextField } from '../../ui';
import { useStaffT } from '../i18n';
import { useClock } from '../runtime-context';
import { usePerform } from '../use-perform';
import { almatyToday } from './almaty-input';

/** "Заключение договора": the contract's number and date; signing enrolls the child (docs/domain.md, Contract). */
export function ContractForm({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useStaffT();
  const { perform, busy } = usePerform();
  const [contractNumber, setNumber] = useState('');
  const clock = useClock();
  const [contractDate, setDate] = useState(() => almatyToday(clock().getTime()));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await perform('referral.signContract', {
      referralId: referral.id,
      contractNumber: contractNumber.trim(),
      contractDate,
    });
    if (done) onDone();
  };
  return (
    <form className="staff-form" onSubmit={submit} aria-labelledby="contract-title">
      <h1 id="contract-title">{t('staff.contract.title')}</h1>
      <p>{referral.childName}</p>
      <TextField
        label={t('staff.contract.number')}
        required
        maxLength={60}
        value={contractNumber}
        onChange={(e) => setNumber(e.target.value)}
      />
      <TextField
        label={t('staff.contract.date')}
        type="date"
        required
        value={contractDate}
        onChange={(e) => setDate(e.target.value)}
      />
      <div className="ui-actions">
        <button className="ui-button" type="submit" disabled={busy}>
          {t('staff.contract.sign')}
        </button>
        <button className="ui-button ui-button--secondary" type="button" onClick={onDone}>
          {t('common.actions.cancel')}
        </button>
      </div>
    </form>
  );
}
