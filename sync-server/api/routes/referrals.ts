import { z } from 'zod';
import { canExtend, contentMatchesType, EXTENSION_DOCUMENTS, extensionDocumentId } from '../../../src/domain';
import { renderReferralPdf } from '../../../src/pdf';
import type { Referral } from '../../../src/schema';
import type { ServerContext } from '../../context';
import type { Principal } from '../../auth';
import { collectionOf, type Parent, type Upload } from '../../schema';
import { ApiError, notFound } from '../api-error';
import { groupsById, kindergartensById } from '../catalogue-lookup';
import { idParam } from '../fields';
import { runParentAction } from '../parent-action';
import { referralView } from '../referral-view';
import { referralExtra } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { extensionDocumentUpload, sha256Hex, storeStaffExtensionDocument } from '../staff-extension-document';
import { kindergartenName } from '../views';

/** Supporting documents of an extension (docs/domain.md, Extension): up to 5 files of 5 MB, PDF or pictures. */
export const EXTENSION_UPLOAD = { field: 'documents', ...EXTENSION_DOCUMENTS } as const;

/** One file a staff workstation attached to an extension offline, uploaded on its own (same limits). */
const STAFF_DOCUMENT_UPLOAD = { ...EXTENSION_DOCUMENTS, field: 'document', maxFiles: 1 } as const;

async function ownReferral(ctx: ServerContext, parent: Parent, id: string): Promise<Referral> {
  const doc = await collectionOf(ctx.db, 'referrals').findOne(id).exec();
  if (!doc || doc.parentId !== parent.id) throw notFound('referral');
  return doc.toJSON() as Referral;
}

/**
 * Who may see a referral's supporting documents: its parent, the staff of its kindergarten (who
 * check them) and the supervisors of its district. Anyone else gets 404.
 */
async function referralForViewer(ctx: ServerContext, principal: Principal, id: string): Promise<Referral> {
  const doc = await collectionOf(ctx.db, 'referrals').findOne(id).exec();
  if (!doc) throw notFound('referral');
  const r = doc.toJSON() as Referral;
  if (principal.role === 'parent' && r.parentId === principal.userId) return r;
  if (principal.role === 'staff' && principal.kindergartenId === r.kindergartenId) return r;
  if (principal.role === 'supervisor') {
    const kg = (await kindergartensById(ctx, [r.kindergartenId])).get(r.kindergartenId);
    if (kg && kg.regionId === principal.regionId) return r;
  }
  throw notFound('referral');
}

/** A supporting document as listed and as answered to an upload: everything but its bytes and owner. */
const documentMeta = ({ content: _bytes, ownerId: _owner, ...meta }: Upload) => meta;

const documentMetaShape = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});

const documentParams = z.object({ id: z.string().min(1).max(64), documentId: z.string().min(1).max(64) });

async function referralDocuments(ctx: ServerContext, r: Referral) {
  const docs = await collectionOf(ctx.db, 'uploads')
    .find({ selector: { ownerId: r.parentId, kind: 'extensionDocument', referralId: r.id } })
    .exec();
  return docs.map((d) => d.toJSON() as Upload).sort((a, b) => a.id.localeCompare(b.id));
}

