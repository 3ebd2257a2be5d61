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
}

/** IPC channel names; one for calls and one per event keeps the preload's surface fixed. */
export const IPC_CALL = 'cgw:call';
export const ipcEventChannel = (event: EventName): string => `cgw:event:${event}`;
