import type { Bridge, EventMap, EventName, Reply } from '../../../shared/contract/index.js';

/** How the renderer reaches the main process: the preload bridge in Electron, HTTP in a browser. */
export interface Transport {
  kind: 'ipc' | 'http';
  invoke(method: string, args: unknown): Promise<Reply<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

declare global {
  interface Window {
    cgw?: Bridge;
  }
}

export function ipcTransport(bridge: Bridge): Transport {
  return { kind: 'ipc', invoke: (m, a) => bridge.invoke(m, a), on: (e, l) => bridge.on(e, l) };
}
