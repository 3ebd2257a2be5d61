import { BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { EVENT_NAMES, IPC_CALL, IPC_DROP, type Reply, ipcEventChannel } from '../../shared/contract/index.js';
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
  events.subscribe((name, payload) => {
    if (!EVENT_NAMES.includes(name)) return;
    for (const window of BrowserWindow.getAllWindows()) {
      if (isTrustedUrl(window.webContents.getURL())) window.webContents.send(ipcEventChannel(name), payload);
    }
  });
}
