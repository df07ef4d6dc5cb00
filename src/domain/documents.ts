/**
 * Supporting documents of a referral extension (docs/domain.md, Extension): up to 5 files of up to 5 MB
 * each, PDF or pictures. The same limits bind the parents' upload, the staff workspace (checked when a
 * file is picked, offline) and the server's staff upload route.
 */
export const EXTENSION_DOCUMENTS = {
  maxFiles: 5,
  maxBytes: 5 * 1024 * 1024,
  types: ['application/pdf', 'image/jpeg', 'image/png'],
} as const;

export type ExtensionDocumentType = (typeof EXTENSION_DOCUMENTS)['types'][number];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * Files are judged by their first bytes, not by the type a browser declares: a file named photo.png
 * that is really HTML or SVG is refused, so nothing served back can run as a page.
 */
const MAGIC: Record<string, (b: Uint8Array) => boolean> = {
  'application/pdf': (b) => startsWith(b, ascii('%PDF-')),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
};

/** Whether the content starts the way files of the declared type do; unknown types never match. */
export function contentMatchesType(type: string, content: Uint8Array): boolean {
  return MAGIC[type]?.(content) ?? false;
}

/** The type of a supporting document as its bytes say, or null when it is none we accept. */
export function sniffDocumentType(content: Uint8Array): ExtensionDocumentType | null {
  return EXTENSION_DOCUMENTS.types.find((t) => contentMatchesType(t, content)) ?? null;
}

export type DocumentProblem =
  | { code: 'tooManyFiles'; params: { max: number } }
  | { code: 'payloadTooLarge'; params: { name: string; maxMb: number } }
  | { code: 'unsupportedFileType'; params: { name: string; types: string } };

/** Why a set of picked files cannot be attached to an extension, or null when they can. */
export function checkExtensionDocuments(
  files: ReadonlyArray<{ name: string; size: number; content: Uint8Array }>,
): DocumentProblem | null {
  if (files.length > EXTENSION_DOCUMENTS.maxFiles) {
    return { code: 'tooManyFiles', params: { max: EXTENSION_DOCUMENTS.maxFiles } };
  }
  for (const f of files) {
    if (f.size > EXTENSION_DOCUMENTS.maxBytes) {
      return {
        code: 'payloadTooLarge',
        params: { name: f.name, maxMb: EXTENSION_DOCUMENTS.maxBytes / (1024 * 1024) },
      };
    }
    if (!sniffDocumentType(f.content)) {
      return { code: 'unsupportedFileType', params: { name: f.name, types: 'PDF, JPEG, PNG' } };
    }
  }
  return null;
}

/**
 * The id of the i-th supporting document of an extension action: derived from the action's id, so a
 * workstation can name its files offline and the server can tell which action they belong to.
 */
export function extensionDocumentId(actionId: string, index: number): string {
  return `doc_${actionId}_${index}`;
}

/** The inverse of extensionDocumentId, or null for anything else. */
export function parseExtensionDocumentId(id: string): { actionId: string; index: number } | null {
  const m = /^doc_([0-9a-zA-Z-]{1,48})_([0-4])$/.exec(id);
  return m ? { actionId: m[1]!, index: Number(m[2]) } : null;
}
