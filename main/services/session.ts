import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, type Changed, type Changes, MODEL_DOCUMENT } from '../../shared/contract/index.js';
import { DEFAULT_WORKBOOK_NAME } from './paths.js';
import { WorkbookStore } from './store/workbook-store.js';
import { createFromTemplate } from './template.js';

/**
 * The workbook a window works on. Both transports share one session, so the browser host
 * and the Electron window see the same file the same way.
 */
export class Session {
  private store: WorkbookStore | null = null;
  /** The workbook folder: where the renderer may list, open and create workbooks by name. */
  private folderPath: string | null = null;

  get folder(): string {
    if (this.folderPath) return this.folderPath;
    if (this.store) return dirname(this.store.path);
    throw AppError.of('NO_WORKBOOK', { key: 'mainError.noFolder' });
  }

  /**
   * A workbook file name inside the folder. The renderer never passes paths: a name cannot
   * climb out of the folder or point at a device.
   */
  pathFor(name: string): string {
    const file = name.toLowerCase().endsWith('.cgw') ? name : `${name}.cgw`;
    const control = [...file].some((c) => c.charCodeAt(0) < 32);
    if (control || !/^[^/\\:*?"<>|]{1,120}$/.test(file) || file.startsWith('.')) {
      throw AppError.of('BAD_REQUEST', { key: 'mainError.badWorkbookName', params: { name } });
    }
    return join(this.folder, file);
  }

  listWorkbooks(): { name: string; current: boolean; modified: string }[] {
    const folder = this.folder;
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((f) => f.toLowerCase().endsWith('.cgw') && !f.startsWith('.'))
      .map((f) => ({
        name: f,
        current: this.store?.path === join(folder, f),
        modified: statSync(join(folder, f)).mtime.toISOString(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  currentName(): string {
    return basename(this.current().path);
  }

  isOpen(): boolean {
    return this.store !== null;
  }

  current(): WorkbookStore {
    if (!this.store) throw AppError.of('NO_WORKBOOK', { key: 'mainError.noWorkbook' });
    return this.store;
  }

  async open(path: string): Promise<WorkbookStore> {
    const full = resolve(path);
    if (this.store?.path === full) return this.store;
    // Open the new one before closing the old: a refused file leaves the current one open.
    const next = await WorkbookStore.open(full);
    await this.replace(next);
    return next;
  }

  async newFromTemplate(path: string): Promise<WorkbookStore> {
    const full = resolve(path);
    mkdirSync(dirname(full), { recursive: true });
    const next = await createFromTemplate(full);
    await this.replace(next);
    return next;
  }

  /** What opening the default workbook had to do that the user should hear about. */
  readonly notes: string[] = [];

  /**
   * Opens the built-in workbook in `dataDir`, making it from the template on first start. A
   * file there that is not a whole workbook (a first start cut short by an older version, which
   * built it in place) is moved aside with a note and a fresh one made: never opened as if whole.
   */
  async openDefault(dataDir: string): Promise<WorkbookStore> {
    this.folderPath = resolve(dataDir);
    const path = join(dataDir, DEFAULT_WORKBOOK_NAME);
    if (!existsSync(path)) return this.newFromTemplate(path);
    if (this.store?.path === resolve(path)) return this.store;
    const whole = await openIfWhole(path);
    if (whole) {
      await this.replace(whole);
      return whole;
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const aside = join(dataDir, `${DEFAULT_WORKBOOK_NAME.replace(/\.cgw$/, '')} (incomplete ${stamp}).cgw`);
    renameSync(path, aside);
    if (existsSync(`${path}.wal`)) renameSync(`${path}.wal`, `${aside}.wal`);
    const note = `${DEFAULT_WORKBOOK_NAME} was not a whole workbook (its making was cut short); it was moved aside as "${basename(aside)}" and a new one made from the template.`;
    this.notes.push(note);
    process.stderr.write(`${note}\n`);
    return this.newFromTemplate(path);
  }

  /**
   * Renames a workbook file in the folder. The open one is closed first and opened again
   * under its new name (or its old one, if the rename fails), so nothing writes mid-rename.
   */
  async renameWorkbook(name: string, to: string): Promise<void> {
    const from = this.pathFor(name);
    const target = this.pathFor(to);
    if (!existsSync(from)) throw AppError.of('NOT_FOUND', { key: 'mainError.noSuchWorkbook', params: { name } });
    if (from === target) return;
    if (existsSync(target))
      throw AppError.of('CONFLICT', { key: 'mainError.workbookExists', params: { name: basename(target) } });
    const open = this.store?.path === resolve(from);
    if (open) await this.replace(null);
    try {
      renameSync(from, target);
      if (existsSync(`${from}.wal`)) renameSync(`${from}.wal`, `${target}.wal`);
    } finally {
      if (open) await this.open(existsSync(target) ? target : from);
      this.announce({ folder: true });
    }
  }

  /**
   * Moves a workbook out of the list into "Deleted workbooks" inside the folder, dated, so a
   * deletion can be taken back by moving the file back. The open workbook is refused.
   */
  deleteWorkbook(name: string): string {
    const path = this.pathFor(name);
    if (!existsSync(path)) throw AppError.of('NOT_FOUND', { key: 'mainError.noSuchWorkbook', params: { name } });
    if (this.store?.path === resolve(path))
      throw AppError.of('CONFLICT', { key: 'mainError.deleteOpen', params: { name: basename(path) } });
    const bin = join(this.folder, 'Deleted workbooks');
    mkdirSync(bin, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = join(bin, `${stamp} ${basename(path)}`);
    renameSync(path, target);
    if (existsSync(`${path}.wal`)) renameSync(`${path}.wal`, `${target}.wal`);
    this.announce({ folder: true });
    return target;
  }

  /** Closes the open workbook once the requests already queued on it are answered. */
  close(): Promise<void> {
    return this.replace(null);
  }

  /**
   * New requests go to `next` at once; the old workbook closes after answering what was already
   * queued on it (a read the window started before the switch), never under a running statement.
   */
  private async replace(next: WorkbookStore | null): Promise<void> {
    const old = this.store;
    this.unwatch?.();
    this.unwatch = next?.onChange((changes) => this.announce(changes)) ?? null;
    this.store = next;
    if (next) this.announce({ workbook: true });
    await old?.close();
  }

  private version = 0;
  private readonly listeners = new Set<(changed: Changed) => void>();
  private unwatch: (() => void) | null = null;

  /**
   * Told of every change: each committed write of the open workbook, another workbook opened,
   * the folder's list changed. Versions only grow, across workbooks, so windows order them.
   */
  onChange(listener: (changed: Changed) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Everything changed at once (an upgrade rewrote the workbook): windows reload it whole. */
  announceReload(): void {
    this.announce({ workbook: true });
  }

  private announce(changes: Changes): void {
    const changed = { version: ++this.version, changes };
    for (const listener of this.listeners) listener(changed);
  }
}

/** A workbook that opens and has its model; null for a half-made one. Other refusals (locked, too new) stand. */
async function openIfWhole(path: string): Promise<WorkbookStore | null> {
  let store: WorkbookStore;
  try {
    store = await WorkbookStore.open(path);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_A_WORKBOOK' || error.code === 'WORKBOOK_CORRUPT'))
      return null;
    throw error;
  }
  if ((await store.getDocument(MODEL_DOCUMENT)) !== null) return store;
  await store.close();
  return null;
}
