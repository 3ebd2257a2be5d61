import type { ScenarioHandlers } from '../../shared/contract/index.js';
import { ScenarioService } from '../services/scenarios.js';
import type { Session } from '../services/session.js';

export function scenarioHandlers(session: Session): ScenarioHandlers {
  const service = () => new ScenarioService(session.current());
  return {
    'scenarios.get': () => service().get(),
    'scenarios.setCurrent': ({ name, values, label }) => service().setCurrent(name, values, label),
    'scenarios.create': ({ name, values, description }) => service().create(name, values, description),
    'scenarios.update': ({ name, values }) => service().update(name, values),
    'scenarios.rename': ({ name, to }) => service().rename(name, to),
    'scenarios.duplicate': ({ name, to }) => service().duplicate(name, to),
    'scenarios.delete': ({ name }) => service().delete(name),
  };
}
