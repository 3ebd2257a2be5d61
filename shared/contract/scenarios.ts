import { z } from 'zod';
import { method } from './method.js';
import type { WorkbookInfo } from './types.js';
import { catalogueText, empty } from './schemas.js';

export interface Scenario {
  name: string;
  description: string;
  /** Assumption values that differ from the model's defaults. */
  overrides: Record<string, number>;
  builtIn: boolean;
}

/** The scenarios of a workbook and what the what-if screen shows now. */
export interface ScenarioState {
  scenarios: Scenario[];
  current: {
    /** The scenario the values started from. */
    name: string;
    /** Every assumption's value on screen (the scenario's, plus any moves since). */
    values: Record<string, number>;
  };
}

export interface ScenarioReply {
  state: ScenarioState;
  info: WorkbookInfo;
}

const scenarioName = z.string().trim().min(1).max(100);
const values = z.record(z.string().max(63), z.number().refine(Number.isFinite, 'must be a finite number'));

export const scenarioMethods = {
  'scenarios.get': method<ScenarioState>()(empty),
  /** Switch scenario or move assumptions: one undo step labelled `label`. */
  'scenarios.setCurrent': method<ScenarioReply>()(
    z.strictObject({ name: scenarioName, values, label: catalogueText.optional() }),
  ),
  /** A new user scenario from the given values; it becomes current. */
  'scenarios.create': method<ScenarioReply>()(
    z.strictObject({ name: scenarioName, description: z.string().max(2000).optional(), values }),
  ),
  /** Store the given values in a user scenario. */
  'scenarios.update': method<ScenarioReply>()(z.strictObject({ name: scenarioName, values })),
  'scenarios.rename': method<ScenarioReply>()(z.strictObject({ name: scenarioName, to: scenarioName })),
  'scenarios.duplicate': method<ScenarioReply>()(z.strictObject({ name: scenarioName, to: scenarioName })),
  'scenarios.delete': method<ScenarioReply>()(z.strictObject({ name: scenarioName })),
};
