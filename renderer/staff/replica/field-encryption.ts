import {
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstanceCreationParams,
  wrapRxStorageInstance,
} from 'rxdb';

/**
 * Encrypts a schema's `encrypted` fields at rest with AES-256-GCM (WebCrypto), the key derived from the
 * replica key the host keeps (Electron: safeStorage). It replaces rxdb's crypto-js plugin, which we
 * measured at ~0.45 ms per field (a passphrase KDF on every call, on the main thread): decrypting the
 * ~10,000 names and IINs of a 5,000-document replica froze the workspace for ~4.5 s after start.
 * WebCrypto is native and asynchronous. Stored form of a field: "g1.<iv>.<ciphertext>" (base64url).
 */
const PREFIX = 'g1.';

/**
 * Base64 of any size: an attached document is megabytes, and String.fromCharCode(...bytes) over that
 * many arguments overflows the stack, so the bytes go through in slices.
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const b64 = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64 = (text: string) => fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));

export async function fieldKey(password: string): Promise<CryptoKey> {
  const raw = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(password));
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function encryptField(key: CryptoKey, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return `${PREFIX}${b64(iv)}.${b64(sealed)}`;
}

export async function decryptField(key: CryptoKey, stored: unknown): Promise<unknown> {
  if (typeof stored !== 'string' || !stored.startsWith(PREFIX))
    throw new Error('replica field is not encrypted');
  const [iv, sealed] = stored.slice(PREFIX.length).split('.');
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv!) }, key, unb64(sealed!));
  return JSON.parse(new TextDecoder().decode(plain));
}

type Doc = Record<string, unknown>;

export function wrappedFieldEncryptionStorage<Internals, Options>(args: {
  storage: RxStorage<Internals, Options>;
}): RxStorage<Internals, Options> {
  return {
    ...args.storage,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const fields = (params.schema as { encrypted?: string[] }).encrypted ?? [];
      if (fields.length === 0) return args.storage.createStorageInstance(params);
      if (typeof params.password !== 'string' || params.password.length < 8) {
        throw new Error(`collection ${params.collectionName}: encrypted fields need the replica key`);
      }
      const key = await fieldKey(params.password);
      const plainSchema = { ...params.schema } as RxJsonSchema<RxDocumentData<RxDocType>>;
      delete (plainSchema as { encrypted?: string[] }).encrypted;
      const instance = await args.storage.createStorageInstance({ ...params, schema: plainSchema });
      const toStorage = async (doc: Doc) => {
        const out: Doc = { ...doc };
        await Promise.all(
          fields.map(async (field) => {
            if (out[field] !== undefined) out[field] = await encryptField(key, out[field]);
          }),
        );
        return out;
      };
      const fromStorage = async (doc: Doc) => {
        const out: Doc = { ...doc };
        await Promise.all(
          fields.map(async (field) => {
            if (out[field] !== undefined) out[field] = await decryptField(key, out[field]);
          }),
        );
        return out;
      };
      return wrapRxStorageInstance(params.schema, instance, toStorage as never, fromStorage as never);
    },
  };
}
