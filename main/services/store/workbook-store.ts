import type { Locale, Text } from '../../../shared/i18n/index.js';
import type {
  CellEdit,
  CellValue,
  DatasetMeta,
  HistoryStep,
  NewColumn,
  RowPage,
  WorkbookInfo,
} from '../../../shared/contract/index.js';
import { Columns } from './columns.js';
import { type ChangeListener, StoreCore } from './core.js';
import { type CreateDatasetInput, Datasets } from './datasets.js';
import type { Db } from './db.js';
import { Documents } from './documents.js';
import { History } from './history.js';
import type { ImportPlan } from './import-sql.js';
import { createNew, openExisting } from './open.js';
import { type ReadRowsArgs, Rows } from './rows.js';

export { PROVENANCE_COLUMNS } from './columns.js';
export type { CreateDatasetInput } from './datasets.js';
export { IMPORT_UNDO_LIMIT } from './history.js';

/**
 * A workbook file: datasets as DuckDB tables plus their metadata, documents (the model
 * definition) and an undo history. Every public method runs alone on the connection and
 * every write is one transaction, so an acknowledged call is on disk.
 *
 * The work is done by one part per concern (documents, datasets, columns, rows, history over
 * a shared core); this class is the one face the services see.
 */
export class WorkbookStore {
  private readonly core: StoreCore;
  private readonly history: History;
  private readonly documents: Documents;
  private readonly datasets: Datasets;
  private readonly columns: Columns;
  private readonly rows: Rows;

  private constructor(
    readonly path: string,
    db: Db,
  ) {
    this.core = new StoreCore(path, db);
    this.history = new History(this.core);
    this.documents = new Documents(this.core, this.history);
    this.columns = new Columns(this.core, this.history);
    this.datasets = new Datasets(this.core, this.history, this.columns);
    this.rows = new Rows(this.core, this.history);
  }

  /**
   * Read-only opens (the CLI's analyses) never write, so they cannot change a file another
   * program has open. `readers: 0` serves reads on the writer (the bench's "before").
   */
  static async open(path: string, options: { readOnly?: boolean; readers?: number } = {}): Promise<WorkbookStore> {
    return new WorkbookStore(path, await openExisting(path, options));
  }

  static async create(path: string): Promise<WorkbookStore> {
    return new WorkbookStore(path, await createNew(path));
  }

  /** Closes after the requests already queued on this workbook have been answered. */
  close(): Promise<void> {
    return this.core.db.close();
  }

  /** Told after each committed write what it changed (datasets, documents, the catalog). */
  onChange(listener: ChangeListener): () => void {
    return this.core.onChange(listener);
  }

  /**
   * Several writes as one step: one transaction, all or nothing, and one change told when it
   * commits (an upgrade: no window sees the model without its datasets half way through).
   */
  batch<T>(work: () => Promise<T>): Promise<T> {
    return this.core.write(work);
  }

  // ---- workbook and history ------------------------------------------------------------
  info(): Promise<WorkbookInfo> {
    return this.core.run(() => this.history.infoNow());
  }
  undo(): Promise<HistoryStep> {
    return this.history.step('undo');
  }
  redo(): Promise<HistoryStep> {
    return this.history.step('redo');
  }
  /** Forgets every undo step, e.g. after the template has been loaded. */
  clearHistory(): Promise<void> {
    return this.history.clear();
  }

  /** Every table in the workbook file, for tests that check nothing is left behind. */
  tableNames(): Promise<string[]> {
    return this.core.run(async () =>
      (await this.core.db.named(`SELECT table_name FROM information_schema.tables ORDER BY 1`)).map((r) =>
        String(r['table_name']),
      ),
    );
  }

  /**
   * A whole, consistent copy of the workbook in a new file (before an upgrade changes it): one
   * DuckDB statement while this workbook's queue is held, so no edit is half in it.
   */
  backupTo(path: string): Promise<void> {
    const db = this.core.db;
    return this.core.hold(async () => {
      const name = String((await db.scalar(`SELECT current_database()`)) ?? '');
      const quoted = (id: string) => `"${id.replace(/"/g, '""')}"`;
      await db.run(`ATTACH '${path.replace(/'/g, "''")}' AS cgw_backup`);
      try {
        await db.run(`COPY FROM DATABASE ${quoted(name)} TO cgw_backup`);
      } finally {
        await db.run(`DETACH cgw_backup`);
      }
    });
  }

