import { BrowserWindow, type IpcMainInvokeEvent, Menu, ipcMain } from 'electron';
import {
  EVENT_NAMES,
  IPC_CALL,
  IPC_DROP,
  IPC_MENU,
  type Reply,
  checkMenuEntries,
  ipcEventChannel,
} from '../../shared/contract/index.js';
import { type EventBus, type Router, adoptDroppedFile } from '../handlers/index.js';
import type { Transfers } from '../services/transfers.js';
import { isTrustedUrl } from './guards.js';

/**
 * The IPC transport: one channel for calls, answered by the same router the HTTP host uses.
 * A call from a frame that is not our renderer (or from no frame) is refused unanswered.
 */
const FOREIGN: Reply<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Calls are accepted from the workbench window only.' },
};

const trusted = (event: IpcMainInvokeEvent): boolean => {
  const frame = event.senderFrame;
  return frame !== null && isTrustedUrl(frame.url);
};

export function serveIpc(router: Router, events: EventBus, transfers: Transfers): void {
  ipcMain.handle(
    IPC_CALL,
    async (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<Reply<unknown>> =>
      trusted(event) ? router.call(method, args, { transport: 'ipc' }) : FOREIGN,
  );
  // A dropped file's path, found by the preload; checked like any other path before it is adopted.
  ipcMain.handle(IPC_DROP, (event: IpcMainInvokeEvent, path: unknown): Reply<unknown> =>
    trusted(event) ? adoptDroppedFile(transfers, path) : FOREIGN,
  );
  // The grid's right-click menu as the system draws it. The page names labels and ids only;
  // a malformed or oversized list, or one from another frame, shows nothing.
  ipcMain.handle(IPC_MENU, (event: IpcMainInvokeEvent, raw: unknown): Promise<string | null> => {
    const entries = checkMenuEntries(raw);
    if (!trusted(event) || !entries) return Promise.resolve(null);
    return new Promise((resolve) => {
      let chosen: string | null = null;
      const menu = Menu.buildFromTemplate(
        entries.map((e) =>
          'separator' in e
            ? { type: 'separator' as const }
            : {
                label: e.label,
                enabled: e.enabled,
                ...(e.accelerator ? { accelerator: e.accelerator, registerAccelerator: false } : {}),
                click: () => {
                  chosen = e.id;
                  resolve(e.id);
                },
              },
        ),
      );
      const window = BrowserWindow.fromWebContents(event.sender) ?? undefined;
      // On some platforms the menu closes before the click is delivered: wait a turn before
      // taking the close as a dismissal.
      menu.popup({ ...(window ? { window } : {}), callback: () => setTimeout(() => resolve(chosen), 50) });
    });
  });
  events.subscribe((name, payload) => {
    if (!EVENT_NAMES.includes(name)) return;
    for (const window of BrowserWindow.getAllWindows()) {
      if (isTrustedUrl(window.webContents.getURL())) window.webContents.send(ipcEventChannel(name), payload);
    }
  });
}
