import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_DROP, IPC_MENU, type Reply, ipcEventChannel } from '../../shared/contract/index.js';
import { ipcTransport } from '../../renderer/src/api/transport.js';
import type { Bridge } from '../../shared/contract/index.js';
import { createRouter } from '../handlers/index.js';
import { linkToOpen } from '../services/links.js';
import { builtInWorkbook } from '../testing/built-in-workbook.js';

/**
 * The Electron binary cannot be installed here, so `electron` itself is stood in for by the
 * few calls these modules make (recorded below). Everything behind them is real: the router,
 * the handlers, the workbook in DuckDB and the link policy. This runs the Electron-only paths
 * (IPC sender checks, drop adoption, events to windows, navigation and window-open guards,
 * permission handlers, the app:// file server) that the browser-host specs cannot reach.
 */
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  return {
    handlers: new Map<string, Listener>(),
    appListeners: new Map<string, Listener>(),
    opened: [] as string[],
    windows: [] as { url: string; sent: [string, unknown][] }[],
    permission: null as null | Listener,
    permissionCheck: null as null | Listener,
    protocolHandler: null as null | ((request: Request) => Promise<Response>),
    exposed: new Map<string, unknown>(),
    rendererListeners: new Map<string, Set<Listener>>(),
    dropPath: '',
    nativeTheme: { themeSource: 'system' },
    menus: [] as {
      template: { label?: string; type?: string; enabled?: boolean; click?: () => void }[];
      close: () => void;
    }[],
  };
});

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => fake.handlers.set(channel, fn) },
  Menu: {
    buildFromTemplate: (template: { label?: string; type?: string; enabled?: boolean; click?: () => void }[]) => ({
      template,
      popup: (options: { callback?: () => void }) => fake.menus.push({ template, close: () => options.callback?.() }),
    }),
  },
  nativeTheme: fake.nativeTheme,
  dialog: {},
  BrowserWindow: {
    fromWebContents: () => null,
    getAllWindows: () =>
      fake.windows.map((w) => ({
        webContents: {
          getURL: () => w.url,
          send: (channel: string, payload: unknown) => w.sent.push([channel, payload]),
        },
      })),
  },
  shell: {
    openExternal: (url: string) => {
      fake.opened.push(url);
      return Promise.resolve();
    },
  },
  app: { on: (name: string, fn: (...args: unknown[]) => unknown) => fake.appListeners.set(name, fn) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: (...args: unknown[]) => unknown) => (fake.permission = fn),
      setPermissionCheckHandler: (fn: (...args: unknown[]) => unknown) => (fake.permissionCheck = fn),
    },
  },
  protocol: {
    registerSchemesAsPrivileged: () => undefined,
    handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => (fake.protocolHandler = fn),
  },
  // The preload's side: what it exposes, and an ipcRenderer wired to the ipcMain handlers above
  // as our window would be (its frame is app://workbench/).
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      const handler = fake.handlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return Promise.resolve(handler({ senderFrame: { url: 'app://workbench/index.html' } }, ...args));
    },
    on: (channel: string, fn: (...args: unknown[]) => unknown) => {
      const set = fake.rendererListeners.get(channel) ?? new Set();
      set.add(fn);
      fake.rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => unknown) =>
      fake.rendererListeners.get(channel)?.delete(fn),
  },
  webUtils: { getPathForFile: () => fake.dropPath },
}));

const { serveIpc } = await import('./ipc.js');
const { buildMenu } = await import('./menu.js');
const { installGuards } = await import('./guards.js');
const { serveRenderer } = await import('./protocol.js');
await import('./preload.js');

const { session, tmp } = builtInWorkbook();
let events: ReturnType<typeof createRouter>['events'];

beforeAll(() => {
  const made = createRouter(session);
  events = made.events;
  serveIpc(made.router, made.events, made.transfers);
  installGuards((url) => linkToOpen(session.isOpen() ? session.current() : null, url));
});

