import { beforeEach, describe, expect, it, vi } from 'vitest';

const exposeInMainWorld = vi.fn();
const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'x' }));
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke } }));

await import('../../../main/preload');
const { HOST_CHANNELS } = await import('../../../src/host/host-contract');
const bridge = exposeInMainWorld.mock.calls[0]![1] as import('../../../src/host/host-contract').OrynHost;
const referralPdf = new Uint8Array([...Buffer.from('%PDF-1.7\n%%EOF')]);

beforeEach(() => invoke.mockClear());

describe('the preload bridge', () => {
  it('exposes one object as window.oryn, and nothing else', () => {
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]![0]).toBe('oryn');
    expect(Object.keys(bridge).sort()).toEqual(
      [
        'appInfo',
        'getServerUrl',
        'kind',
        'printPdf',
        'referralPdf',
        'replicaKey',
        'saveDocument',
        'savePdf',
        'setServerUrl',
      ].sort(),
    );
    expect(bridge.kind).toBe('electron');
  });

  it('does not hand ipcRenderer itself to the page', () => {
    const exposed = exposeInMainWorld.mock.calls[0]![1] as Record<string, unknown>;
    expect(Object.values(exposed)).not.toContain(invoke);
    expect(JSON.stringify(Object.keys(exposed))).not.toMatch(/invoke|send|ipc/i);
  });

  it('sends each call on its own channel', async () => {
    await bridge.savePdf({ fileName: 'referral.pdf', data: referralPdf });
    await bridge.saveDocument({ fileName: 'справка.pdf', data: referralPdf });
    await bridge.replicaKey('staff-aigerim');
    await bridge.setServerUrl('http://127.0.0.1:8080');
    expect(invoke.mock.calls.map((c) => c[0])).toEqual([
      HOST_CHANNELS.savePdf,
      HOST_CHANNELS.saveDocument,
      HOST_CHANNELS.replicaKey,
      HOST_CHANNELS.setServerUrl,
    ]);
  });

  it('refuses bad values before they cross, with the same codes the main process uses', async () => {
    expect(await bridge.printPdf({ fileName: 'referral.pdf', data: new Uint8Array([1, 2, 3]) })).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'pdf' } },
    });
    expect(await bridge.setServerUrl('javascript:alert(1)')).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'serverUrl' } },
    });
    expect(await bridge.replicaKey('../../x')).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'userId' } },
    });
    expect(invoke).not.toHaveBeenCalled();
  });

  it.each([
    ['a PDF offered as a picture', { fileName: 'photo.png', data: referralPdf }],
    ['HTML', { fileName: 'page.pdf', data: new Uint8Array(Buffer.from('<!doctype html>')) }],
    ['a path', { fileName: 'C:\\Windows\\справка.pdf', data: referralPdf }],
    ['a hidden name', { fileName: '.справка.pdf', data: referralPdf }],
  ])('refuses to save %s as a supporting document before it crosses', async (_what, doc) => {
    expect(await bridge.saveDocument(doc)).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'document' } },
    });
    expect(invoke).not.toHaveBeenCalled();
  });
});
