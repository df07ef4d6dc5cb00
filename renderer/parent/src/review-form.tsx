import type { FormEvent } from 'react';
import { ChoiceGroup, Field, Notice } from '../../ui';
import { addReview } from './api';
import { FormError } from './form-error';
import { useT } from './i18n';
import { useForm } from './use-form';

/**
 * "Отзывы пользователей" (the seed's main page): a logged-in parent rates the portal, or the
 * kindergarten whose page it is, 1–5 with a text; a second review of the same replaces the first (one per parent and
 * kindergarten, as the API keeps it).
 */
export function ReviewForm({ kindergartenId, onSaved }: { kindergartenId?: string; onSaved: () => void }) {
  const { t, tr } = useT();
  const form = useForm({ rating: '', text: '', saved: false });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(
      (v) => ({
        rating: v.rating ? undefined : { key: 'parent.form.required' },
        text: v.text.trim() ? undefined : { key: 'parent.form.required' },
      }),
      async (v) => {
        await addReview({ rating: Number(v.rating), text: v.text.trim(), kindergartenId });
        form.setValues({ rating: '', text: '', saved: true });
        onSaved();
      },
    );
  };
  const textError = tr(form.errors.text);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="review-form-title">
      <h3 id="review-form-title">{t('parent.home.reviewWrite')}</h3>
      <ChoiceGroup
        kind="radio"
        legend={t('parent.home.reviewRating')}
        required
        options={[1, 2, 3, 4, 5].map((n) => ({
          value: String(n),
          label: t('parent.home.reviewStars', { rating: n }),
        }))}
        value={form.values.rating ? [form.values.rating] : []}
        onChange={([rating]) => form.set('rating', rating)}
        error={tr(form.errors.rating)}
      />
      <Field label={t('parent.home.reviewText')} required error={textError}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={2000}
            value={form.values.text}
            onChange={(e) => form.set('text', e.currentTarget.value)}
          />
        )}
      </Field>
      <FormError error={form.errors.form} />
      {form.values.saved ? <Notice tone="success">{t('parent.home.reviewThanks')}</Notice> : null}
      <button type="submit" className="ui-button" disabled={form.busy}>
        {t('common.actions.send')}
      </button>
    </form>
  );
}
