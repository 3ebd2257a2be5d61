import { copyFileSync } from 'node:fs';
import { AppError, type ExportDone, type TransferHandlers } from '../../shared/contract/index.js';
import { exportDatasetCsv, exportDatasetXlsx } from '../services/export/dataset-export.js';
import { importFile, previewFile } from '../services/import/import-file.js';
import { exportModelWorkbook } from '../services/model/export.js';
import type { Session } from '../services/session.js';
import type { Transfers } from '../services/transfers.js';
import { writeAtomically } from '../services/xlsx/safe-write.js';
import type { EventBus } from './events.js';

/** Native file dialogs, where the transport has them (Electron); null in the browser host. */
export interface FileDialogs {
  pick(): Promise<string | null>;
  saveAs(suggestedName: string): Promise<string | null>;
}

export function transferHandlers(
  session: Session,
  events: EventBus,
  transfers: Transfers,
  dialogs: FileDialogs | null,
): TransferHandlers {
  /** Writes an export to a temporary file, then hands it over: a download id, or a copy where the user chose. */
  const deliver = async (name: string, write: (path: string) => Promise<unknown>): Promise<ExportDone> => {
    const item = transfers.reserve(name);
    await write(item.path);
    if (!dialogs) return { download: item.id, name: item.name, savedTo: null };
    const target = await dialogs.saveAs(item.name);
    if (target) await writeAtomically(target, (temp) => Promise.resolve(copyFileSync(item.path, temp)));
    transfers.release(item.id);
    return { download: null, name: item.name, savedTo: target };
  };

  return {
    'import.pick': async () => {
      if (!dialogs) throw new AppError('BAD_REQUEST', 'Choose or drop a file in the window to upload it.');
      const path = await dialogs.pick();
      if (!path) return null;
      const item = transfers.adopt(path);
      return { upload: item.id, name: item.name };
    },
    'import.preview': async ({ upload, encoding, delimiter }) => {
      const item = transfers.get(upload);
      const { text: _text, ...preview } = await previewFile(item.path, { encoding, delimiter });
      return { ...preview, file: item.name };
    },
    'import.run': async ({ upload, encoding, delimiter, dataset, mode, types }) => {
      const item = transfers.get(upload);
      events.emit('progress', { task: `Importing ${item.name}`, done: 0, total: 1 });
      const done = await importFile(session.current(), item.path, { dataset, mode, encoding, delimiter, types });
      events.emit('progress', { task: `Importing ${item.name}`, done: 1, total: 1 });
      transfers.release(upload);
      return { dataset: done.dataset, imported: done.imported };
    },
    'export.dataset': ({ dataset, format }) =>
      deliver(`${dataset}.${format}`, (path) =>
        format === 'csv'
          ? exportDatasetCsv(session.current(), dataset, path)
          : exportDatasetXlsx(session.current(), dataset, path),
      ),
    'export.model': ({ scenario, valuesOnly }) => {
      const store = session.current();
      const base = store.path.replace(/^.*[\\/]/, '').replace(/\.cgw$/i, '');
      return deliver(`${base}${scenario ? ` - ${scenario}` : ''}.xlsx`, (path) =>
        exportModelWorkbook(store, path, { scenario, valuesOnly }),
      );
    },
  };
}
