import type { Locale, Text } from '../../../shared/i18n/index.js';
import { AppError, type DatasetMeta, type LabelTranslations, type NewColumn } from '../../../shared/contract/index.js';
import { checkName, columnSql, datasetById, findDataset, loadDatasets, nextId, tableName } from './catalog.js';
import type { Columns } from './columns.js';
import { PROVENANCE_COLUMNS } from './columns.js';
import type { StoreCore } from './core.js';
import type { History } from './history.js';
import { DirectReadRefused, type ImportPlan, aheadKey, importDirect, importRows, readAhead } from './import-sql.js';
import { type RowOp, stashName } from './ops.js';

export interface CreateDatasetInput {
  dataset: string;
  label?: string | undefined;
  description?: string | undefined;
  translations?: LabelTranslations | undefined;
  columns: NewColumn[];
}

const SQL = {
  taken: `SELECT 1 AS taken FROM _datasets WHERE name = ?`,
  insert: `INSERT INTO _datasets VALUES (?, ?, ?, ?, 1, ?, ?)`,
  rename: `UPDATE _datasets SET name = ?, label = ? WHERE id = ?`,
  label: `UPDATE _datasets SET label = ? WHERE id = ?`,
  copy: `INSERT INTO _datasets SELECT ?, ?, ?, description, next_rid, ?, translations FROM _datasets WHERE id = ?`,
  copyColumn: `INSERT INTO _columns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  translations: `UPDATE _datasets SET translations = ? WHERE id = ?`,
  removeColumns: `DELETE FROM _columns WHERE dataset_id = ?`,
  remove: `DELETE FROM _datasets WHERE id = ?`,
} as const;

/** The datasets of a workbook: making, importing, renaming, copying and deleting them. */
export class Datasets {
  constructor(
    private readonly core: StoreCore,
    private readonly history: History,
    private readonly columns: Columns,
  ) {}

  private get db() {
    return this.core.db;
  }

  list(): Promise<DatasetMeta[]> {
    return this.core.run(() => loadDatasets(this.db));
  }

  get(name: string): Promise<DatasetMeta> {
    return this.core.run(() => findDataset(this.db, name));
  }

  async create(input: CreateDatasetInput): Promise<DatasetMeta> {
    checkName('dataset', input.dataset);
    const columns = withProvenance(input.columns);
    const seen = new Set<string>();
    for (const c of columns) {
      checkName('column', c.name);
      if (seen.has(c.name))
        throw AppError.of('CONFLICT', { key: 'mainError.columnTwice', params: { column: c.name } }, { column: c.name });
      seen.add(c.name);
    }
    return this.core.write(() =>
      this.createNow(input.dataset, input.label, input.description, columns, input.translations),
    );
  }

  /** Makes a dataset's table and metadata; the caller holds the transaction. */
  private async createNow(
    name: string,
    label: string | undefined,
    description: string | undefined,
    columns: NewColumn[],
    translations?: LabelTranslations,
  ): Promise<DatasetMeta> {
    await this.assertFreeName(name);
    const id = await nextId(this.db, '_datasets');
    const position = await nextId(this.db, '_datasets', 'position');
    await this.db.run(SQL.insert, [
      id,
      name,
      label ?? name,
      description ?? '',
      position,
      JSON.stringify(translations ?? {}),
    ]);
    await this.columns.createTableNow(id, columns);
    this.core.touch({ catalog: true, rows: [name] });
    return datasetById(this.db, id);
  }

  /**
   * Brings a checked file into a dataset (new, appended to, or replacing its rows) in one
   * transaction: a refused cell or any failure leaves the workbook exactly as it was. An append
   * or replace is one undo step however large: the rows before it are kept in a stash table
   * that undo swaps back (ops.ts). A new dataset is undone by deleting it.
   */
  async importFile(
    target: { dataset: string; mode: 'new' | 'append' | 'replace'; label?: string; description?: string },
    plan: ImportPlan,
    newColumns: NewColumn[],
  ): Promise<{ dataset: DatasetMeta; imported: number }> {
    if (target.mode === 'new') checkName('dataset', target.dataset);
    if (plan.direct) {
      // A refused direct read fails its statement, which spoils the transaction it is in: inside
      // another write it would take that write down too. Repeated keys are found the checked way.
      if (this.db.inTransaction()) throw new DirectReadRefused('inside another write', false);
      if (plan.keys && !plan.keys.allowDuplicates && plan.keys.columns.length > 0)
        throw new DirectReadRefused('keys to check', false);
      return this.importWrite(target, plan, newColumns, null);
    }
    // Numbers read by DuckDB ahead of the transaction, for the column types they would have
    // (import-sql.ts readAhead); inside another write there is no outside, so no read ahead.
    let ahead: string | null = null;
    if (!this.db.inTransaction()) {
      const types = await this.core.hold(async () => {
        const existing = target.mode === 'new' ? null : await findDataset(this.db, target.dataset).catch(() => null);
        const typedPlan = existing ? typedFor(existing, plan) : plan;
        return (await readAhead(this.db, typedPlan)) ? aheadKey(typedPlan) : null;
      });
      ahead = types;
    }
    try {
      return await this.importWrite(target, plan, newColumns, ahead);
    } finally {
      // Rolled back or not, the read ahead is not kept (importRows drops it on its way).
      if (ahead !== null) await this.core.hold(() => this.db.run(`DROP TABLE IF EXISTS _ahead`)).catch(() => undefined);
    }
  }

  private importWrite(
    target: { dataset: string; mode: 'new' | 'append' | 'replace'; label?: string; description?: string },
    plan: ImportPlan,
    newColumns: NewColumn[],
    ahead: string | null,
  ): Promise<{ dataset: DatasetMeta; imported: number }> {
    return this.core.write(async () => {
      let dataset: DatasetMeta;
      let stash: string | null = null;
      if (target.mode === 'new') {
        dataset = await this.createNow(target.dataset, target.label, target.description, withProvenance(newColumns));
      } else {
        dataset = await findDataset(this.db, target.dataset);
        checkMapping(dataset, plan);
        stash = stashName(dataset.id);
        await this.db.run(`CREATE TABLE ${stash} AS SELECT * FROM ${tableName(dataset.id)}`);
        if (target.mode === 'replace') await this.db.run(`DELETE FROM ${tableName(dataset.id)}`);
      }
      const imported = plan.direct
        ? await importDirect(this.db, dataset, typedFor(dataset, plan), plan.direct)
        : await importRows(this.db, dataset, typedFor(dataset, plan), ahead);
      if (stash) {
        const swap: RowOp = { kind: 'swap', datasetId: dataset.id, stash };
        const label: Text = {
          key: target.mode === 'replace' ? 'undo.replace' : 'undo.import',
          params: { dataset: dataset.name, count: imported },
        };
        await this.history.record(label, dataset.id, swap, swap);
        await this.history.limitImportUndo();
      }
      this.core.touch({ catalog: true, rows: [dataset.name] });
      return { dataset: await datasetById(this.db, dataset.id), imported };
    });
  }

  private async assertFreeName(name: string): Promise<void> {
    if ((await this.db.named(SQL.taken, [name])).length > 0)
      throw AppError.of('CONFLICT', { key: 'mainError.datasetExists', params: { name } }, { dataset: name });
  }

  async rename(name: string, to: string): Promise<DatasetMeta> {
    checkName('dataset', to);
    return this.core.write(async () => {
      const dataset = await findDataset(this.db, name);
      if (name === to) return dataset;
      await this.assertFreeName(to);
      const label = dataset.label === dataset.name ? to : dataset.label;
      await this.db.run(SQL.rename, [to, label, dataset.id]);
      // The model reads datasets by name: both names matter to what depends on them.
      this.core.touch({ catalog: true, rows: [name, to] });
      return datasetById(this.db, dataset.id);
    });
  }

  /** The label in `language`: English is the label itself, another language its translation. */
  setLabel(name: string, label: string, language: Locale = 'en'): Promise<DatasetMeta> {
    return this.core.write(async () => {
      const dataset = await findDataset(this.db, name);
      if (language === 'en') await this.db.run(SQL.label, [label, dataset.id]);
      else {
        const own = dataset.translations?.[language] ?? {};
        const translations = { ...dataset.translations, [language]: { ...own, label } };
        await this.db.run(SQL.translations, [JSON.stringify(translations), dataset.id]);
      }
      this.core.touch({ catalog: true });
      return datasetById(this.db, dataset.id);
    });
  }

  async duplicate(name: string, to: string): Promise<DatasetMeta> {
    checkName('dataset', to);
    return this.core.write(async () => {
      const source = await findDataset(this.db, name);
      await this.assertFreeName(to);
      const id = await nextId(this.db, '_datasets');
      const position = await nextId(this.db, '_datasets', 'position');
      await this.db.run(SQL.copy, [id, to, to, position, source.id]);
      const selects = ['_rid', '_pos'];
      let columnId = await nextId(this.db, '_columns');
      for (const [i, c] of source.columns.entries()) {
        await this.db.run(SQL.copyColumn, [
          columnId,
          id,
          c.name,
          c.label,
          c.type,
          c.unit,
          c.description,
          c.role,
          JSON.stringify(c.choices),
          i,
          JSON.stringify(c.translations ?? {}),
        ]);
        selects.push(`${columnSql(c.id)} AS ${columnSql(columnId)}`);
        columnId++;
      }
      await this.db.run(`CREATE TABLE ${tableName(id)} AS SELECT ${selects.join(', ')} FROM ${tableName(source.id)}`);
      this.core.touch({ catalog: true, rows: [to] });
      return datasetById(this.db, id);
    });
  }

  delete(name: string): Promise<{ deleted: string }> {
    return this.core.write(async () => {
      const dataset = await findDataset(this.db, name);
      await this.db.run(`DROP TABLE ${tableName(dataset.id)}`);
      await this.db.run(SQL.removeColumns, [dataset.id]);
      await this.db.run(SQL.remove, [dataset.id]);
      await this.history.forget(`dataset_id = ?`, [dataset.id]);
      this.core.touch({ catalog: true, rows: [name] });
      return { deleted: name };
    });
  }
}

/** The given columns and the provenance columns they do not already name. */
function withProvenance(columns: NewColumn[]): NewColumn[] {
  const given = new Set(columns.map((c) => c.name));
  return [...columns, ...PROVENANCE_COLUMNS.filter((c) => !given.has(c.name))];
}

/** An append or replace maps file columns onto the dataset's: each once, each one that exists. */
function checkMapping(dataset: DatasetMeta, plan: ImportPlan): void {
  const targets = plan.columns.flatMap((c) => (c.target ? [c.target] : []));
  if (targets.length === 0) throw AppError.of('INVALID_VALUE', { key: 'mainError.nothingMapped' });
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice) throw AppError.of('INVALID_VALUE', { key: 'mainError.mappedTwice', params: { column: twice } });
  for (const c of plan.columns) {
    if (c.target && !dataset.columns.some((d) => d.name === c.target)) {
      throw AppError.of('NOT_FOUND', {
        key: 'mainError.noTargetColumn',
        params: { dataset: dataset.name, column: c.target, fileColumn: c.label },
      });
    }
  }
}

/** The plan with each column typed as the dataset column it goes to (a new dataset's are the plan's). */
function typedFor(dataset: DatasetMeta, plan: ImportPlan): ImportPlan {
  return {
    ...plan,
    columns: plan.columns.map((c) => ({
      ...c,
      type: dataset.columns.find((d) => d.name === c.target)?.type ?? c.type,
    })),
  };
}
