import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { guardNavigation, isTrustedAppUrl } from '../../../main/navigation-guard';

describe('the staff window trusts only its own pages', () => {
  it.each(['app://oryn/index.html', 'app://oryn/', 'app://oryn/bulletins/b-1'])('trusts %s', (url) => {
    expect(isTrustedAppUrl(url)).toBe(true);
  });

  it.each([
    ['a look-alike host', 'app://oryn.evil.com/index.html'],
    ['credentials before the host', 'app://oryn@evil.com/'],
    ['credentials on our host', 'app://user:pw@oryn/'],
    ['another scheme on the same host', 'file://oryn/index.html'],
    ['a local file', 'file:///C:/Windows/win.ini'],
    ['the sync server itself', 'http://127.0.0.1:8080/staff/'],
    ['a phishing page', 'https://oryn.kz.evil.example/login'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['an empty string', ''],
    ['garbage', 'not a url at all'],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedAppUrl(url)).toBe(false);
  });
});

class FakeContents extends EventEmitter {
  openHandler: (() => { action: string }) | null = null;
  setWindowOpenHandler(handler: () => { action: string }) {
    this.openHandler = handler;
  }
}

function fire(contents: FakeContents, name: string, url?: string): boolean {
  const event = { preventDefault: vi.fn() };
  contents.emit(name, event, url);
  return event.preventDefault.mock.calls.length > 0;
}

describe('guardNavigation', () => {
  it('blocks navigation and redirects away from the app, and allows moving inside it', () => {
    const contents = new FakeContents();
    guardNavigation(contents as never);
    expect(fire(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire(contents, 'will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fire(contents, 'will-navigate', 'app://oryn/index.html')).toBe(false);
  });

  it('denies every new window, even one for our own page', () => {
    const contents = new FakeContents();
    guardNavigation(contents as never);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    const contents = new FakeContents();
    guardNavigation(contents as never);
    expect(fire(contents, 'will-attach-webview')).toBe(true);
  });
});
