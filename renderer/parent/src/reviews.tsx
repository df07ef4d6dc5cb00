import { lazy, Suspense } from 'react';
import { listReviews } from './api';
import { useT } from './i18n';
import { useSession } from './session';
import { useLoad } from './use-load';

// Only a logged-in parent writes a review: the form is fetched then, not on every first visit.
const ReviewForm = lazy(() => import('./review-form').then((m) => ({ default: m.ReviewForm })));

/**
 * "Отзывы пользователей": the newest reviews with their stars and, for a parent who is signed in, the
 * form to leave one. On the home page they are the portal's and every kindergarten's; on a
 * kindergarten's page (issue 14, item 17) only that kindergarten's, and the form reviews it.
 */
export function Reviews({ kindergartenId, shown = 5 }: { kindergartenId?: string; shown?: number }) {
  const { t } = useT();
  const reviews = useLoad(() => listReviews(kindergartenId), [kindergartenId]);
  const signedIn = useSession((s) => s.status === 'signedIn' && !!s.me && !s.me.needsIin);
  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t('parent.home.sections.reviews')}</h2>
      {reviews.data?.length ? (
        <ul className="reviews">
          {reviews.data.slice(0, shown).map((r) => (
            <li key={r.id}>
              <span role="img" aria-label={t('parent.home.rating', { rating: r.rating })}>
                {'★'.repeat(r.rating)}
                {'☆'.repeat(5 - r.rating)}
              </span>{' '}
              <strong>{r.authorName}</strong>
              <p>{r.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{reviews.loading ? t('common.loading') : t('common.empty')}</p>
      )}
      {signedIn ? (
        <Suspense fallback={null}>
          <ReviewForm kindergartenId={kindergartenId} onSaved={reviews.reload} />
        </Suspense>
      ) : null}
    </section>
  );
}