/** "Получение направления": view, download the PDF, extend with supporting documents. */
export function referralRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/referrals',
      operationId: 'listReferrals',
      response: { collection: 'referrals', array: true, extra: referralExtra },
      tag: 'referrals',
      summary: 'My referrals',
      access: 'parent',
      handle: async ({ ctx, parent, lng }) => {
        const docs = await collectionOf(ctx.db, 'referrals')
          .find({ selector: { parentId: parent!.id } })
          .exec();
        const items = await Promise.all(docs.map((d) => referralView(ctx, d.toJSON() as Referral, lng)));
        return items.sort((a, b) => b.activatedAt.localeCompare(a.activatedAt));
      },
    }),
    route({
      method: 'get',
      path: '/referrals/:id',
      operationId: 'getReferral',
      response: { collection: 'referrals', extra: referralExtra },
      tag: 'referrals',
      summary: 'A referral: kindergarten, group, valid until, whether it can be extended today',
      access: 'parent',
      params: idParam,
      errors: ['notFound'],
      handle: async ({ ctx, params, parent, lng }) =>
        referralView(ctx, await ownReferral(ctx, parent!, params.id), lng),
    }),
    route({
      method: 'get',
      path: '/referrals/:id/pdf',
      operationId: 'downloadReferralPdf',
      tag: 'referrals',
      summary:
        '"Скачать направление": the printable referral, in ?lang=kk|ru|en, for the parent, the kindergarten’s staff (to print it) and the district’s supervisors',
      access: 'session',
      params: idParam,
      query: z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() }),
      response: { contentType: 'application/pdf' },
      errors: ['notFound'],
      handle: async ({ ctx, params, principal, lng, res }) => {
        const r = await referralForViewer(ctx, principal!, params.id);
        const parent = (await collectionOf(ctx.db, 'parents').findOne(r.parentId).exec())?.toJSON() as
          | Parent
          | undefined;
        if (r.status === 'annulled') throw notFound('referral');
        const kg = (await kindergartensById(ctx, [r.kindergartenId])).get(r.kindergartenId);
        const group = (await groupsById(ctx, [r.groupId])).get(r.groupId);
        const child = await collectionOf(ctx.db, 'children')
          .findOne({ selector: { iin: r.childIin } })
          .exec();
        const pdf = await renderReferralPdf(
          {
            id: r.id,
            childIin: r.childIin,
            childName: r.childName,
            ...(r.parentName || parent
              ? {
                  parentName:
                    r.parentName ??
                    [parent?.lastName, parent?.firstName, parent?.middleName].filter(Boolean).join(' '),
                }
              : {}),
            activatedAt: r.activatedAt,
            validUntil: r.validUntil,
            ...(r.extendedUntil ? { extendedUntil: r.extendedUntil } : {}),
            verificationCode: r.verificationCode,
            kindergartenName: kg ? kindergartenName(kg, lng) : r.kindergartenId,
            kindergartenAddress: kg?.address ?? '',
            groupName: group?.name ?? '',
            childBirthDate: child?.birthDate ?? '',
            publicUrl: ctx.config.publicUrl,
          },
          lng,
        );
        res
          .status(200)
          .type('application/pdf')
          .set('Content-Disposition', `attachment; filename="referral-${r.verificationCode}.pdf"`)
          .set('Cache-Control', 'private, no-store')
          .send(pdf);
        return undefined;
      },
    }),
    route({
      method: 'post',
      path: '/referrals/:id/extend',
      operationId: 'extendReferral',
      response: { collection: 'referrals', extra: referralExtra },
      tag: 'referrals',
      summary:
        '"Продлить направление": once, on the last valid day, up to 30 calendar days, with supporting documents (multipart: documents, reason, one descriptions field per document)',
      access: 'parent',
      status: 201,
      params: idParam,
      upload: EXTENSION_UPLOAD,
      body: z.object({
        reason: z.string().trim().min(1).max(1000),
        /** One description per file, in the files' order (a repeated form field). */
        descriptions: z.union([z.string().max(500), z.array(z.string().max(500)).max(5)]).optional(),
        until: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      }),
      errors: [
        'notFound',
        'cannotExtend',
        'fileRequired',
        'payloadTooLarge',
        'unsupportedFileType',
        'tooManyFiles',
      ],
      handle: async ({ ctx, params, body, files, parent, lng }) => {
        const r = await ownReferral(ctx, parent!, params.id);
        if (files.length === 0) throw new ApiError(400, 'fileRequired', {}, 'documents');
        const descriptions =
          typeof body.descriptions === 'string' ? [body.descriptions] : (body.descriptions ?? []);
        for (const f of files) {
          if (!contentMatchesType(f.mimetype, f.buffer)) {
            throw new ApiError(
              415,
              'unsupportedFileType',
              { types: EXTENSION_UPLOAD.types.join(', ') },
              'documents',
            );
          }
        }
        // Refuse before storing anything: an extension is possible only on the last valid day, once.
        const check = canExtend(r, ctx.now().toISOString());
        if (!check.ok) throw new ApiError(409, 'cannotExtend', { reasons: check.reasons });
        const actionId = crypto.randomUUID();
        const now = ctx.now();
        const uploads = files.map((f, i) =>
          extensionDocumentUpload({
            id: extensionDocumentId(actionId, i),
            referral: r,
            name: f.originalname.slice(0, 200) || `document-${i + 1}`,
            description: descriptions[i]?.slice(0, 500),
            contentType: f.mimetype,
            bytes: f.buffer,
            sha256: sha256Hex(f.buffer),
            now,
          }),
        );
        const store = collectionOf(ctx.db, 'uploads');
        await store.bulkInsert(uploads);
        try {
          await runParentAction(
            ctx,
            parent!,
            'referral.extend',
            {
              referralId: r.id,
              reason: body.reason,
              documents: uploads.map((u) => ({
                name: u.name,
                size: u.size,
                ...(u.description ? { description: u.description } : {}),
              })),
              ...(body.until ? { until: body.until } : {}),
            },
            { actionId, kindergartenId: r.kindergartenId },
          );
        } catch (e) {
          // Nothing half-written: a refused extension leaves no orphaned files behind.
          await store.bulkRemove(uploads.map((u) => u.id));
          throw e;
        }
        return referralView(ctx, await ownReferral(ctx, parent!, r.id), lng);
      },
    }),
    route({
      method: 'get',
      path: '/referrals/:id/documents',
      operationId: 'listReferralDocuments',
      response: z.array(documentMetaShape),
      tag: 'referrals',
      summary:
        'The supporting documents of an extension: for the parent, the kindergarten’s staff and the district’s supervisors',
      access: 'session',
      params: idParam,
      errors: ['notFound'],
      handle: async ({ ctx, params, principal }) => {
        const r = await referralForViewer(ctx, principal!, params.id);
        return (await referralDocuments(ctx, r)).map(documentMeta);
      },
    }),
    route({
      method: 'get',
      path: '/referrals/:id/documents/:documentId',
      operationId: 'downloadReferralDocument',
      tag: 'referrals',
      summary: 'One supporting document, as uploaded',
      access: 'session',
      params: documentParams,
      response: { contentType: 'application/pdf' },
      errors: ['notFound'],
      handle: async ({ ctx, params, principal, res }) => {
        const r = await referralForViewer(ctx, principal!, params.id);
        const upload = (await referralDocuments(ctx, r)).find((u) => u.id === params.documentId);
        if (!upload) throw notFound('document');
        res
          .status(200)
          .type(upload.contentType)
          .set('Content-Disposition', `attachment; filename="${encodeURIComponent(upload.name)}"`)
          .set('X-Content-Type-Options', 'nosniff')
          .set('Cache-Control', 'private, no-store')
          .send(Buffer.from(upload.content, 'base64'));
        return undefined;
      },
    }),
    route({
      method: 'put',
      path: '/referrals/:id/documents/:documentId',
      operationId: 'uploadStaffReferralDocument',
      tag: 'referrals',
      summary:
        'The kindergarten’s staff upload a file they attached to an extension on their workstation: documentId is doc_<actionId>_<i> of the referral.extend action, accepted once the server has applied it, when the bytes match the declared size, sha256 and type (multipart: one file in `document`). 201 stored; 200 the same bytes again; 409 extensionNotApplied means retry later',
      access: 'session',
      status: 201,
      params: documentParams,
      upload: STAFF_DOCUMENT_UPLOAD,
      response: documentMetaShape,
      errors: [
        'notFound',
        'forbidden',
        'fileRequired',
        'tooManyFiles',
        'payloadTooLarge',
        'unsupportedFileType',
        'extensionNotApplied',
        'extensionRejected',
        'documentMismatch',
      ],
      handle: async ({ ctx, params, principal, files, setStatus }) => {
        // Whoever cannot see the referral gets 404; its parent and the district's supervisors see it
        // but attach nothing here (the parent's files come with the parent's own extension).
        const r = await referralForViewer(ctx, principal!, params.id);
        if (principal!.role !== 'staff') throw new ApiError(403, 'forbidden');
        const file = files[0];
        if (!file) throw new ApiError(400, 'fileRequired', {}, STAFF_DOCUMENT_UPLOAD.field);
        const { upload, created } = await storeStaffExtensionDocument(ctx, r, params.documentId, file);
        if (!created) setStatus(200);
        return documentMeta(upload);
      },
    }),
  ];
}
