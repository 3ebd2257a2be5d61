import type { Bridge, EventMap, EventName, MenuEntry, Reply } from '../../../shared/contract/index.js';

/** How the renderer reaches the main process: the preload bridge in Electron, HTTP in a browser. */
export interface Transport {
  kind: 'ipc' | 'http';
  /** Browser host only: send a file the user chose or dropped; desktop picks files natively. */
  upload?: (file: File) => Promise<{ upload: string; name: string }>;
  /** Desktop only: a file dropped on the window, handed over by its path (the preload finds it). */
  dropped?: (file: File) => Promise<{ upload: string; name: string }>;
  /** Browser host only: save an export the main process prepared. */
  download?: (id: string, name: string) => Promise<void>;
  /** Desktop only: the system's context menu; the browser host draws its own (ContextMenu.tsx). */
  contextMenu?: (items: MenuEntry[]) => Promise<string | null>;
  invoke(method: string, args: unknown): Promise<Reply<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

declare global {
  interface Window {
    cgw?: Bridge;
  }
}

export function ipcTransport(bridge: Bridge): Transport {
  return {
    kind: 'ipc',
    invoke: (m, a) => bridge.invoke(m, a),
    on: (e, l) => bridge.on(e, l),
    dropped: async (file) => {
      const reply = await bridge.dropped(file);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    contextMenu: (items) => bridge.contextMenu(items),
  };
}
