import { createHash } from 'node:crypto';
import { EXTENSION_DOCUMENTS, parseExtensionDocumentId, sniffDocumentType } from '../../src/domain';
import type { Referral } from '../../src/schema';
import type { ServerContext } from '../context';
import { collectionOf, type Upload } from '../schema';
import { readOne } from '../store';
import { ApiError, notFound } from './api-error';

/**
 * A supporting document that a kindergarten's staff attached to a referral extension on their
 * workstation, offline. The `referral.extend` action declares each file (name, size, sha256, type);
 * the workstation keeps the bytes and uploads them only once its copy of the action reads `applied`,
 * under the id `doc_<actionId>_<i>` (src/domain/documents.ts). The server takes exactly the declared
 * bytes, once: the first stored file wins, a retry of the same bytes is answered as a success.
 */

/** What the upload needs of the file multer read into memory. */
export interface UploadedFile {
  buffer: Buffer;
}

interface Declared {
  name: string;
  description?: string;
  size?: number;
  sha256?: string;
  contentType?: string;
}

const mismatch = (field: 'size' | 'sha256' | 'contentType') =>
  new ApiError(422, 'documentMismatch', { field }, 'document');

/**
 * The declaration of the i-th document of the extension action behind `documentId`, once that action
 * is applied; refuses with 404 (not an extension of this referral by this kindergarten), 409
 * `extensionNotApplied` (not here yet or still pending: the workstation retries) or 409
 * `extensionRejected` (the extension never happened, so it has no documents).
 */
async function declaredDocument(
  ctx: ServerContext,
  referral: Referral,
  documentId: string,
): Promise<{ declared: Declared; actor: string }> {
  const parsed = parseExtensionDocumentId(documentId);
  if (!parsed) throw notFound('document');
  // The committed state, past this process's caches: another process may have applied it just now.
  const action = await readOne(collectionOf(ctx.db, 'actions'), parsed.actionId);
  // Not replicated here yet (or not yet seen by this process): the workstation tries again later.
  if (!action) throw new ApiError(409, 'extensionNotApplied');
  const payload = action.payload as { referralId?: unknown; documents?: unknown };
  if (
    action.kind !== 'referral.extend' ||
    payload.referralId !== referral.id ||
    action.kindergartenId !== referral.kindergartenId
  ) {
    throw notFound('document');
  }
  if (action.status === 'pending') throw new ApiError(409, 'extensionNotApplied');
  if (action.status === 'rejected') {
    throw new ApiError(409, 'extensionRejected', action.reason ? { reason: action.reason.code } : {});
  }
  const declared = Array.isArray(payload.documents) ? payload.documents[parsed.index] : undefined;
  // The reducer validated the payload before applying it; this only guards the index.
  if (typeof declared !== 'object' || declared === null || typeof declared.name !== 'string') {
    throw notFound('document');
  }
  return { declared: declared as Declared, actor: action.actor };
}

/** The file's type as its bytes say, checked against what the action declared. */
function judge(file: UploadedFile, sha256: string, declared: Declared): string {
  const contentType = sniffDocumentType(file.buffer);
  if (!contentType) {
    throw new ApiError(
      415,
      'unsupportedFileType',
      { types: EXTENSION_DOCUMENTS.types.join(', ') },
      'document',
    );
  }
  if (declared.size !== undefined && file.buffer.length !== declared.size) throw mismatch('size');
  if (declared.sha256 !== undefined && sha256 !== declared.sha256) throw mismatch('sha256');
  if (declared.contentType !== undefined && contentType !== declared.contentType)
    throw mismatch('contentType');
  return contentType;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The stored form of a referral's supporting document, whoever sent it (the parent with the extension,
 * or a workstation afterwards). Owned by the referral's parent, so the referral's listing (by the
 * indexed ownerId) finds it; who sent it is the extension action's actor.
 */
export function extensionDocumentUpload(doc: {
  id: string;
  referral: Referral;
  name: string;
  description?: string | undefined;
  contentType: string;
  bytes: Buffer;
  sha256: string;
  now: Date;
}): Upload {
  return {
    id: doc.id,
    ownerId: doc.referral.parentId,
    kind: 'extensionDocument',
    name: doc.name,
    ...(doc.description ? { description: doc.description } : {}),
    contentType: doc.contentType,
    size: doc.bytes.length,
    sha256: doc.sha256,
    content: doc.bytes.toString('base64'),
    referralId: doc.referral.id,
    createdAt: doc.now.toISOString(),
    updatedAt: doc.now.getTime(),
  };
}

/** The same id holds the same bytes for good: a repeat is fine, other bytes are refused. */
function sameOrRefuse(stored: Upload, sha256: string): Upload {
  if (stored.sha256 !== sha256) throw new ApiError(409, 'documentMismatch', { field: 'sha256' }, 'document');
  return stored;
}

/**
 * Stores the staff's file for `documentId` of the referral (the route has checked that the caller is
 * staff of the referral's kindergarten; the action must be of that kindergarten too). Everything is
 * checked before the one insert, so a refusal writes nothing. `created` is false when the same bytes
 * were already stored.
 */
export async function storeStaffExtensionDocument(
  ctx: ServerContext,
  referral: Referral,
  documentId: string,
  file: UploadedFile,
): Promise<{ upload: Upload; created: boolean }> {
  const { declared, actor } = await declaredDocument(ctx, referral, documentId);
  const uploads = collectionOf(ctx.db, 'uploads');
  const sha256 = sha256Hex(file.buffer);
  const stored = await readOne(uploads, documentId);
  if (stored) return { upload: sameOrRefuse(stored, sha256), created: false };
  const upload = extensionDocumentUpload({
    id: documentId,
    referral,
    name: declared.name,
    description: declared.description,
    contentType: judge(file, sha256, declared),
    bytes: file.buffer,
    sha256,
    now: ctx.now(),
  });
  const result = await uploads.bulkInsert([upload]);
  const failed = result.error[0];
  if (failed) {
    // Two uploads of one id at once (a retry racing its first try): the one stored counts.
    const winner = failed.status === 409 ? await readOne(uploads, documentId) : null;
    if (!winner) throw new Error(`storing ${documentId} failed: ${failed.status}`);
    return { upload: sameOrRefuse(winner, sha256), created: false };
  }
  ctx.log.info(
    {
      documentId,
      referralId: referral.id,
      uploadedBy: actor,
      size: upload.size,
      contentType: upload.contentType,
    },
    'staff extension document stored',
  );
  return { upload, created: true };
}
