import type { WorkbookHandlers } from '../../shared/contract/index.js';
import type { Session } from '../services/session.js';
import type { EventBus } from './events.js';

export function workbookHandlers(session: Session, events: EventBus): WorkbookHandlers {
  return {
    'workbook.info': () => session.current().info(),
    'workbook.open': async ({ path }) => {
      const store = await session.open(path);
      events.emit('changed', { kind: 'workbook' });
      return store.info();
    },
    'workbook.newFromTemplate': async ({ path }) => {
      const store = await session.newFromTemplate(path);
      events.emit('changed', { kind: 'workbook' });
      return store.info();
    },
    'workbook.undo': () => session.current().undo(),
    'workbook.redo': () => session.current().redo(),
  };
}
