import { BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { EVENT_NAMES, IPC_CALL, type Reply, ipcEventChannel } from '../../shared/contract/index.js';
import type { EventBus, Router } from '../handlers/index.js';
import { isTrustedUrl } from './guards.js';

/**
 * The IPC transport: one channel for calls, answered by the same router the HTTP host uses.
 * A call from a frame that is not our renderer (or from no frame) is refused unanswered.
 */
export function serveIpc(router: Router, events: EventBus): void {
  ipcMain.handle(
    IPC_CALL,
    async (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<Reply<unknown>> => {
      const frame = event.senderFrame;
      if (!frame || !isTrustedUrl(frame.url)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Calls are accepted from the workbench window only.' },
        };
      }
      return router.call(method, args, { transport: 'ipc' });
    },
  );
  events.subscribe((name, payload) => {
    if (!EVENT_NAMES.includes(name)) return;
    for (const window of BrowserWindow.getAllWindows()) {
      if (isTrustedUrl(window.webContents.getURL())) window.webContents.send(ipcEventChannel(name), payload);
    }
  });
}
