import { create } from 'zustand';
import type { Language } from '../../../src/i18n';

/** The staff workspace's screens (a desktop app: no URLs to share, so no router). */
export type StaffScreen =
  | 'bulletins'
  | 'groups'
  | 'referrals'
  | 'enrolled'
  | 'notifications'
  | 'actions'
  | 'settings';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

interface UiState {
  language: Language;
  screen: StaffScreen;
  /** The bulletin whose responders are open. */
  bulletinId: string | null;
  toasts: Toast[];
  setLanguage: (language: Language) => void;
  show: (screen: StaffScreen) => void;
  openBulletin: (bulletinId: string | null) => void;
  toast: (kind: Toast['kind'], text: string) => void;
  dismiss: (id: number) => void;
}

let nextToast = 1;

/**
 * Toasts do not stack up (issue 14, item 8): a confirmation replaces the previous confirmation, the
 * same refusal is shown once, and at most three are on screen (the oldest go first).
 */
export function nextToasts(current: readonly Toast[], toast: Toast): Toast[] {
  const kept = current.filter((t) => (toast.kind === 'info' ? t.kind !== 'info' : t.text !== toast.text));
  return [...kept, toast].slice(-3);
}

export const useUiStore = create<UiState>((set) => ({
  language: 'ru',
  screen: 'bulletins',
  bulletinId: null,
  toasts: [],
  setLanguage: (language) => set({ language }),
  show: (screen) => set({ screen, bulletinId: null }),
  openBulletin: (bulletinId) => set({ screen: 'bulletins', bulletinId }),
  toast: (kind, text) => set((s) => ({ toasts: nextToasts(s.toasts, { id: nextToast++, kind, text }) })),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
