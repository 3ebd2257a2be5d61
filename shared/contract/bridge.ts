import type { Reply } from './errors.js';
import type { EventMap, EventName } from './events.js';

/**
 * What the Electron preload exposes as `window.cgw`: two functions and nothing else. The
 * preload refuses names that are not in the contract before anything crosses to the main
 * process.
 */
export interface Bridge {
  invoke(method: string, args: unknown): Promise<Reply<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /**
   * A file the user dropped on the window, handed to the main process by its path. Only the
   * preload can learn a dropped file's path, and a File the page built itself has none.
   */
  dropped(file: File): Promise<Reply<{ upload: string; name: string }>>;
}

/** IPC channel names; one for calls and one per event keeps the preload's surface fixed. */
export const IPC_CALL = 'cgw:call';
export const IPC_DROP = 'cgw:drop';
export const ipcEventChannel = (event: EventName): string => `cgw:event:${event}`;
