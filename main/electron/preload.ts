import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  EVENT_NAMES,
  IPC_CALL,
  IPC_DROP,
  IPC_MENU,
  type Bridge,
  ipcEventChannel,
  isMethodName,
} from '../../shared/contract/index.js';

/**
 * The whole surface the renderer gets: invoke a contract method, listen to a contract event,
 * hand over a dropped file, show a native context menu.
 * No channel name comes from the page, and nothing from Electron or Node is handed over.
 */
const bridge: Bridge = {
  invoke(method, args) {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 80)}` },
      });
    }
    return ipcRenderer.invoke(IPC_CALL, method, args);
  },
  on(event, listener) {
    if (!EVENT_NAMES.includes(event)) return () => undefined;
    const channel = ipcEventChannel(event);
    const wrapped = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
  dropped(file) {
    // '' for a File the page made up: only a real drop from the desktop carries a path.
    const path = file instanceof File ? webUtils.getPathForFile(file) : '';
    if (!path) {
      return Promise.resolve({
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'Only files dropped from the desktop can be imported this way.' },
      });
    }
    return ipcRenderer.invoke(IPC_DROP, path);
  },
  contextMenu(items) {
    return ipcRenderer.invoke(IPC_MENU, items) as Promise<string | null>;
  },
};

contextBridge.exposeInMainWorld('cgw', bridge);
