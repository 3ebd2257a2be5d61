import type { DialogRequest, DialogSlice, GetState, SetState } from './types.js';

/**
 * In-app dialogs in place of the browser's own modal boxes, which Electron lacks or blocks on. A request
 * is answered through a promise, so a caller awaits the answer in one line.
 */
export function dialogSlice(set: SetState, get: GetState): DialogSlice {
  const open = (request: DialogRequest) =>
    new Promise<string | boolean | null>((resolve) => {
      // One dialog at a time: a second request answers the first as cancelled.
      get().dialog?.resolve(null);
      set({
        dialog: {
          ...request,
          resolve: (answer) => {
            set({ dialog: null });
            resolve(answer);
          },
        },
      });
    });
  return {
    dialog: null,
    askText: (question) => open({ kind: 'text', ...question }).then((v) => (typeof v === 'string' ? v : null)),
    askConfirm: (question) => open({ kind: 'confirm', ...question }).then((v) => v === true),
    menu: null,
    showMenu: (items, x, y) =>
      new Promise<string | null>((resolve) => {
        get().menu?.resolve(null);
        set({
          menu: {
            items,
            x,
            y,
            resolve: (id) => {
              set({ menu: null });
              resolve(id);
            },
          },
        });
      }),
  };
}
