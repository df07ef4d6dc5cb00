import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { registerIpcHandlers } = await import('../../../main/ipc');
const { HOST_CHANNELS } = await import('../../../src/host/host-contract');

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;

function setUp() {
  const handlers = new Map<string, Handler>();
  const services = {
    pdf: {
      save: vi.fn(async () => ({ ok: true, value: { saved: true } }) as const),
      saveDocument: vi.fn(async () => ({ ok: true, value: { saved: true } }) as const),
      print: vi.fn(),
    },
    replicaKeys: { keyFor: vi.fn(async () => ({ ok: true, value: 'k'.repeat(43) }) as const) },
    serverConfig: { get: vi.fn(async () => 'http://127.0.0.1:8080'), set: vi.fn() },
    appInfo: () => ({
      version: '0.1.0',
      dataFolder: 'C:\\Users\\staff\\AppData\\Roaming\\Oryn',
      platform: 'win32',
    }),
  };
  registerIpcHandlers(
    { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } as never,
    services as never,
  );
  return { handlers, services };
}
const fromApp = { senderFrame: { url: 'app://oryn/index.html' } };

describe('the IPC handlers of the main process', () => {
  it('answer one channel per bridge method', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual(Object.values(HOST_CHANNELS).sort());
  });

  it('answer our own page', async () => {
    const { handlers } = setUp();
    expect(await handlers.get(HOST_CHANNELS.appInfo)!(fromApp)).toMatchObject({
      version: '0.1.0',
      platform: 'win32',
    });
    expect(await handlers.get(HOST_CHANNELS.getServerUrl)!(fromApp)).toBe('http://127.0.0.1:8080');
  });

  it.each([
    ['a remote page', 'https://evil.example/'],
    ['a local file', 'file:///C:/Users/staff/Downloads/x.html'],
    ['no frame at all', null],
  ])('give nothing to %s, not even the replica key', async (_what, url) => {
    const { handlers, services } = setUp();
    const event = { senderFrame: url === null ? null : { url } };
    expect(await handlers.get(HOST_CHANNELS.replicaKey)!(event, 'staff-1')).toEqual({
      ok: false,
      error: { code: 'host.untrustedSender', params: {} },
    });
    expect(services.replicaKeys.keyFor).not.toHaveBeenCalled();
  });

  it.each([
    ['a remote page', 'https://evil.example/'],
    ['no frame at all', null],
  ])('save no document for %s', async (_what, url) => {
    const { handlers, services } = setUp();
    const event = { senderFrame: url === null ? null : { url } };
    const doc = { fileName: 'справка.pdf', data: new Uint8Array(Buffer.from('%PDF-1.4')) };
    expect(await handlers.get(HOST_CHANNELS.saveDocument)!(event, doc)).toEqual({
      ok: false,
      error: { code: 'host.untrustedSender', params: {} },
    });
    expect(services.pdf.saveDocument).not.toHaveBeenCalled();
  });

  it('hand a document from our own page to the service that saves it', async () => {
    const { handlers, services } = setUp();
    const doc = { fileName: 'справка.pdf', data: new Uint8Array(Buffer.from('%PDF-1.4')) };
    expect(await handlers.get(HOST_CHANNELS.saveDocument)!(fromApp, doc)).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(services.pdf.saveDocument).toHaveBeenCalledWith(doc);
  });

  it('pass the arguments through to the service that validates them', async () => {
    const { handlers, services } = setUp();
    await handlers.get(HOST_CHANNELS.replicaKey)!(fromApp, 'staff-aigerim');
    expect(services.replicaKeys.keyFor).toHaveBeenCalledWith('staff-aigerim');
  });
});
