import { createHash } from 'node:crypto';
import { z } from 'zod';
import { contentMatchesType } from '../../../src/domain';
import { normalisePhone } from '../../auth';
import { collectionOf, type Parent } from '../../schema';
import { ApiError, notFound } from '../api-error';
import { me } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { meView } from '../views';

/** "Изменить фото": a small picture, JPEG, PNG or WebP. */
export const PHOTO_LIMIT = {
  maxBytes: 2 * 1024 * 1024,
  types: ['image/jpeg', 'image/png', 'image/webp'],
} as const;

const optionalPhone = z.string().max(40).nullable().optional();

/** The seed's "Профиль": what registration filled in, plus contact phones, address and photo. */
export function profileRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/me',
      operationId: 'getProfile',
      response: me,
      tag: 'profile',
      summary: 'The profile ("Личный кабинет → Профиль")',
      access: 'registering',
      handle: async ({ parent }) => meView(parent!),
    }),
    route({
      method: 'patch',
      path: '/me',
      operationId: 'updateProfile',
      response: me,
      tag: 'profile',
      summary:
        'Contact phone, additional phone and address (names, IIN and birth date come from the registry)',
      access: 'registering',
      body: z
        .object({
          contactPhone: optionalPhone,
          extraPhone: optionalPhone,
          address: z.string().max(300).nullable().optional(),
        })
        .strict(),
      errors: ['phoneInvalid'],
      handle: async ({ ctx, body, parent }) => {
        const patch: Partial<Parent> = {};
        const unset: (keyof Parent)[] = [];
        for (const key of ['contactPhone', 'extraPhone'] as const) {
          const v = body[key];
          if (v === undefined) continue;
          if (v === null || v.trim() === '') unset.push(key);
          else {
            const phone = normalisePhone(v);
            if (!phone) throw new ApiError(400, 'phoneInvalid', {}, key);
            patch[key] = phone;
          }
        }
        if (body.address !== undefined) {
          if (body.address === null || body.address.trim() === '') unset.push('address');
          else patch.address = body.address.trim();
        }
        const doc = await collectionOf(ctx.db, 'parents').findOne(parent!.id).exec();
        const now = ctx.now().getTime();
        const updated = await doc!.incrementalModify((d) => {
          const next = { ...d, ...patch, updatedAt: now };
          for (const k of unset) delete next[k];
          return next;
        });
        return meView(updated.toJSON() as Parent);
      },
    }),
    route({
      method: 'post',
      path: '/me/photo',
      operationId: 'uploadProfilePhoto',
      response: me,
      tag: 'profile',
      summary: 'Upload the profile photo ("Изменить фото"): one JPEG, PNG or WebP up to 2 MB',
      access: 'registering',
      upload: { field: 'photo', maxFiles: 1, ...PHOTO_LIMIT },
      errors: ['payloadTooLarge', 'unsupportedFileType', 'fileRequired'],
      handle: async ({ ctx, files, parent }) => {
        const file = files[0];
        if (!file) throw new ApiError(400, 'fileRequired', {}, 'photo');
        if (!contentMatchesType(file.mimetype, file.buffer)) {
          throw new ApiError(415, 'unsupportedFileType', { types: PHOTO_LIMIT.types.join(', ') }, 'photo');
        }
        const now = ctx.now();
        // One photo per parent, replaced in place: nothing is left behind by a new upload.
        const id = `photo:${parent!.id}`.slice(0, 64);
        await collectionOf(ctx.db, 'uploads').upsert({
          id,
          ownerId: parent!.id,
          kind: 'photo',
          name: file.originalname.slice(0, 200) || 'photo',
          contentType: file.mimetype,
          size: file.size,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          content: file.buffer.toString('base64'),
          createdAt: now.toISOString(),
          updatedAt: now.getTime(),
        });
        const doc = await collectionOf(ctx.db, 'parents').findOne(parent!.id).exec();
        const updated = await doc!.incrementalPatch({ photoId: id, updatedAt: now.getTime() });
        return meView(updated.toJSON() as Parent);
      },
    }),
    route({
      method: 'get',
      path: '/me/photo',
      operationId: 'getProfilePhoto',
      tag: 'profile',
      summary: 'The profile photo',
      access: 'registering',
      response: { contentType: 'image/*' },
      handle: async ({ ctx, parent, res }) => {
        const upload = parent!.photoId
          ? await collectionOf(ctx.db, 'uploads').findOne(parent!.photoId).exec()
          : null;
        if (!upload || upload.ownerId !== parent!.id) throw notFound('photo');
        res
          .status(200)
          .type(upload.contentType)
          .set('Cache-Control', 'private, no-cache')
          .set('X-Content-Type-Options', 'nosniff')
          .send(Buffer.from(upload.content, 'base64'));
        return undefined;
      },
    }),
  ];
}
