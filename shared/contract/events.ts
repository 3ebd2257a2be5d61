import type { Changed } from './changes.js';
import type { ImportProgress } from './transfer.js';

/** Pushes from the main process to the renderer, over IPC or server-sent events. */
export interface EventMap {
  /** Something in the workbook changed: any window's write, a menu command, another workbook opened. */
  changed: Changed;
  /** Progress of a long task the main process runs (an import). */
  progress: ImportProgress;
  /** A menu command the renderer carries out (undo, redo, reload). */
  command: {
    command:
      | 'undo'
      | 'redo'
      | 'reload'
      | 'about'
      | 'import'
      | 'exportModel'
      | 'find'
      | 'theme-system'
      | 'theme-light'
      | 'theme-dark'
      | 'lang-system'
      | 'lang-en'
      | 'lang-zh-CN';
  };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['changed', 'progress', 'command'];
