import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../sync-server/auth';

describe('phone numbers', () => {
  it('normalises the ways parents type a Kazakhstan mobile number to E.164', () => {
    for (const typed of [
      '+7 701 234 56 78',
      '8 701 234-56-78',
      '87012345678',
      '+7(701)2345678',
      '7012345678',
    ]) {
      expect(normalisePhone(typed)).toBe('+77012345678');
    }
  });

  it('refuses landlines, foreign and short numbers', () => {
    for (const typed of ['+7 727 339 72 22', '+1 202 555 0100', '+7 701 234', 'abc', '']) {
      expect(normalisePhone(typed)).toBeNull();
    }
  });
});
