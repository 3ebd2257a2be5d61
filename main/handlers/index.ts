import type { Session } from '../services/session.js';
import { datasetHandlers } from './datasets.js';
import { EventBus } from './events.js';
import { modelHandlers } from './model.js';
import { Router } from './router.js';
import { scenarioHandlers } from './scenarios.js';
import { type FileDialogs, transferHandlers } from './transfer.js';
import { Transfers } from '../services/transfers.js';
import { vintageHandlers } from './vintages.js';
import { workbookHandlers } from './workbook.js';

export { EventBus } from './events.js';
export { Router } from './router.js';

/** The router both transports serve: every domain registered once, checked complete. */
export interface RouterOptions {
  events?: EventBus;
  transfers?: Transfers;
  dialogs?: FileDialogs | null;
}

export type { FileDialogs } from './transfer.js';
export { adoptDroppedFile } from './transfer.js';

export function createRouter(
  session: Session,
  options: RouterOptions = {},
): { router: Router; events: EventBus; transfers: Transfers } {
  const events = options.events ?? new EventBus();
  const transfers = options.transfers ?? new Transfers();
  const router = new Router()
    .register(workbookHandlers(session))
    .register(datasetHandlers(session))
    .register(modelHandlers(session))
    .register(scenarioHandlers(session))
    .register(vintageHandlers(session))
    .register(transferHandlers(session, events, transfers, options.dialogs ?? null))
    .assertComplete();
  // One path for every change: the caller's reply carries it and every window hears it.
  session.onChange((changed) => {
    router.noteChange(changed);
    events.emit('changed', changed);
  });
  return { router, events, transfers };
}
