import { AppError } from '../../../shared/contract/index.js';
import { isMessageKey, type Locale, textIn } from '../../../shared/i18n/index.js';
import type { GetState, NoticeSlice, SetState } from './types.js';

let counter = 0;
/** More than three at once is noise: the oldest go first. */
const MAX_NOTICES = 3;

export function noticeSlice(set: SetState, get: GetState): NoticeSlice {
  return {
    notices: [],
    notify(kind, text, key) {
      const id = ++counter;
      const view = get().view;
      // The same cause says its newest words once, not a stack of repeats.
      set((s) => ({
        notices: [
          ...s.notices.filter((n) => (key === undefined ? n.text !== text : n.key !== key)),
          { id, kind, text, view, ...(key === undefined ? {} : { key }) },
        ].slice(-MAX_NOTICES),
      }));
      // Information fades; errors stay until dismissed so nobody misses why an edit was refused.
      if (kind === 'info') setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), 4000);
    },
    dismiss(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
    resolved(key) {
      set((s) => ({ notices: s.notices.filter((n) => n.key !== key) }));
    },
  };
}

/** The window's language, for wording errors (one window, one language; set as it is drawn). */
let errorLocale: Locale = 'en';
export function setErrorLocale(locale: Locale): void {
  errorLocale = locale;
}

/**
 * An error in words: in the window's language where main sent it as data. The few that come
 * without a key (the host's own refusals, a validation detail) are headed by their code in the
 * window's language, so a Chinese window never shows a bare English sentence.
 */
export function messageOf(error: unknown): string {
  if (error instanceof AppError && error.text) return textIn(errorLocale, error.text);
  const message = error instanceof Error ? error.message : String(error);
  if (errorLocale === 'en' || !(error instanceof AppError)) return message;
  const key = `errorCode.${error.code}`;
  return isMessageKey(key) ? textIn(errorLocale, { key, params: { detail: message } }) : message;
}
