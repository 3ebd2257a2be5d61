import { AppError, type Fact, type ModelHandlers } from '../../shared/contract/index.js';
import type { Session } from '../services/session.js';

export function modelHandlers(session: Session): ModelHandlers {
  return {
    'model.definition': async () => {
      const json = await session.current().getDocument('model');
      if (json === null) throw new AppError('NOT_FOUND', 'This workbook has no model definition.');
      return { json };
    },
    'model.facts': async () => {
      const json = await session.current().getDocument('facts');
      return json === null ? [] : (JSON.parse(json) as Fact[]);
    },
  };
}
