import type { ModelProblem } from '../../shared/contract/index.js';
import {
  type DatasetTable,
  type ModelDefinition,
  CALLABLE,
  ModelError,
  bindData,
  checkModel,
  compileEngine,
  functionSpec,
  parseDefinition,
} from '../../shared/model/index.js';

/**
 * A proposed model checked in the window as the analyst types, on the data already loaded: the
 * same checker the main process runs before it saves (which stays the authority), so an error
 * is underlined at once and the last valid model keeps running meanwhile.
 */
export function checkDraft(def: ModelDefinition, tables: Record<string, DatasetTable>): ModelProblem | null {
  try {
    // Through the definition's own schema first, as the main process does: ranges, kinds, shapes.
    const parsed = parseDefinition(JSON.stringify(def));
    compileEngine(checkModel(parsed), bindData(parsed, tables));
    return null;
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return {
      kind: error.kind,
      where: error.where,
      detail: error.detail,
      ...(error.position !== undefined ? { position: error.position } : {}),
      message: error.message,
    };
  }
}

/** The model with one variable's or check's formula replaced. */
export function withFormula(def: ModelDefinition, id: string, formula: string): ModelDefinition {
  return {
    ...def,
    variables: def.variables.map((v) => (v.id === id ? { ...v, formula } : v)),
    checks: def.checks?.map((c) => (c.id === id ? { ...c, formula } : c)),
  };
}

export interface NewAssumption {
  id: string;
  label: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  step: number;
  group: string;
}

/** The model with a new assumption (a triangular Monte Carlo spread over its range, no sources yet). */
export function withAssumption(def: ModelDefinition, a: NewAssumption): ModelDefinition {
  return {
    ...def,
    assumptions: [
      ...def.assumptions,
      { ...a, description: '', sources: [], basis: 'assumption', distribution: { kind: 'triangular' } },
    ],
  };
}

/** Which item a problem is in ("variable supply_h100e" -> supply_h100e), if it names one. */
export function problemItem(problem: ModelProblem): string | null {
  const m = /^(?:variable|check) (\w+)$/.exec(problem.where);
  return m ? (m[1] ?? null) : null;
}

export interface Completion {
  label: string;
  type: 'variable' | 'assumption' | 'function' | 'attribute';
  detail: string;
}

/** Every name a formula may use: variables, assumptions, `dimension.attribute` and the functions. */
export function namesInScope(def: ModelDefinition, label: (item: { label?: string }) => string): Completion[] {
  const out: Completion[] = [];
  for (const v of def.variables) out.push({ label: v.id, type: 'variable', detail: `${label(v)} (${v.unit})` });
  for (const a of def.assumptions) out.push({ label: a.id, type: 'assumption', detail: `${label(a)} (${a.unit})` });
  for (const d of def.dimensions) {
    for (const at of d.attributes ?? [])
      out.push({ label: `${d.id}.${at.name}`, type: 'attribute', detail: at.unit ? `${d.id} (${at.unit})` : d.id });
  }
  for (const name of CALLABLE) {
    const spec = name === 'sum' || name === 'prev' ? null : functionSpec(name);
    out.push({ label: name, type: 'function', detail: spec?.signature ?? `${name}(…)` });
  }
  return out;
}
