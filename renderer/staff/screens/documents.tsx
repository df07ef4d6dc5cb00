import { useEffect, useState } from 'react';
import { type ExtensionDocumentType, sniffDocumentType } from '../../../src/domain';
import type { Referral } from '../../../src/schema';
import { documentFileName } from '../host';
import { useSyncStore, useUiStore } from '../state';
import { useStaffT } from '../i18n';
import { useStaffContext } from '../runtime-context';
import { type AttachedFile, useAttachedFiles } from '../workspace';
import type { ServerDocument } from '../workspace/server-documents';

type ItemState = AttachedFile['state'] | 'server';

/** One row of a documents list: a file attached here, or one only the server has. */
interface Item {
  id: string;
  name: string;
  description?: string;
  size: number;
  contentType: string;
  state: ItemState;
  problem?: string;
  /** The bytes are on this computer (waiting or held), not only on the server. */
  local: boolean;
}

const fromAttached = (f: AttachedFile): Item => ({
  id: f.id,
  name: f.name,
  ...(f.description ? { description: f.description } : {}),
  size: f.size,
  contentType: f.contentType,
  state: f.state,
  ...(f.problem ? { problem: f.problem } : {}),
  local: f.hasContent,
});

const fromServer = (d: ServerDocument): Item => ({
  id: d.id,
  name: d.name,
  ...(d.description ? { description: d.description } : {}),
  size: d.size,
  contentType: d.contentType,
  state: 'server',
  local: false,
});

/** Saves one document through the host (Electron's save dialog, or the browser's download). */
function useSaveDocument(referralId: string) {
  const { t } = useStaffT();
  const { host, runtime } = useStaffContext();
  const toast = useUiStore((s) => s.toast);
  return async (item: Item) => {
    if (!runtime) return;
    let bytes: Uint8Array | null = null;
    if (item.local) bytes = await runtime.attachedBytes(item.id);
    if (!bytes) {
      const fetched = await runtime.serverDocumentBytes(referralId, item.id);
      if (!fetched.ok) return toast('error', t('staff.documents.serverUnavailable'));
      bytes = fetched.value;
    }
    const type: ExtensionDocumentType =
      sniffDocumentType(bytes) ?? (item.contentType as ExtensionDocumentType);
    const saved = await host.saveDocument({ fileName: documentFileName(item.name, type), data: bytes });
    if (!saved.ok) toast('error', t(`staff.hostErrors.${saved.error.code}`));
    else if (saved.value.saved) toast('info', t('staff.documents.saved'));
  };
}

function DocumentList({ items, onSave }: { items: Item[]; onSave: (item: Item) => void }) {
  const { t } = useStaffT();
  return (
    <ul className="staff-documents">
      {items.map((item) => (
        <li key={item.id} data-testid="document" data-state={item.state}>
          <span className="staff-documents__name">{item.name}</span>{' '}
          <span className="ui-hint">
            {t('staff.documents.size', { size: Math.max(1, Math.round(item.size / 1024)) })}
          </span>
          {item.description ? <p className="ui-hint">{item.description}</p> : null}
          <span className={`staff-status staff-status--${item.state}`} data-testid="document-state">
            {t(`staff.documents.states.${item.state}`)}
          </span>
          <button type="button" className="ui-button ui-button--secondary" onClick={() => onSave(item)}>
            {t('staff.documents.save')}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * A referral's supporting documents (issue 6): the files attached on this computer with where each
 * one is (waiting to be sent, sent, not accepted), and — when online — those the server holds (the
 * parent's own uploads, other workstations' files). Any of them can be saved back to disk.
 */
export function DocumentsPanel({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useStaffT();
  const { runtime } = useStaffContext();
  const online = useSyncStore((s) => s.online);
  const attached = useAttachedFiles((s) => s.files).filter((f) => f.referralId === referral.id);
  const [server, setServer] = useState<ServerDocument[] | 'unavailable' | null>(null);
  const save = useSaveDocument(referral.id);
  const uploaded = attached.filter((f) => f.state === 'uploaded').length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: look again when a file reaches the server
  useEffect(() => {
    if (!runtime || !online) return setServer('unavailable');
    let live = true;
    void runtime.serverDocuments(referral.id).then((r) => {
      if (live) setServer(r.ok ? r.value : 'unavailable');
    });
    return () => {
      live = false;
    };
  }, [runtime, online, referral.id, uploaded]);

  const localIds = new Set(attached.map((f) => f.id));
  const items = [
    ...attached.map(fromAttached),
    ...(Array.isArray(server) ? server.filter((d) => !localIds.has(d.id)).map(fromServer) : []),
  ];
  return (
    <section aria-labelledby="documents-title">
      <h1 id="documents-title">{t('staff.documents.title')}</h1>
      <p>{referral.childName}</p>
      {server === 'unavailable' ? <p className="ui-hint">{t('staff.documents.serverUnavailable')}</p> : null}
      {items.length > 0 ? (
        <DocumentList items={items} onSave={(item) => void save(item)} />
      ) : (
        <p className="ui-empty">{t('staff.documents.none')}</p>
      )}
      <div className="ui-actions">
        <button className="ui-button ui-button--secondary" type="button" onClick={onDone}>
          {t('staff.documents.close')}
        </button>
      </div>
    </section>
  );
}

/**
 * The files of a rejected extension, kept on this computer (nothing a user entered is lost): save
 * them back, then delete them here.
 */
export function HeldFiles({ actionId }: { actionId: string }) {
  const { t } = useStaffT();
  const { runtime } = useStaffContext();
  const held = useAttachedFiles((s) => s.files).filter((f) => f.actionId === actionId && f.state === 'held');
  const save = useSaveDocument(held[0]?.referralId ?? '');
  if (held.length === 0 || !runtime) return null;
  return (
    <div data-testid="held-files">
      <p className="ui-hint">{t('staff.documents.heldHint')}</p>
      <DocumentList items={held.map(fromAttached)} onSave={(item) => void save(item)} />
      <button
        type="button"
        className="ui-button ui-button--danger"
        onClick={() => void runtime.discardHeld(actionId)}
      >
        {t('staff.documents.discard')}
      </button>
    </div>
  );
}
