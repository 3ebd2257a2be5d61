import { AppError, type DatasetHandlers, MODEL_DOCUMENT } from '../../shared/contract/index.js';
import { modelColumns, parseDefinition } from '../../shared/model/index.js';
import type { Session } from '../services/session.js';

export function datasetHandlers(session: Session): DatasetHandlers {
  const store = () => session.current();

  /**
   * Renaming or deleting a dataset or column the model reads would leave the model unable to
   * run; the change is refused, naming what reads it. (Duplicate the dataset to experiment.)
   */
  const assertModelDoesNotRead = async (
    dataset: string,
    column: string | null,
    change: 'renamed' | 'deleted',
  ): Promise<void> => {
    const how = { key: change === 'renamed' ? 'mainError.renamed' : 'mainError.deleted' } as const;
    const json = await store().getDocument(MODEL_DOCUMENT);
    if (json === null) return;
    const reads = modelColumns(parseDefinition(json)).get(dataset);
    if (!reads) return;
    if (column === null) {
      throw AppError.of(
        'CONFLICT',
        { key: 'mainError.modelReadsDataset', params: { dataset, columns: [...reads].join(', '), change: how } },
        { dataset },
      );
    }
    if (reads.has(column)) {
      throw AppError.of(
        'CONFLICT',
        { key: 'mainError.modelReadsColumn', params: { dataset, column, change: how } },
        { dataset, column },
      );
    }
  };

  return {
    'datasets.list': () => store().listDatasets(),
    'datasets.get': ({ dataset }) => store().getDataset(dataset),
    'datasets.create': (args) => store().createDataset(args),
    'datasets.rename': async ({ dataset, to }) => {
      await assertModelDoesNotRead(dataset, null, 'renamed');
      return store().renameDataset(dataset, to);
    },
    'datasets.setLabel': ({ dataset, label, language }) => store().setDatasetLabel(dataset, label, language),
    'datasets.duplicate': ({ dataset, to }) => store().duplicateDataset(dataset, to),
    'datasets.delete': async ({ dataset }) => {
      await assertModelDoesNotRead(dataset, null, 'deleted');
      return store().deleteDataset(dataset);
    },
    'datasets.readRows': (args) => store().readRows(args),
    'datasets.updateCells': ({ dataset, edits, language }) => store().updateCells(dataset, edits, language),
    'datasets.insertRows': ({ dataset, rows, before }) => store().insertRows(dataset, rows, before),
    'datasets.deleteRows': ({ dataset, rowIds }) => store().deleteRows(dataset, rowIds),
    'datasets.paste': ({ dataset, edits, newRows, language }) => store().paste(dataset, edits, newRows, language),
    'datasets.addColumn': ({ dataset, column }) => store().addColumn(dataset, column),
    'datasets.renameColumn': async ({ dataset, column, to, label }) => {
      // A new label alone is harmless; a new name breaks what reads the old one.
      if (to !== column) await assertModelDoesNotRead(dataset, column, 'renamed');
      return store().renameColumn(dataset, column, to, label);
    },
    'datasets.deleteColumn': async ({ dataset, column }) => {
      await assertModelDoesNotRead(dataset, column, 'deleted');
      return store().deleteColumn(dataset, column);
    },
  };
}
