import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/content-security-policy';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('the staff window Content-Security-Policy', () => {
  it('lets the page talk to the configured sync server and nothing else', () => {
    const csp = directives(contentSecurityPolicy('http://192.168.1.10:8080/oryn'));
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://192.168.1.10:8080']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });

  it('allows only our own scripts: no inline scripts, no eval, no other hosts', () => {
    const csp = directives(contentSecurityPolicy('https://oryn.example.kz'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy('https://oryn.example.kz')).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('forbids plugins, base-tag tricks, form posts and being framed', () => {
    const csp = directives(contentSecurityPolicy(null));
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('before the first-run screen has a server, the page may reach only itself', () => {
    expect(directives(contentSecurityPolicy(null)).get('connect-src')).toEqual(["'self'"]);
  });
});
