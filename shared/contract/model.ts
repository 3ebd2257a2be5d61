import { method } from './method.js';
import { empty } from './schemas.js';

/** The model definition as stored in the workbook (see data/model.json). */
export interface ModelDefinitionText {
  json: string;
}

/** A sourced figure from the workbook's fact table (data/facts.csv when it was made). */
export interface Fact {
  id: string;
  entity: string;
  metric: string;
  value: string;
  unit: string;
  period: string;
  basis: string;
  url: string;
  note: string;
}

/** The workbook document holding the model definition (JSON). */
export const MODEL_DOCUMENT = 'model';

export const modelMethods = {
  'model.definition': method<ModelDefinitionText>()(empty),
  'model.facts': method<Fact[]>()(empty),
};
