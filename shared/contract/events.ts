/** Pushes from the main process to the renderer, over IPC or server-sent events. */
export interface EventMap {
  /** Something changed in the workbook outside the caller's own request (another window, a menu). */
  changed: { kind: 'workbook' | 'dataset'; dataset?: string };
  /** Progress of a long task (import, export, Monte Carlo). */
  progress: { task: string; done: number; total: number };
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
      | 'theme-dark';
  };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['changed', 'progress', 'command'];