  // ---- documents -----------------------------------------------------------------------
  getDocument(name: string): Promise<string | null> {
    return this.documents.get(name);
  }
  putDocument(name: string, body: string): Promise<void> {
    return this.documents.put(name, body);
  }
  /** Names of the documents that start with `prefix`, sorted. */
  documentNames(prefix: string): Promise<string[]> {
    return this.documents.names(prefix);
  }
  deleteDocument(name: string): Promise<boolean> {
    return this.documents.delete(name);
  }
  snapshotDocument(
    name: string,
    make: (datasets: Record<string, Record<string, CellValue>[]>) => string,
  ): Promise<void> {
    return this.documents.snapshot(name, make);
  }
  /** Replaces a document as one undoable step (scenario edits, assumption moves). */
  editDocument(name: string, body: string, label: Text): Promise<WorkbookInfo> {
    return this.documents.edit(name, body, label);
  }
  /** Replaces several documents as one undoable step, in one transaction. */
  editDocuments(changes: { name: string; body: string }[], label: Text): Promise<WorkbookInfo> {
    return this.documents.editMany(changes, label);
  }

  // ---- datasets ------------------------------------------------------------------------
  listDatasets(): Promise<DatasetMeta[]> {
    return this.datasets.list();
  }
  getDataset(name: string): Promise<DatasetMeta> {
    return this.datasets.get(name);
  }
  createDataset(input: CreateDatasetInput): Promise<DatasetMeta> {
    return this.datasets.create(input);
  }
  importFile(
    target: { dataset: string; mode: 'new' | 'append' | 'replace'; label?: string; description?: string },
    plan: ImportPlan,
    newColumns: NewColumn[],
  ): Promise<{ dataset: DatasetMeta; imported: number }> {
    return this.datasets.importFile(target, plan, newColumns);
  }
  renameDataset(name: string, to: string): Promise<DatasetMeta> {
    return this.datasets.rename(name, to);
  }
  setDatasetLabel(name: string, label: string, language?: Locale): Promise<DatasetMeta> {
    return this.datasets.setLabel(name, label, language);
  }
  duplicateDataset(name: string, to: string): Promise<DatasetMeta> {
    return this.datasets.duplicate(name, to);
  }
  deleteDataset(name: string): Promise<{ deleted: string }> {
    return this.datasets.delete(name);
  }

  // ---- columns -------------------------------------------------------------------------
  addColumn(name: string, column: NewColumn): Promise<DatasetMeta> {
    return this.columns.add(name, column);
  }
  renameColumn(name: string, column: string, to: string, label?: string): Promise<DatasetMeta> {
    return this.columns.rename(name, column, to, label);
  }
  deleteColumn(name: string, column: string): Promise<DatasetMeta> {
    return this.columns.delete(name, column);
  }

  // ---- rows ----------------------------------------------------------------------------
  readRows(args: ReadRowsArgs): Promise<RowPage> {
    return this.rows.read(args);
  }
  paste(
    name: string,
    edits: CellEdit[],
    newRows: Record<string, CellValue>[],
    language?: Locale,
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; cells: number; added: number }> {
    return this.rows.paste(name, edits, newRows, language);
  }
  /** `language`: the window's, for the note an edit over a sourced figure writes. */
  updateCells(
    name: string,
    edits: CellEdit[],
    language?: Locale,
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; cells: CellEdit[] }> {
    return this.rows.update(name, edits, language);
  }
  insertRows(
    name: string,
    rows: Record<string, CellValue>[],
    before?: number,
  ): Promise<{ dataset: DatasetMeta; info: WorkbookInfo; rowIds: number[] }> {
    return this.rows.insert(name, rows, before);
  }
  deleteRows(name: string, rowIds: number[]): Promise<{ dataset: DatasetMeta; info: WorkbookInfo }> {
    return this.rows.delete(name, rowIds);
  }
}
