import { z } from 'zod';
import { review } from '../../../src/contract';
import type { Review } from '../../schema';
import { collectionOf } from '../../schema';
import { notFound } from '../api-error';
import { type RouteSpec, route } from '../route';

/** "Отзывы пользователей" of the seed's main page. One review per parent and kindergarten (or the portal). */
export function reviewRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/reviews',
      operationId: 'listReviews',
      response: z.array(review),
      tag: 'reviews',
      summary: 'Reviews, newest first; optionally of one kindergarten',
      access: 'public',
      query: z.object({
        kindergartenId: z.string().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      handle: async ({ ctx, query }) => {
        const selector = query.kindergartenId ? { kindergartenId: query.kindergartenId } : {};
        const docs = await collectionOf(ctx.db, 'reviews')
          .find({ selector, sort: [{ createdAt: 'desc' }], limit: query.limit })
          .exec();
        return docs.map((d) => {
          const { authorId: _private, ...rest } = d.toJSON() as Review;
          return rest;
        });
      },
    }),
    route({
      method: 'post',
      path: '/reviews',
      operationId: 'addReview',
      response: review,
      tag: 'reviews',
      summary: 'Add or replace my review (rating 1–5 and text), of the portal or of one kindergarten',
      access: 'parent',
      status: 201,
      body: z.object({
        rating: z.number().int().min(1).max(5),
        text: z.string().trim().min(1).max(2000),
        kindergartenId: z.string().max(64).optional(),
      }),
      errors: ['notFound'],
      handle: async ({ ctx, body, parent }) => {
        if (
          body.kindergartenId &&
          !(await collectionOf(ctx.db, 'kindergartens').findOne(body.kindergartenId).exec())
        ) {
          throw notFound('kindergarten');
        }
        const now = ctx.now();
        const target = body.kindergartenId ?? 'portal';
        const review: Review = {
          id: `review:${parent!.id}:${target}`.slice(0, 64),
          authorId: parent!.id,
          // Public: the first name and the initial of the last name only.
          authorName: `${parent!.firstName ?? ''} ${parent!.lastName?.[0] ?? ''}.`.trim(),
          ...(body.kindergartenId ? { kindergartenId: body.kindergartenId } : {}),
          rating: body.rating,
          text: body.text,
          createdAt: now.toISOString(),
          updatedAt: now.getTime(),
        };
        await collectionOf(ctx.db, 'reviews').upsert(review);
        const { authorId: _private, ...shown } = review;
        return shown;
      },
    }),
  ];
}
