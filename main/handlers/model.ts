import { AppError, type ModelHandlers, MODEL_DOCUMENT } from '../../shared/contract/index.js';
import { workbookFacts } from '../services/facts.js';
import { readTemplateModel } from '../services/template.js';
import { applyModel, checkProposedModel, renameModelItem } from '../services/model/edit.js';
import { appRoot } from '../services/paths.js';
import type { Session } from '../services/session.js';

export function modelHandlers(session: Session): ModelHandlers {
  return {
    'model.definition': async () => {
      const json = await session.current().getDocument(MODEL_DOCUMENT);
      if (json === null) throw AppError.of('NOT_FOUND', { key: 'mainError.noModel' });
      return { json };
    },
    'model.facts': () => workbookFacts(session.current(), appRoot()),
    'model.builtIn': () => Promise.resolve({ json: readTemplateModel(appRoot()) }),
    'model.check': async ({ json }) => {
      const { problem, problems } = await checkProposedModel(session.current(), json);
      return { problem, problems };
    },
    'model.apply': async ({ json }) => ({ info: await applyModel(session.current(), json) }),
    'model.rename': async ({ from, to }) => ({ info: await renameModelItem(session.current(), from, to) }),
  };
}
