import type { Session } from '../services/session.js';
import { datasetHandlers } from './datasets.js';
import { EventBus } from './events.js';
import { modelHandlers } from './model.js';
import { Router } from './router.js';
import { scenarioHandlers } from './scenarios.js';
import { workbookHandlers } from './workbook.js';

export { EventBus } from './events.js';
export { Router } from './router.js';

/** The router both transports serve: every domain registered once, checked complete. */
export function createRouter(session: Session, events = new EventBus()): { router: Router; events: EventBus } {
  const router = new Router()
    .register(workbookHandlers(session, events))
    .register(datasetHandlers(session))
    .register(modelHandlers(session))
    .register(scenarioHandlers(session))
    .assertComplete();
  return { router, events };
}
