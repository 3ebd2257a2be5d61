import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/contract/index.js';
import { makeWorkDir } from './work-files.js';
import { byteSafeName } from './write-errors.js';

export interface Transfer {
  id: string;
  /** The file's own name, for messages and the download name. */
  name: string;
  path: string;
  /** Uploads and exports live in our temporary folder and are deleted; picked files are the user's. */
  owned: boolean;
}

/**
 * Files crossing between the window and the main process, by id. The window never names a
 * path: it gets ids for files it uploaded or picked, and for exports to download.
 */
export class Transfers {
  private readonly items = new Map<string, Transfer>();
  private readonly folder = makeWorkDir('transfers');

  /**
   * A fresh path for a file we are about to write (an upload or an export). The name on disk is
   * cut by bytes to what any file system takes; the name as given is kept as the label.
   */
  reserve(name: string): Transfer {
    const id = randomBytes(12).toString('hex');
    const safe = basename(name).replace(/[^\p{L}\p{N} ._()-]+/gu, '_') || 'file';
    const dir = join(this.folder, id);
    mkdirSync(dir);
    const item = { id, name: [...safe].slice(0, 255).join(''), path: join(dir, byteSafeName(safe)), owned: true };
    this.items.set(id, item);
    return item;
  }

  /** A file the user picked in a native dialog (Electron). */
  adopt(path: string): Transfer {
    const id = randomBytes(12).toString('hex');
    const item = { id, name: basename(path), path, owned: false };
    this.items.set(id, item);
    return item;
  }

  get(id: string): Transfer {
    const item = this.items.get(id);
    if (!item) throw AppError.of('NOT_FOUND', { key: 'mainError.fileGone' });
    return item;
  }

  has(id: string): boolean {
    return this.items.has(id);
  }

  release(id: string): void {
    const item = this.items.get(id);
    this.items.delete(id);
    if (item?.owned) rmSync(join(this.folder, id), { recursive: true, force: true });
  }

  dispose(): void {
    this.items.clear();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
