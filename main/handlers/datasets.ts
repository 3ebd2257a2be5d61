import type { DatasetHandlers } from '../../shared/contract/index.js';
import type { Session } from '../services/session.js';

export function datasetHandlers(session: Session): DatasetHandlers {
  const store = () => session.current();
  return {
    'datasets.list': () => store().listDatasets(),
    'datasets.get': ({ dataset }) => store().getDataset(dataset),
    'datasets.create': (args) => store().createDataset(args),
    'datasets.rename': ({ dataset, to }) => store().renameDataset(dataset, to),
    'datasets.duplicate': ({ dataset, to }) => store().duplicateDataset(dataset, to),
    'datasets.delete': ({ dataset }) => store().deleteDataset(dataset),
    'datasets.readRows': (args) => store().readRows(args),
    'datasets.updateCells': ({ dataset, edits }) => store().updateCells(dataset, edits),
    'datasets.insertRows': ({ dataset, rows, before }) => store().insertRows(dataset, rows, before),
    'datasets.deleteRows': ({ dataset, rowIds }) => store().deleteRows(dataset, rowIds),
    'datasets.paste': ({ dataset, edits, newRows }) => store().paste(dataset, edits, newRows),
    'datasets.addColumn': ({ dataset, column }) => store().addColumn(dataset, column),
    'datasets.renameColumn': ({ dataset, column, to, label }) => store().renameColumn(dataset, column, to, label),
    'datasets.deleteColumn': ({ dataset, column }) => store().deleteColumn(dataset, column),
  };
}
