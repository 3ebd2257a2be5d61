import { copyFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import {
  AppError,
  type ExportDone,
  IMPORT_STAGES,
  MODEL_DOCUMENT,
  type ImportStage,
  type Reply,
  type TransferHandlers,
} from '../../shared/contract/index.js';
import { exportDatasetCsv, exportDatasetXlsx, exportFileName } from '../services/export/dataset-export.js';
import { labelIn } from '../../shared/model/index.js';
import { importFile, labelFromFile, previewFile } from '../services/import/import-file.js';
import { exportModelWorkbook } from '../services/model/export.js';
import { checkProposedModel, readModelFile } from '../services/model/edit.js';
import type { Session } from '../services/session.js';
import type { Transfers } from '../services/transfers.js';
import { writeAtomically } from '../services/xlsx/safe-write.js';
import type { EventBus } from './events.js';
import { toErrorBody } from './router.js';

/** A workbook's name without folder or extension, which names the files exported from it. */
const workbookBase = (path: string) => path.replace(/^.*[\\/]/, '').replace(/\.cgw$/i, '');

/** Native file dialogs, where the transport has them (Electron); null in the browser host. */
export interface FileDialogs {
  pick(): Promise<string | null>;
  saveAs(suggestedName: string): Promise<string | null>;
}

/**
 * Electron's drop path: the preload found the path of a file the user dropped. It must be an
 * absolute path to a regular file; it is then adopted like a file picked in the native dialog.
 */
export function adoptDroppedFile(transfers: Transfers, path: unknown): Reply<{ upload: string; name: string }> {
  try {
    if (typeof path !== 'string' || path.length > 4096 || !isAbsolute(path) || path.includes('\0'))
      throw AppError.of('BAD_REQUEST', { key: 'mainError.dropNeedsPath' });
    let regular = false;
    try {
      regular = statSync(path).isFile();
    } catch {
      throw AppError.of('NOT_FOUND', { key: 'mainError.noFile', params: { path } });
    }
    if (!regular) throw AppError.of('BAD_REQUEST', { key: 'mainError.notAFile', params: { path } });
    const item = transfers.adopt(path);
    return { ok: true, value: { upload: item.id, name: item.name } };
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
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

  /** Running imports by upload id, so a cancel can reach them. */
  const running = new Map<string, AbortController>();
  /** Uploads discarded while their import was still winding down: released when it ends. */
  const pendingDiscard = new Set<string>();

  return {
    'import.pick': async () => {
      if (!dialogs) throw AppError.of('BAD_REQUEST', { key: 'mainError.chooseInWindow' });
      const path = await dialogs.pick();
      if (!path) return null;
      const item = transfers.adopt(path);
      return { upload: item.id, name: item.name };
    },
    'import.preview': async ({ upload, encoding, delimiter, sheet, headerRow }) => {
      const item = transfers.get(upload);
      const { text: _text, ...preview } = await previewFile(item.path, { encoding, delimiter, sheet, headerRow });
      return { ...preview, file: item.name };
    },
    'import.run': async ({
      upload,
      encoding,
      delimiter,
      sheet,
      headerRow,
      dataset,
      mode,
      types,
      mapping,
      allowDuplicateKeys,
      label,
    }) => {
      const item = transfers.get(upload);
      if (running.has(upload))
        throw AppError.of('CONFLICT', { key: 'mainError.alreadyImporting', params: { name: item.name } });
      const control = new AbortController();
      running.set(upload, control);
      const total = IMPORT_STAGES.length;
      const onStage = (stage: ImportStage) =>
        events.emit('progress', {
          task: 'import',
          upload,
          file: item.name,
          stage,
          done: IMPORT_STAGES.indexOf(stage),
          total,
        });
      try {
        const done = await importFile(session.current(), item.path, {
          dataset,
          mode,
          encoding,
          delimiter,
          sheet,
          headerRow,
          types,
          mapping,
          allowDuplicateKeys,
          // The name the analyst gave the file, not the work copy's (cut to a safe length).
          label: label ?? labelFromFile(item.name, dataset),
          signal: control.signal,
          onStage,
        });
        events.emit('progress', { task: 'import', upload, file: item.name, stage: 'done', done: total, total });
        transfers.release(upload);
        return { dataset: done.dataset, imported: done.imported };
      } finally {
        running.delete(upload);
        if (pendingDiscard.delete(upload)) transfers.release(upload);
      }
    },
    'import.cancel': ({ upload }) => {
      const control = running.get(upload);
      control?.abort();
      return Promise.resolve({ cancelled: control !== undefined });
    },
    'import.discard': ({ upload }) => {
      // A running import keeps its file until it ends; the cancel that comes with closing ends it.
      running.get(upload)?.abort();
      const known = transfers.has(upload);
      if (known && !running.has(upload)) transfers.release(upload);
      else if (known) pendingDiscard.add(upload);
      return Promise.resolve({ discarded: known });
    },
    'export.dataset': async ({ dataset, format, encoding, language }) => {
      const meta = await session.current().getDataset(dataset);
      // Named as the analyst sees the dataset: 资本开支.csv, not its id.
      return deliver(exportFileName(labelIn(meta, language ?? 'en'), dataset, format), (path) =>
        format === 'csv'
          ? exportDatasetCsv(session.current(), dataset, path, encoding, language)
          : exportDatasetXlsx(session.current(), dataset, path, language),
      );
    },
    'export.modelDefinition': async () => {
      const store = session.current();
      const json = await store.getDocument(MODEL_DOCUMENT);
      if (json === null) throw AppError.of('NOT_FOUND', { key: 'mainError.noModel' });
      const base = workbookBase(store.path);
      return deliver(`${base} - model.json`, (path) => writeAtomically(path, (temp) => writeFile(temp, json, 'utf8')));
    },
    'import.model': async ({ upload }) => {
      const item = transfers.get(upload);
      try {
        const json = readModelFile(item.path, item.name);
        return { json, name: item.name, problems: (await checkProposedModel(session.current(), json)).problems };
      } finally {
        transfers.release(upload);
      }
    },
    'export.model': ({ scenario, set, valuesOnly, money, language }) => {
      const store = session.current();
      const base = workbookBase(store.path);
      // Named for what it holds: "China AI compute - Base (changed).xlsx", "… - Import ban values.xlsx".
      // No comma: Chromium turns one in a download's name into "_".
      const changed = Object.keys(set ?? {}).length > 0 ? ' (changed)' : '';
      const what = `${scenario ?? 'Base'}${changed}${valuesOnly ? ' values' : ''}`;
      return deliver(`${base} - ${what}.xlsx`, (path) =>
        exportModelWorkbook(store, path, { scenario, set, valuesOnly, money, language }),
      );
    },
  };
}
