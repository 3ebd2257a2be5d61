import { basename } from 'node:path';
import { backupPathFor, modelVersions, upgradeWorkbook } from '../services/upgrade.js';
import type { WorkbookHandlers } from '../../shared/contract/index.js';
import type { Session } from '../services/session.js';

export function workbookHandlers(session: Session): WorkbookHandlers {
  return {
    'workbook.info': () => session.current().info(),
    'workbook.notes': () => Promise.resolve(session.notes.splice(0)),
    'workbook.modelVersions': () => modelVersions(session.current()),
    'workbook.upgrade': async () => {
      const store = session.current();
      const { workbook } = await modelVersions(store);
      const report = await upgradeWorkbook(store, backupPathFor(store.path, workbook));
      // The upgrade rewrites the model, scenarios and datasets: the window reloads as for a new workbook.
      session.announceReload();
      // The backup is a workbook of the folder: the user opens it like any other.
      return {
        info: await store.info(),
        vintage: report.vintage,
        backup: basename(report.backup),
        scenarios: report.scenarios,
      };
    },
    'workbook.list': () => Promise.resolve(session.listWorkbooks()),
    'workbook.open': async ({ name }) => {
      const store = await session.open(session.pathFor(name));
      return store.info();
    },
    'workbook.newFromTemplate': async ({ name }) => {
      const store = await session.newFromTemplate(session.pathFor(name));
      return store.info();
    },
    'workbook.rename': async ({ name, to }) => {
      await session.renameWorkbook(name, to);
      return session.isOpen() ? session.current().info() : null;
    },
    'workbook.delete': ({ name }) => {
      session.deleteWorkbook(name);
      return Promise.resolve({ deleted: name });
    },
    'workbook.undo': () => session.current().undo(),
    'workbook.redo': () => session.current().redo(),
  };
}
