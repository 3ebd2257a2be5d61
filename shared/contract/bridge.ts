import type { Reply } from './errors.js';
import type { EventMap, EventName } from './events.js';

/**
 * What the Electron preload exposes as `window.cgw`: these four functions and nothing else. The
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
  /**
   * Shows the operating system's context menu with these items at the pointer and answers the
   * chosen item's id, or null when it was dismissed. The renderer acts on the id itself, so
   * both transports run the same commands.
   */
  contextMenu(items: MenuEntry[]): Promise<string | null>;
}

/** One entry of a context menu: a command, or a separator line. */
export type MenuEntry = { id: string; label: string; enabled: boolean; accelerator?: string } | { separator: true };

/** A menu longer than this, or a label longer than this, is refused as hostile. */
export const MENU_LIMITS = { items: 40, label: 80, id: 40, accelerator: 24 } as const;

/** Checks a menu sent from the page before the main process builds it; null when it is malformed. */
export function checkMenuEntries(raw: unknown): MenuEntry[] | null {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MENU_LIMITS.items) return null;
  const out: MenuEntry[] = [];
  const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const o = item as Record<string, unknown>;
    if (o.separator === true && Object.keys(o).length === 1) {
      out.push({ separator: true });
      continue;
    }
    // Nothing beyond the four known fields: no role, click or submenu can be smuggled in.
    if (Object.keys(o).some((k) => !['id', 'label', 'enabled', 'accelerator'].includes(k))) return null;
    if (!text(o.id, MENU_LIMITS.id) || !/^[a-z][a-z0-9-]*$/.test(o.id)) return null;
    if (!text(o.label, MENU_LIMITS.label) || typeof o.enabled !== 'boolean') return null;
    if (o.accelerator !== undefined && !text(o.accelerator, MENU_LIMITS.accelerator)) return null;
    out.push({
      id: o.id,
      label: o.label,
      enabled: o.enabled,
      ...(typeof o.accelerator === 'string' ? { accelerator: o.accelerator } : {}),
    });
  }
  return out;
}

/** IPC channel names; one for calls and one per event keeps the preload's surface fixed. */
export const IPC_CALL = 'cgw:call';
export const IPC_DROP = 'cgw:drop';
export const IPC_MENU = 'cgw:menu';
export const ipcEventChannel = (event: EventName): string => `cgw:event:${event}`;
