import { describe, expect, it } from 'vitest';
import { looksLikeKzMobile } from '../../../renderer/parent/src/phone';
import { parseRoute } from '../../../renderer/parent/src/router';

describe('the hash route', () => {
  it('splits the path and reads the query', () => {
    const r = parseRoute('#/bulletins?regionId=turkestan&birthYear=2017');
    expect(r.path).toEqual(['bulletins']);
    expect(r.query.get('regionId')).toBe('turkestan');
    expect(r.query.get('birthYear')).toBe('2017');
  });

  it('is the home page when empty', () => {
    expect(parseRoute('').path).toEqual([]);
    expect(parseRoute('#/').path).toEqual([]);
  });

  it('decodes ids in the path', () => {
    expect(parseRoute('#/applications/app_a%2Fb').path).toEqual(['applications', 'app_a/b']);
  });
});

describe('the quick phone check before sending', () => {
  it('accepts a Kazakhstan mobile as parents type it', () => {
    for (const typed of [
      '+7 701 234 56 78',
      '8 701 234-56-78',
      '87012345678',
      '7012345678',
      '+7 (747) 339-72-22',
    ]) {
      expect(looksLikeKzMobile(typed), typed).toBe(true);
    }
  });

  it('refuses numbers outside +7 7XX, short numbers and letters', () => {
    for (const typed of ['+7 495 123 45 67', '12345', '+7 701 234 56', 'телефон', '']) {
      expect(looksLikeKzMobile(typed), typed).toBe(false);
    }
  });
});
