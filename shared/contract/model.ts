import { method } from './method.js';
import { empty } from './schemas.js';

/** The model definition as stored in the workbook (see data/model.json). */
export interface ModelDefinitionText {
  json: string;
}

export const modelMethods = {
  'model.definition': method<ModelDefinitionText>()(empty),
};
