import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/contract/index.js';
import { DEFAULT_WORKBOOK_NAME } from './paths.js';
import { WorkbookStore } from './store/workbook-store.js';
import { createFromTemplate } from './template.js';

/**
 * The workbook a window works on. Both transports share one session, so the browser host
 * and the Electron window see the same file the same way.
 */
export class Session {
  private store: WorkbookStore | null = null;

  current(): WorkbookStore {
    if (!this.store) throw new AppError('NO_WORKBOOK', 'No workbook is open.');
    return this.store;
  }

  async open(path: string): Promise<WorkbookStore> {
    const full = resolve(path);
    if (this.store?.path === full) return this.store;
    // Open the new one before closing the old: a refused file leaves the current one open.
    const next = await WorkbookStore.open(full);
    this.store?.close();
    this.store = next;
    return next;
  }

  async newFromTemplate(path: string): Promise<WorkbookStore> {
    const full = resolve(path);
    mkdirSync(dirname(full), { recursive: true });
    const next = await createFromTemplate(full);
    this.store?.close();
    this.store = next;
    return next;
  }

  /** Opens the built-in workbook in `dataDir`, making it from the template on first start. */
  async openDefault(dataDir: string): Promise<WorkbookStore> {
    const path = join(dataDir, DEFAULT_WORKBOOK_NAME);
    return existsSync(path) ? this.open(path) : this.newFromTemplate(path);
  }

  close(): void {
    this.store?.close();
    this.store = null;
  }
}
