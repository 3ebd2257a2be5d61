import type { VintageHandlers } from '../../shared/contract/index.js';
import type { Session } from '../services/session.js';
import { VintageService } from '../services/vintages.js';

export function vintageHandlers(session: Session): VintageHandlers {
  const service = () => new VintageService(session.current());
  return {
    'vintages.list': () => service().list(),
    'vintages.get': ({ name }) => service().get(name),
    'vintages.snapshot': ({ name, note, date }) => service().snapshot(name, { note, date }),
    'vintages.delete': ({ name }) => service().remove(name),
  };
}