const frame = (url: string | null) => ({ senderFrame: url === null ? null : { url } });
const invoke = async (channel: string, event: unknown, ...args: unknown[]): Promise<Reply<unknown>> => {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler on ${channel}`);
  return (await handler(event, ...args)) as Reply<unknown>;
};

describe('the IPC transport', () => {
  it('answers our renderer through the real router, and refuses a null or foreign sender frame', async () => {
    const ours = await invoke(IPC_CALL, frame('app://workbench/index.html'), 'workbook.info', {});
    expect(ours.ok).toBe(true);
    expect(ours.ok && (ours.value as { path: string }).path).toMatch(/China AI compute\.cgw$/);
    for (const sender of [
      frame(null),
      frame('https://evil.example/'),
      frame('file:///etc/passwd'),
      frame('app://workbench.evil/'),
      frame('not a url'),
      frame('app://user:pw@workbench/'),
      frame('app://workbench:8080/'),
    ]) {
      const refused = await invoke(IPC_CALL, sender, 'workbook.info', {});
      expect(refused).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Calls are accepted from the workbench window only.' },
      });
    }
    // A bad call from our own window gets the router's typed refusal, not a crash.
    const bad = await invoke(IPC_CALL, frame('app://workbench/'), 'workbook.nothing', { x: 1 });
    expect(bad.ok).toBe(false);
  });

  it('adopts a dropped file only from our window and only when it is a real file', async () => {
    const file = join(tmp.dir, 'dropped.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const adopted = await invoke(IPC_DROP, frame('app://workbench/'), file);
    expect(adopted.ok && (adopted.value as { name: string }).name).toBe('dropped.csv');
    expect((await invoke(IPC_DROP, frame('https://evil.example/'), file)).ok).toBe(false);
    expect((await invoke(IPC_DROP, frame(null), file)).ok).toBe(false);
    for (const path of ['relative.csv', tmp.dir, join(tmp.dir, 'missing.csv'), 42, `${file}\0x`]) {
      const refused = await invoke(IPC_DROP, frame('app://workbench/'), path);
      expect(refused.ok, String(path)).toBe(false);
    }
  });

  it('sends events to our windows only', () => {
    fake.windows.push({ url: 'app://workbench/index.html', sent: [] }, { url: 'https://evil.example/', sent: [] });
    const changed = { version: 7, changes: { workbook: true as const } };
    events.emit('changed', changed);
    expect(fake.windows[0]?.sent).toEqual([[ipcEventChannel('changed'), changed]]);
    expect(fake.windows[1]?.sent).toEqual([]);
  });
});

describe('the guards on every web contents', () => {
  type Handler = (...args: unknown[]) => unknown;
  function contents() {
    const on = new Map<string, Handler>();
    let openHandler: Handler | null = null;
    const created = fake.appListeners.get('web-contents-created');
    if (!created) throw new Error('no web-contents-created guard');
    created(
      {},
      {
        on: (name: string, fn: Handler) => on.set(name, fn),
        setWindowOpenHandler: (fn: Handler) => (openHandler = fn),
      },
    );
    const prevented = (name: string, url?: string): boolean => {
      let stopped = false;
      on.get(name)?.({ preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    return { prevented, open: (url: string) => openHandler?.({ url }) };
  }

  it('lets our pages navigate and stops everything else, webviews included', () => {
    const c = contents();
    expect(c.prevented('will-navigate', 'app://workbench/index.html')).toBe(false);
    expect(c.prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.prevented('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(c.prevented('will-attach-webview')).toBe(true);
  });

  it('denies every new window, and opens in the browser only web links the workbook cites', async () => {
    const c = contents();
    const cited = (
      (await session.current().readRows({ dataset: 'chips', offset: 0, limit: 100 })).rows
        .map((r) => r.values['source'])
        .find((v) => typeof v === 'string' && v.startsWith('https://')) as string
    ).trim();
    for (const url of [cited, 'https://evil.example/not-cited', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(c.open(url)).toEqual({ action: 'deny' });
    }
    await vi.waitFor(() => expect(fake.opened).toContain(cited));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.opened).toEqual([cited]);
  });

  it('refuses every permission but the clipboard, and that only to our own pages', () => {
    const ask = (permission: string, url: string) => {
      let granted: boolean | null = null;
      fake.permission?.({}, permission, (answer: boolean) => (granted = answer), { requestingUrl: url });
      return granted;
    };
    expect(ask('media', 'app://workbench/index.html')).toBe(false);
    expect(ask('clipboard-read', 'app://workbench/index.html')).toBe(true);
    expect(ask('clipboard-sanitized-write', 'app://workbench/index.html')).toBe(true);
    expect(ask('clipboard-read', 'https://evil.example/')).toBe(false);
    expect(fake.permissionCheck?.({}, 'notifications', 'app://workbench')).toBe(false);
    expect(fake.permissionCheck?.({}, 'clipboard-read', 'app://workbench')).toBe(true);
    expect(fake.permissionCheck?.({}, 'clipboard-read', 'https://evil.example')).toBe(false);
  });
});

describe('the application menu', () => {
  it('View ▸ Theme sets the system theme source and tells the page', () => {
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const menu = buildMenu({ window: () => null, session, events, dataDir: tmp.dir, locale: 'en' }) as unknown as {
      template: Item[];
    };
    const view = menu.template.find((m) => m.label === '&View');
    const theme = view?.submenu?.find((m) => m.label === 'Theme');
    const told: unknown[] = [];
    const off = events.subscribe((name, payload) => {
      if (name === 'command') told.push(payload);
    });
    theme?.submenu?.find((m) => m.label === 'Dark')?.click?.();
    expect(fake.nativeTheme.themeSource).toBe('dark');
    theme?.submenu?.find((m) => m.label === 'Follow System')?.click?.();
    expect(fake.nativeTheme.themeSource).toBe('system');
    expect(told).toEqual([{ command: 'theme-dark' }, { command: 'theme-system' }]);
    off();
  });

  it('is written in the chosen language, and View ▸ Language tells the page and the caller', () => {
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const chosen: string[] = [];
    const build = (locale: 'en' | 'zh-CN') =>
      buildMenu({
        window: () => null,
        session,
        events,
        dataDir: tmp.dir,
        locale,
        onLanguage: (c) => chosen.push(c),
      }) as unknown as { template: Item[] };
    const labels = (items: Item[]): string[] =>
      items.flatMap((i) => [...(i.label ? [i.label] : []), ...labels(i.submenu ?? [])]);
    const zh = build('zh-CN');
    expect(zh.template.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    // Every label of ours has Chinese in it, except the language names' English one and the brand.
    const notChinese = labels(zh.template).filter((l) => !/\p{Script=Han}/u.test(l));
    expect(notChinese).toEqual(['English']);
    const told: unknown[] = [];
    const off = events.subscribe((name, payload) => {
      if (name === 'command') told.push(payload);
    });
    const view = zh.template.find((m) => m.label === '视图(&V)');
    const language = view?.submenu?.find((m) => m.label === '语言');
    language?.submenu?.find((m) => m.label === 'English')?.click?.();
    language?.submenu?.find((m) => m.label === '跟随系统')?.click?.();
    expect(told).toEqual([{ command: 'lang-en' }, { command: 'lang-system' }]);
    expect(chosen).toEqual(['en', 'system']);
    expect(build('en').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    off();
  });
});

describe('the native context menu', () => {
  const menu = (event: unknown, items: unknown) => {
    const handler = fake.handlers.get(IPC_MENU);
    if (!handler) throw new Error('no menu handler');
    return handler(event, items) as Promise<string | null>;
  };
  const items = [
    { id: 'cut', label: 'Cut', enabled: true, accelerator: 'CmdOrCtrl+X' },
    { separator: true },
    { id: 'delete-rows', label: 'Delete row', enabled: false },
  ];

  it("shows the page's items as the system menu and answers the clicked id, or null when dismissed", async () => {
    const shown = fake.menus.length;
    const clicked = menu(frame('app://workbench/'), items);
    const drawn = fake.menus[shown];
    if (!drawn) throw new Error('no menu shown');
    expect(drawn.template.map((t) => t.label ?? t.type)).toEqual(['Cut', 'separator', 'Delete row']);
    expect(drawn.template[2]?.enabled).toBe(false);
    drawn.template[0]?.click?.();
    drawn.close();
    expect(await clicked).toBe('cut');
    const dismissed = menu(frame('app://workbench/'), items);
    fake.menus[shown + 1]?.close();
    expect(await dismissed).toBeNull();
  });

  it('shows nothing for another frame or a malformed menu', async () => {
    const shown = fake.menus.length;
    expect(await menu(frame('https://evil.example/'), items)).toBeNull();
    expect(await menu(frame(null), items)).toBeNull();
    for (const bad of [
      null,
      [],
      'cut',
      [{ id: 'cut', label: 'Cut' }],
      [{ id: 'Cut!', label: 'Cut', enabled: true }],
      [{ id: 'cut', label: 'x'.repeat(81), enabled: true }],
      [{ id: 'cut', label: 'Cut', enabled: true, role: 'quit' }],
      [{ id: 'cut', label: 'Cut', enabled: true, submenu: [] }],
      [{ separator: true, label: 'x' }],
      Array.from({ length: 41 }, () => ({ separator: true })),
    ]) {
      expect(await menu(frame('app://workbench/'), bad), JSON.stringify(bad)?.slice(0, 60)).toBeNull();
    }
    expect(fake.menus.length).toBe(shown);
  });
});

describe('the app:// file server', () => {
  it('serves the renderer folder with the security headers and nothing outside it', async () => {
    const dir = join(tmp.dir, 'dist');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ok</title>');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'secret');
    serveRenderer(dir);
    const serve = fake.protocolHandler;
    if (!serve) throw new Error('no app:// handler');
    const page = await serve(new Request('app://workbench/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>ok</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    for (const url of [
      'app://workbench/../secret.txt',
      'app://workbench/%2e%2e/secret.txt',
      'app://workbench/..%2fsecret.txt',
      'app://other/index.html',
      'app://workbench/missing.js',
    ]) {
      const res = await serve(new Request(url));
      expect(res.status, url).toBe(404);
    }
  });
});

describe('the preload bridge, end to end through IPC', () => {
  it('exposes invoke, on and dropped only, and carries calls to the real router', async () => {
    const bridge = fake.exposed.get('cgw') as Bridge;
    expect([...fake.exposed.keys()]).toEqual(['cgw']);
    expect(Object.keys(bridge).sort()).toEqual(['contextMenu', 'dropped', 'invoke', 'on']);
    const transport = ipcTransport(bridge);
    const info = await transport.invoke('workbook.info', {});
    expect(info.ok && (info.value as { path: string }).path).toMatch(/China AI compute\.cgw$/);
    // A name outside the contract never reaches IPC.
    const unknown = await transport.invoke('../../etc', {});
    expect(unknown.ok === false && unknown.error.code).toBe('UNKNOWN_METHOD');
  });

  it('delivers contract events to the page and stops when asked; other event names get nothing', () => {
    const bridge = fake.exposed.get('cgw') as Bridge;
    const seen: unknown[] = [];
    const off = bridge.on('changed', (payload) => seen.push(payload));
    const channel = ipcEventChannel('changed');
    for (const fn of fake.rendererListeners.get(channel) ?? []) fn({}, { kind: 'dataset' });
    off();
    for (const fn of fake.rendererListeners.get(channel) ?? []) fn({}, { kind: 'late' });
    expect(seen).toEqual([{ kind: 'dataset' }]);
    const none = bridge.on('secret' as never, () => undefined);
    expect(fake.rendererListeners.has('cgw:event:secret')).toBe(false);
    none();
  });

  it('hands over a dropped file by its path; a File the page made itself has none', async () => {
    const transport = ipcTransport(fake.exposed.get('cgw') as Bridge);
    const file = join(tmp.dir, 'from-desktop.csv');
    writeFileSync(file, 'a\n1\n');
    fake.dropPath = '';
    await expect(transport.dropped?.(new File(['a\n1\n'], 'made-up.csv'))).rejects.toThrow(
      'Only files dropped from the desktop can be imported this way.',
    );
    fake.dropPath = file;
    const adopted = await transport.dropped?.(new File(['a\n1\n'], 'from-desktop.csv'));
    expect(adopted?.name).toBe('from-desktop.csv');
  });
});
