import { localeFor } from '../language.js';
import { formatNumberIn, translate } from '../../../shared/i18n/index.js';
import {
  AppError,
  type ColumnType,
  type DELIMITERS,
  type ENCODING_CHOICES,
  type ImportPreview,
  type ImportProgress,
} from '../../../shared/contract/index.js';
import { guessMapping } from '../import-mapping.js';
import { messageOf } from './notices-slice.js';
import type { GetState, ImportSlice, SetState } from './types.js';

export type Encoding = (typeof ENCODING_CHOICES)[number];
export type Delimiter = (typeof DELIMITERS)[number];
export type ImportMode = 'new' | 'append' | 'replace';

/** Everything the import wizard shows and the analyst chose, in one place. */
export interface ImportWizard {
  upload: { upload: string; name: string } | null;
  preview: ImportPreview | null;
  encoding: Encoding;
  delimiter: Delimiter | undefined;
  sheet: string | undefined;
  /** The header row the analyst chose; null while the file's detected one stands. */
  headerRow: number | null;
  types: Record<string, ColumnType>;
  mode: ImportMode;
  dataset: string;
  /** Append/replace: file column -> dataset column ('' leaves it out); guessed where absent. */
  mapping: Record<string, string>;
  acknowledged: boolean;
  keepCopy: boolean;
  /** The last run was refused for repeated keys: offer to import them anyway. */
  duplicates: boolean;
  /** What the wizard is doing now, or null. `importing`: the import runs (it can be stopped). */
  busy: { kind: 'reading' | 'checking' | 'importing'; file?: string; rows?: number } | null;
  error: string | null;
  running: ImportProgress | null;
}

export const EMPTY_WIZARD: ImportWizard = {
  upload: null,
  preview: null,
  encoding: 'auto',
  delimiter: undefined,
  sheet: undefined,
  headerRow: null,
  types: {},
  mode: 'new',
  dataset: '',
  mapping: {},
  acknowledged: false,
  keepCopy: false,
  duplicates: false,
  busy: null,
  error: null,
  running: null,
};

/** `wanted`, or `wanted_2`, `wanted_3`… where it is taken. */
export function freeName(wanted: string, taken: string[]): string {
  const names = new Set(taken);
  if (!names.has(wanted)) return wanted;
  let n = 2;
  while (names.has(`${wanted}_${n}`)) n++;
  return `${wanted}_${n}`;
}

/**
 * A dataset id from a file name. Ids are ASCII (formulas use them); what else the name held is
 * the dataset's label, set by the import (资本开支_gb18030.csv: id data_gb18030, label 资本开支_gb18030).
 */
export function datasetNameFrom(file: string): string {
  const whole = file.replace(/\.[^.]+$/, '');
  // Chinese or other non-Latin letters are dropped from the id: the "data_" keeps the
  // id from reading as if it were the whole name.
  if (/[\u0080-\uffff]/.test(whole)) return datasetNameFrom(`data_${whole.replace(/[\u0080-\uffff]+/g, '_')}.x`);
  const stem = whole
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(stem) ? stem.slice(0, 60) : `data_${stem}`.slice(0, 60);
}

/** Hands a file's bytes (browser host) or its path (desktop drop) to the main process. */
export type HandOver = (file: File) => Promise<{ upload: string; name: string }>;

/**
 * The import wizard's state and its calls to the main process: choosing a file, checking it
 * with the chosen options (only the newest check may fill the wizard), running the import
 * (with an optional copy kept first, deleted again if the import is refused), stopping it,
 * and letting the uploaded copy go when the wizard closes.
 */
