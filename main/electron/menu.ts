import { type BrowserWindow, Menu, type MenuItemConstructorOptions, app, dialog, nativeTheme } from 'electron';
import type { EventMap } from '../../shared/contract/index.js';
import type { EventBus } from '../handlers/index.js';
import type { Session } from '../services/session.js';

export interface MenuDeps {
  window: () => BrowserWindow | null;
  session: Session;
  events: EventBus;
  dataDir: string;
}

async function openWorkbook(deps: MenuDeps): Promise<void> {
  const win = deps.window();
  const options = { properties: ['openFile' as const], filters: [{ name: 'Workbooks', extensions: ['cgw'] }] };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const path = picked.filePaths[0];
  if (picked.canceled || !path) return;
  try {
    await deps.session.open(path);
  } catch (error) {
    dialog.showErrorBox('Cannot open workbook', error instanceof Error ? error.message : String(error));
  }
}

async function newFromTemplate(deps: MenuDeps): Promise<void> {
  const win = deps.window();
  const options = {
    defaultPath: `${deps.dataDir}/China AI compute (new).cgw`,
    filters: [{ name: 'Workbooks', extensions: ['cgw'] }],
  };
  const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (picked.canceled || !picked.filePath) return;
  try {
    await deps.session.newFromTemplate(picked.filePath);
  } catch (error) {
    dialog.showErrorBox('Cannot create workbook', error instanceof Error ? error.message : String(error));
  }
}

/** File, Edit, View, Help with the platform's standard accelerators. Undo and redo act on the workbook. */
export function buildMenu(deps: MenuDeps): Menu {
  const isMac = process.platform === 'darwin';
  type Command = EventMap['command']['command'];
  const command = (name: Command) => () => deps.events.emit('command', { command: name });
  // The system's menus and dialogs follow the choice too; the page is told so it keeps it.
  const theme = (source: 'system' | 'light' | 'dark') => () => {
    nativeTheme.themeSource = source;
    deps.events.emit('command', { command: `theme-${source}` });
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New from Template…', accelerator: 'CmdOrCtrl+N', click: () => void newFromTemplate(deps) },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => void openWorkbook(deps) },
        { type: 'separator' },
        { label: 'Import Data…', accelerator: 'CmdOrCtrl+I', click: command('import') },
        { label: 'Export Model Workbook…', accelerator: 'CmdOrCtrl+E', click: command('exportModel') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: command('undo') },
        { label: 'Redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: command('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        // Electron has no find bar of its own: the window's Find field in the Data view.
        { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: command('find') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: 'Reload Data', accelerator: 'F5', click: command('reload') },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [
            { label: 'Follow System', click: theme('system') },
            { label: 'Light', click: theme('light') },
            { label: 'Dark', click: theme('dark') },
          ],
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      submenu: [
        {
          label: 'About Compute Gap Workbench',
          click: () =>
            void dialog.showMessageBox({
              message: 'Compute Gap Workbench',
              detail: `Version ${app.getVersion()}. Workbooks are DuckDB files kept on this computer.`,
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
