import type { GetState, NoticeSlice, SetState } from './types.js';

let counter = 0;
const MAX_NOTICES = 4;

export function noticeSlice(set: SetState, _get: GetState): NoticeSlice {
  return {
    notices: [],
    notify(kind, text) {
      const id = ++counter;
      set((s) => ({ notices: [...s.notices, { id, kind, text }].slice(-MAX_NOTICES) }));
      // Information fades; errors stay until dismissed so nobody misses why an edit was refused.
      if (kind === 'info') setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), 4000);
    },
    dismiss(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
