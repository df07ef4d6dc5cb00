import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The whole `electron` module, mocked at the module boundary (the binary cannot be downloaded here).
const electron = vi.hoisted(() => {
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  class FakeWebContents extends EventEmitter {
    setWindowOpenHandler = vi.fn();
  }
  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadURL = vi.fn(async () => {});
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => true);
    constructor(public options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.created.push(this);
    }
  }
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    getPath: vi.fn((name: string) => `/tmp/oryn-test/${name}`),
    getVersion: vi.fn(() => '0.1.0'),
  });
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    FakeWebContents,
    dialog: { showSaveDialog: vi.fn() },
    ipcMain: { handle: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: { isEncryptionAvailable: vi.fn(() => true), encryptString: vi.fn(), decryptString: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn() } },
  };
});
vi.mock('electron', () => electron);

async function startMain() {
  vi.resetModules();
  electron.BrowserWindow.created = [];
  await import('../../../main/main');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.app.removeAllListeners();
  electron.app.requestSingleInstanceLock.mockReturnValue(true);
});

describe('the Electron main process', () => {
  it('opens one window: context isolation on, Node integration off, sandbox on', async () => {
    await startMain();
    expect(electron.BrowserWindow.created).toHaveLength(1);
    const prefs = electron.BrowserWindow.created[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
  });

  it('loads the staff app from its own privileged scheme, not from file://', async () => {
    await startMain();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.BrowserWindow.created[0]!.loadURL).toHaveBeenCalledWith('app://oryn/index.html');
  });

  it('guards every web contents it creates against navigation and new windows', async () => {
    await startMain();
    const contents = new electron.FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    const event = { preventDefault: vi.fn() };
    contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.setWindowOpenHandler.mock.calls[0]![0]()).toEqual({ action: 'deny' });
  });

  it('grants the page no permissions (camera, notifications, location…)', async () => {
    await startMain();
    const handler = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0];
    const callback = vi.fn();
    handler({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('registers the bridge handlers', async () => {
    await startMain();
    expect(electron.ipcMain.handle.mock.calls.map((c) => c[0])).toContain('oryn:replica-key');
  });

  it('quits at once when another instance already runs, opening no window', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await startMain();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
  });

  it('brings the running window forward when the app is launched a second time', async () => {
    await startMain();
    const window = electron.BrowserWindow.created[0]!;
    electron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});

// Keep the import used for the type of the fake contents above.
void EventEmitter;
