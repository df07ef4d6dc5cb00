import { describe, expect, it } from 'vitest';
import {
  decryptField,
  encryptField,
  fieldKey,
  fromBase64,
  toBase64,
} from '../../../renderer/staff/replica/field-encryption';

describe('encryption of a child’s personal fields in the replica', () => {
  it('reads back exactly what it wrote, Kazakh letters included', async () => {
    const key = await fieldKey('k'.repeat(43));
    for (const value of ['ҚАЙРАТҰЛЫ ӘСЕЛ ІҢКӘРҚЫЗЫ', '170720600126', { nested: ['ә', 1] }]) {
      expect(await decryptField(key, await encryptField(key, value))).toEqual(value);
    }
  });

  it('never stores the same IIN the same way twice (a fresh nonce each time), nor in clear', async () => {
    const key = await fieldKey('k'.repeat(43));
    const a = await encryptField(key, '170720600126');
    const b = await encryptField(key, '170720600126');
    expect(a).not.toBe(b);
    expect(a).not.toContain('170720600126');
  });

  it('refuses a value sealed with another workstation’s key, or altered on disk', async () => {
    const sealed = await encryptField(await fieldKey('k'.repeat(43)), '170720600126');
    await expect(decryptField(await fieldKey('x'.repeat(43)), sealed)).rejects.toThrow();
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    await expect(decryptField(await fieldKey('k'.repeat(43)), altered)).rejects.toThrow();
    await expect(decryptField(await fieldKey('k'.repeat(43)), '170720600126')).rejects.toThrow(
      'not encrypted',
    );
  });

  it('seals an attached document of several megabytes (no stack overflow) and reads it back byte for byte', async () => {
    const key = await fieldKey('k'.repeat(43));
    const bytes = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
    const content = toBase64(bytes);
    expect(content).toBe(Buffer.from(bytes).toString('base64'));
    const back = fromBase64((await decryptField(key, await encryptField(key, content))) as string);
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });
});
