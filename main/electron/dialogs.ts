import { type BrowserWindow, dialog } from 'electron';
import { IMPORT_EXTENSIONS } from '../../shared/contract/index.js';
import type { FileDialogs } from '../handlers/index.js';

/** Native open and save dialogs for imports and exports; the page never names a path. */
export function nativeDialogs(window: () => BrowserWindow | null): FileDialogs {
  return {
    async pick() {
      const win = window();
      const options = {
        properties: ['openFile' as const],
        filters: [{ name: 'Data files', extensions: [...IMPORT_EXTENSIONS] }],
      };
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    async saveAs(suggestedName) {
      const win = window();
      const options = { defaultPath: suggestedName };
      const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return picked.canceled ? null : (picked.filePath ?? null);
    },
  };
}
