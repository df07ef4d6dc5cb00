import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskIin, maskPhone, maskText } from '../../../sync-server/logging';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ destination, level: 'debug' }), lines };
}

describe('logs', () => {
  it('masks an IIN to its first four and last two digits', () => {
    expect(maskIin('170720600126')).toBe('1707******26');
  });

  it('masks a phone to its last two digits, however it is written', () => {
    expect(maskPhone('+77011234512')).toBe('+7 7** *** ** 12');
    expect(maskText('звонок на 8 (701) 123-45-12 и +7 701 123 45 99')).toBe(
      'звонок на +7 7** *** ** 12 и +7 7** *** ** 99',
    );
  });

  it('never carries an IIN, a phone, a password, a code or a token in full', () => {
    const { log, lines } = capture();
    log.info(
      {
        childIin: '170720600126',
        parent: { iin: 940225300128, phone: '+77011234512' },
        password: 'Qwerty-12345',
        code: '482913',
        token: 'v1.eyJ0eXAiOiJhY2Nlc3Mi.signature',
        headers: { authorization: 'Bearer abc.def', cookie: 'oryn_session=abc' },
        reason: { code: 'alreadyActivated' },
      },
      'parent 940225300128 asked for a code for +7 701 123 45 12',
    );
    log.error(new Error('lookup of 170720600126 failed'));
    log.child({ parentPhone: '+77011234512' }).warn('child logger');
    const out = lines.join('\n');
    for (const secret of [
      '170720600126',
      '940225300128',
      '77011234512',
      '701 123 45 12',
      'Qwerty-12345',
      '482913',
      'eyJ0eXAi',
      'abc.def',
      'oryn_session=abc',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('1707******26');
    expect(out).toContain('9402******28');
    expect(out).toContain('+7 7** *** ** 12');
    // Error codes are not one-time codes: they stay readable.
    expect(out).toContain('alreadyActivated');
  });
});
