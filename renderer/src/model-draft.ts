import type { ModelProblem } from '../../shared/contract/index.js';
import {
  type DatasetTable,
  type ModelDefinition,
  CALLABLE,
  checkProposed,
  functionSpec,
} from '../../shared/model/index.js';

/**
 * A proposed model checked in the window as the analyst types, on the data already loaded: the
 * checker the main process runs again before it saves, so an error is underlined at once and the
 * last valid model keeps running meanwhile.
 */
export function checkDraft(def: ModelDefinition, tables: Record<string, DatasetTable>): ModelProblem | null {
  return checkProposed(JSON.stringify(def), tables).problem;
}

/** The names a formula mentions (whole words; `chip.tflops` gives `chip` and `tflops`). */
export function namesIn(formula: string): Set<string> {
  return new Set(formula.match(/[A-Za-z_]\w*/g) ?? []);
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

/**
 * The model without one assumption, variable or check, or the items that still use it: a
 * deletion that would leave a formula naming nothing is refused, naming who uses it. Outputs
 * and built-in scenarios drop the item with it.
 */
export function withoutItem(def: ModelDefinition, id: string): { def: ModelDefinition; usedBy: string[] } {
  const usedBy = [...def.variables, ...(def.checks ?? [])]
    .filter((v) => v.id !== id && namesIn(v.formula).has(id))
    .map((v) => v.id);
  return {
    usedBy,
    def: {
      ...def,
      assumptions: def.assumptions.filter((a) => a.id !== id),
      variables: def.variables.filter((v) => v.id !== id),
      checks: def.checks?.filter((c) => c.id !== id),
      outputs: def.outputs.filter((o) => o !== id),
      scenarios: def.scenarios.map((s) => ({
        ...s,
        overrides: Object.fromEntries(Object.entries(s.overrides).filter(([k]) => k !== id)),
      })),
    },
  };
}

export type ItemKind = 'assumption' | 'variable' | 'check';

export interface ItemChange {
  id: string;
  kind: ItemKind;
  change: 'added' | 'removed' | 'changed';
  /** For a changed formula or default: before and after, side by side. */
  before?: string;
  after?: string;
}

/** What a workbook's model changed against another (the built-in one): item by item. */
export function modelDiff(base: ModelDefinition, mine: ModelDefinition): ItemChange[] {
  const out: ItemChange[] = [];
  const text = (item: object) => JSON.stringify(item);
  const compare = <T extends { id: string }>(kind: ItemKind, a: T[], b: T[], shown: (x: T) => string) => {
    const before = new Map(a.map((x) => [x.id, x]));
    const after = new Map(b.map((x) => [x.id, x]));
    for (const [id, x] of after) {
      const was = before.get(id);
      if (!was) out.push({ id, kind, change: 'added', after: shown(x) });
      else if (text(was) !== text(x)) out.push({ id, kind, change: 'changed', before: shown(was), after: shown(x) });
    }
    for (const [id, x] of before) if (!after.has(id)) out.push({ id, kind, change: 'removed', before: shown(x) });
  };
  compare('assumption', base.assumptions, mine.assumptions, (a) => `${a.default} ${a.unit} [${a.min}, ${a.max}]`);
  compare('variable', base.variables, mine.variables, (v) => v.formula);
  compare('check', base.checks ?? [], mine.checks ?? [], (c) => c.formula);
  return out;
}

/** `mine` with one item put back as the built-in model has it (or removed, if it added it). */
export function revertItem(base: ModelDefinition, mine: ModelDefinition, change: ItemChange): ModelDefinition {
  const put = <T extends { id: string }>(a: T[], b: T[]): T[] => {
    const original = a.find((x) => x.id === change.id);
    if (change.change === 'added') return b.filter((x) => x.id !== change.id);
    if (change.change === 'changed') return b.map((x) => (x.id === change.id && original ? original : x));
    if (!original) return b;
    const at = a.indexOf(original);
    const next = [...b];
    next.splice(Math.min(at, next.length), 0, original);
    return next;
  };
  if (change.kind === 'assumption') return { ...mine, assumptions: put(base.assumptions, mine.assumptions) };
  if (change.kind === 'variable') return { ...mine, variables: put(base.variables, mine.variables) };
  return { ...mine, checks: put(base.checks ?? [], mine.checks ?? []) };
}
