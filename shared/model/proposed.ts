import type { ModelProblem } from '../contract/index.js';
import type { DatasetTable } from './data.js';
import type { ModelDefinition } from './definition.js';
import { parseDefinition } from './definition.js';
import { checkModel } from './check.js';
import { bindData } from './data.js';
import { compileEngine } from './evaluate.js';
import { ModelError } from './errors.js';

/**
 * A proposed model (JSON) checked against the data it would run on: the definition's shape and
 * ranges, names, every formula (syntax, dimensions, units, cycles) and the datasets it reads.
 * Problems come with their item and position, up to `max` of them (the editor, checking one
 * formula per keystroke, asks for one). The window runs this as the analyst types;
 * the main process runs it again before it saves, and stays the authority.
 */
export function checkProposed(
  json: string,
  tables: Record<string, DatasetTable>,
  max = MAX_PROBLEMS,
):
  | { def: ModelDefinition; problem: null; problems: [] }
  | { def: null; problem: ModelProblem; problems: ModelProblem[] } {
  let def: ModelDefinition;
  try {
    def = parseDefinition(json);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    const problem = problemOf(error);
    return { def: null, problem, problems: [problem] };
  }
  const problems = problemsOf(def, tables, max);
  const [problem] = problems;
  return problem ? { def: null, problem, problems } : { def, problem: null, problems: [] };
}

/** At most this many problems are listed: a model with more needs its first ones fixed. */
const MAX_PROBLEMS = 50;

/** The first problem of a parsed model, or null if it compiles on this data. */
function firstProblem(def: ModelDefinition, tables: Record<string, DatasetTable>): ModelProblem | null {
  try {
    compileEngine(checkModel(def), bindData(def, tables));
    return null;
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return problemOf(error);
  }
}

/**
 * Every formula's problem, not just the first: after a problem in a variable's or check's
 * formula, that formula stands in as a plain 0 (a check as 0 = 0) and the checker runs again,
 * so a model file with three broken formulas lists all three. A problem that is not in one
 * formula (a clash of names, the definition's shape, the data) ends the list.
 */
export function problemsOf(
  def: ModelDefinition,
  tables: Record<string, DatasetTable>,
  max = MAX_PROBLEMS,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const stood = new Set<string>();
  let current = def;
  for (let problem = firstProblem(current, tables); problem; problem = firstProblem(current, tables)) {
    problems.push(problem);
    const item = problemItem(problem);
    if (!item || stood.has(item) || problems.length >= max) break;
    stood.add(item);
    current = {
      ...current,
      variables: current.variables.map((v) => (v.id === item ? { ...v, formula: '0' } : v)),
      checks: current.checks?.map((c) => (c.id === item ? { ...c, formula: '0 = 0' } : c)),
    };
  }
  return problems;
}

/** Which variable or check a problem is in ("variable supply_h100e" -> supply_h100e), if it names one. */
export function problemItem(problem: ModelProblem): string | null {
  const m = /^(?:variable|check) (\w+)$/.exec(problem.where);
  return m ? (m[1] ?? null) : null;
}

/** A model error as the contract carries it to the window and the CLI. */
export function problemOf(error: ModelError): ModelProblem {
  const { kind, where, detail, position, message } = error;
  return { kind, where, detail, ...(position !== undefined ? { position } : {}), message };
}
