import { type BrowserWindow, Menu, type MenuItemConstructorOptions, app, dialog, nativeTheme } from 'electron';
import type { EventMap } from '../../shared/contract/index.js';
import { LOCALES, LOCALE_NAMES, type Locale, translator } from '../../shared/i18n/index.js';
import type { EventBus } from '../handlers/index.js';
import type { Session } from '../services/session.js';

export interface MenuDeps {
  window: () => BrowserWindow | null;
  session: Session;
  events: EventBus;
  dataDir: string;
  /** The language the menu is written in. */
  locale: Locale;
  /** View ▸ Language was chosen: the caller keeps the choice and builds the menu again. */
  onLanguage?: (choice: 'system' | Locale) => void;
}

async function openWorkbook(deps: MenuDeps): Promise<void> {
  const win = deps.window();
  const t = translator(deps.locale);
  const options = { properties: ['openFile' as const], filters: [{ name: t('menu.workbooks'), extensions: ['cgw'] }] };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const path = picked.filePaths[0];
  if (picked.canceled || !path) return;
  try {
    await deps.session.open(path);
  } catch (error) {
    dialog.showErrorBox(t('menu.cannotOpen'), error instanceof Error ? error.message : String(error));
  }
}

async function newFromTemplate(deps: MenuDeps): Promise<void> {
  const win = deps.window();
  const t = translator(deps.locale);
  const options = {
    defaultPath: `${deps.dataDir}/China AI compute (new).cgw`,
    filters: [{ name: t('menu.workbooks'), extensions: ['cgw'] }],
  };
  const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (picked.canceled || !picked.filePath) return;
  try {
    await deps.session.newFromTemplate(picked.filePath);
  } catch (error) {
    dialog.showErrorBox(t('menu.cannotCreate'), error instanceof Error ? error.message : String(error));
  }
}

/** File, Edit, View, Help with the platform's standard accelerators. Undo and redo act on the workbook. */
export function buildMenu(deps: MenuDeps): Menu {
  const isMac = process.platform === 'darwin';
  const t = translator(deps.locale);
  type Command = EventMap['command']['command'];
  const command = (name: Command) => () => deps.events.emit('command', { command: name });
  // The system's menus and dialogs follow the choice too; the page is told so it keeps it.
  const theme = (source: 'system' | 'light' | 'dark') => () => {
    nativeTheme.themeSource = source;
    deps.events.emit('command', { command: `theme-${source}` });
  };
  // The page follows the choice as it follows the theme; the menu is built again in it.
  const language = (choice: 'system' | Locale) => () => {
    deps.events.emit('command', { command: `lang-${choice}` });
    deps.onLanguage?.(choice);
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.newFromTemplate'), accelerator: 'CmdOrCtrl+N', click: () => void newFromTemplate(deps) },
        { label: t('menu.open'), accelerator: 'CmdOrCtrl+O', click: () => void openWorkbook(deps) },
        { type: 'separator' },
        { label: t('menu.import'), accelerator: 'CmdOrCtrl+I', click: command('import') },
        { label: t('menu.exportModel'), accelerator: 'CmdOrCtrl+E', click: command('exportModel') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { label: t('menu.undo'), accelerator: 'CmdOrCtrl+Z', click: command('undo') },
        { label: t('menu.redo'), accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: command('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        // Electron has no find bar of its own: the window's Find field in the Data view.
        { label: t('menu.find'), accelerator: 'CmdOrCtrl+F', click: command('find') },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { label: t('menu.reload'), accelerator: 'F5', click: command('reload') },
        { type: 'separator' },
        {
          label: t('menu.theme'),
          submenu: [
            { label: t('menu.theme.system'), click: theme('system') },
            { label: t('menu.theme.light'), click: theme('light') },
            { label: t('menu.theme.dark'), click: theme('dark') },
          ],
        },
        {
          label: t('menu.language'),
          submenu: [
            { label: t('menu.language.system'), click: language('system') },
            ...LOCALES.map((l) => ({ label: LOCALE_NAMES[l], click: language(l) })),
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
      label: t('menu.help'),
      submenu: [
        {
          label: t('menu.about'),
          click: () =>
            void dialog.showMessageBox({
              message: 'Compute Gap Workbench',
              detail: t('menu.aboutDetail', { version: app.getVersion() }),
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