export function importSlice(
  set: SetState,
  get: GetState,
  files: { upload?: HandOver | undefined; dropped?: HandOver | undefined },
): ImportSlice {
  const handOver = files.upload ?? files.dropped ?? null;
  let ticket = 0;
  const patch = (p: Partial<ImportWizard>) => set((s) => ({ wizard: { ...s.wizard, ...p } }));

  const check = async (): Promise<void> => {
    const w = get().wizard;
    if (!w.upload) return;
    const mine = ++ticket;
    patch({ busy: { kind: 'checking' } });
    try {
      const p = await get().api['import.preview']({
        upload: w.upload.upload,
        encoding: w.encoding,
        ...(w.delimiter ? { delimiter: w.delimiter } : {}),
        ...(w.sheet ? { sheet: w.sheet } : {}),
        ...(w.headerRow ? { headerRow: w.headerRow } : {}),
      });
      if (mine !== ticket) return;
      patch({ preview: p, types: Object.fromEntries(p.columns.map((c) => [c.name, c.type])), error: null });
    } catch (e) {
      if (mine !== ticket) return;
      patch({ preview: null, error: messageOf(e) });
    } finally {
      if (mine === ticket) patch({ busy: null });
    }
  };

  const chosen = async (sent: { upload: string; name: string }): Promise<void> => {
    // A second file replaces the first: the first's copy is not needed any more.
    const earlier = get().wizard.upload;
    if (earlier && earlier.upload !== sent.upload)
      void get()
        .api['import.discard']({ upload: earlier.upload })
        .catch(() => {});
    patch({ upload: sent, dataset: datasetNameFrom(sent.name) });
    await check();
  };

  return {
    importing: null,
    wizard: EMPTY_WIZARD,
    canUpload: files.upload !== undefined,

    async importSend(file) {
      if (!handOver) return;
      patch({ busy: { kind: 'reading', file: file.name }, error: null });
      try {
        await chosen(await handOver(file));
      } catch (e) {
        patch({ error: messageOf(e), busy: null });
      }
    },

    async chooseFile(file) {
      if (file && handOver) return handOver(file);
      return get().api['import.pick']({});
    },

    async importPick() {
      try {
        const picked = await get().api['import.pick']({});
        if (picked) await chosen(picked);
      } catch (e) {
        patch({ error: messageOf(e) });
      }
    },

    importSet(change) {
      const reads = 'encoding' in change || 'delimiter' in change || 'sheet' in change || 'headerRow' in change;
      // Each sheet has its own title rows: a new sheet detects its header row again.
      patch('sheet' in change ? { ...change, headerRow: null } : change);
      if (reads) void check();
    },

    importProgress(p) {
      if (p.upload === get().wizard.upload?.upload) patch({ running: p });
    },

    async importRun(allowDuplicateKeys = false) {
      const w = get().wizard;
      const { api, datasets } = get();
      if (!w.upload || !w.preview) return false;
      const preview = w.preview;
      patch({ busy: { kind: 'importing', rows: preview.rows }, error: null, duplicates: false });
      const target = datasets.find((d) => d.name === w.dataset);
      // An import is not an undo step of its own beyond the last few: a copy taken first is the way back.
      let copy: string | null = null;
      try {
        if (w.mode !== 'new' && w.keepCopy && target) {
          copy = freeName(
            `${target.name}_before_import`,
            datasets.map((d) => d.name),
          );
          await api['datasets.duplicate']({ dataset: target.name, to: copy });
        }
        const mapped = get().importMapping();
        const done = await api['import.run']({
          upload: w.upload.upload,
          encoding: w.encoding,
          ...(w.delimiter ? { delimiter: w.delimiter } : {}),
          ...(w.sheet ? { sheet: w.sheet } : {}),
          headerRow: w.headerRow ?? preview.headerRow,
          dataset: w.dataset,
          mode: w.mode,
          ...(allowDuplicateKeys ? { allowDuplicateKeys } : {}),
          ...(w.mode === 'new'
            ? { types: w.types }
            : { mapping: Object.fromEntries(preview.columns.map((c) => [c.name, mapped[c.name] || null])) }),
        });
        // The reply has reloaded what the import changed; the analyst is shown the dataset.
        await get().select(done.dataset.name);
        const locale = localeFor(get().language);
        const said = translate(locale, 'import.done', {
          rows: formatNumberIn(locale, done.imported),
          dataset: done.dataset.label,
        });
        get().notify('info', copy ? `${said} ${translate(locale, 'import.doneCopy', { copy })}` : said);
        return true;
      } catch (e) {
        // Refused: the copy goes too, so the workbook is exactly as it was.
        if (copy) await api['datasets.delete']({ dataset: copy }).catch(() => undefined);
        patch({
          duplicates: e instanceof AppError && e.details?.['kind'] === 'duplicate-keys',
          error: `${messageOf(e)} The workbook is unchanged.`,
        });
        return false;
      } finally {
        patch({ busy: null, running: null });
      }
    },

    async importCancel() {
      const upload = get().wizard.upload;
      if (upload)
        await get()
          .api['import.cancel']({ upload: upload.upload })
          .catch(() => undefined);
    },

    importMapping() {
      const { wizard, datasets } = get();
      const target = datasets.find((d) => d.name === wizard.dataset);
      if (!wizard.preview || !target) return {};
      const guessed = guessMapping(wizard.preview.columns, target.columns);
      return Object.fromEntries(
        wizard.preview.columns.map((c) => [c.name, wizard.mapping[c.name] ?? guessed[c.name] ?? '']),
      );
    },

    openImport: (file) => {
      ticket++;
      set({ importing: { file: file ?? null }, wizard: EMPTY_WIZARD });
      if (file) void get().importSend(file);
    },

    closeImport: () => {
      // The upload's copy in the main process goes now (an import that succeeded has released
      // it already; one that failed kept it so the analyst could try other options).
      const upload = get().wizard.upload;
      if (upload)
        void get()
          .api['import.discard']({ upload: upload.upload })
          .catch(() => {});
      ticket++;
      set({ importing: null, wizard: EMPTY_WIZARD });
    },
  };
}
