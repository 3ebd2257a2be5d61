import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, IPC_CALL, type Bridge, ipcEventChannel, isMethodName } from '../../shared/contract/index.js';

/**
 * The whole surface the renderer gets: invoke a contract method, listen to a contract event.
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
};

contextBridge.exposeInMainWorld('cgw', bridge);
