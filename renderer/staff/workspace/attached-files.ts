import { create } from 'zustand';
import type { DocumentFile } from '../replica/document-files';

/** A file attached on this workstation, as the screens list it: everything but the bytes. */
export type AttachedFile = Omit<DocumentFile, 'content'> & { hasContent: boolean };

interface AttachedFilesState {
  files: AttachedFile[];
  replace: (files: AttachedFile[]) => void;
}

/** This workstation's attached files (replica collection `documentfiles`), kept current by the runtime. */
export const useAttachedFiles = create<AttachedFilesState>((set) => ({
  files: [],
  replace: (files) => set({ files }),
}));

export function attachedFile({ content, ...meta }: DocumentFile): AttachedFile {
  return { ...meta, hasContent: content !== undefined };
}
