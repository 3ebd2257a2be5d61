import type { ModelProblem } from '../../shared/contract/index.js';
import {
  type AssumptionDef,
  type CheckDef,
  type DatasetTable,
  type ModelDefinition,
  type Engine,
  type VariableDef,
  CALLABLE,
  TIME_DIM,
  coordinate,
  checkProposed,
  formulaNames,
  functionSpec,
} from '../../shared/model/index.js';

/**
 * A proposed model checked in the window as the analyst types, on the data already loaded: the
 * checker the main process runs again before it saves, so an error is underlined at once and the
 * last valid model keeps running meanwhile.
 */
export function checkDraft(def: ModelDefinition, tables: Record<string, DatasetTable>): ModelProblem | null {
  // One problem: the editor underlines it; listing the rest would run the checker again per keystroke.
  return checkProposed(JSON.stringify(def), tables, 1).problem;
}

/**
 * The names a formula uses (as the parser reads it: not strings, functions or attributes); a
 * formula half typed and not yet parseable gives every word in it, so nothing it may use is missed.
 */
export function namesIn(formula: string): Set<string> {
  return formulaNames(formula) ?? new Set(formula.match(/[A-Za-z_]\w*/g) ?? []);
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

/** Every variable and check that uses `id`, directly or through others, in model order. */
export function dependentsOf(def: ModelDefinition, id: string): string[] {
  const formulas = [...def.variables, ...(def.checks ?? [])];
  const found = new Set<string>();
  const queue = [id];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const v of formulas) {
      if (v.id !== id && !found.has(v.id) && namesIn(v.formula).has(name)) {
        found.add(v.id);
        queue.push(v.id);
      }
    }
  }
  return formulas.map((v) => v.id).filter((x) => found.has(x));
}

/** The model without these assumptions, variables and checks; outputs and built-in scenarios drop them too. */
export function withoutItems(def: ModelDefinition, ids: string[]): ModelDefinition {
  const gone = new Set(ids);
  return {
    ...def,
    assumptions: def.assumptions.filter((a) => !gone.has(a.id)),
    variables: def.variables.filter((v) => !gone.has(v.id)),
    checks: def.checks?.filter((c) => !gone.has(c.id)),
    outputs: def.outputs.filter((o) => !gone.has(o)),
    scenarios: def.scenarios.map((s) => ({
      ...s,
      overrides: Object.fromEntries(Object.entries(s.overrides).filter(([k]) => !gone.has(k))),
    })),
  };
}

/**
 * The model without one assumption, variable or check, and the items that use it directly: a
 * deletion that would leave a formula naming nothing is refused (or made with its dependents).
 */
export function withoutItem(def: ModelDefinition, id: string): { def: ModelDefinition; usedBy: string[] } {
  const usedBy = [...def.variables, ...(def.checks ?? [])]
    .filter((v) => v.id !== id && namesIn(v.formula).has(id))
    .map((v) => v.id);
  return { usedBy, def: withoutItems(def, [id]) };
}

export type ItemKind = 'assumption' | 'variable' | 'check';

/** One item of the model as the Model view edits it. */
export type ModelDraft =
  | { kind: 'assumption'; item: AssumptionDef; isNew: boolean }
  | { kind: 'variable'; item: VariableDef; isNew: boolean }
  | { kind: 'check'; item: CheckDef; isNew: boolean };

/** The item `id` of the model with its kind, or null. */
export function itemOf(def: ModelDefinition, id: string): ModelDraft | null {
  const a = def.assumptions.find((x) => x.id === id);
  if (a) return { kind: 'assumption', item: a, isNew: false };
  const v = def.variables.find((x) => x.id === id);
  if (v) return { kind: 'variable', item: v, isNew: false };
  const c = def.checks?.find((x) => x.id === id);
  return c ? { kind: 'check', item: c, isNew: false } : null;
}

/** The model with the draft's item in place of the one of that id, or added at the end of its list. */
export function withItem(def: ModelDefinition, draft: ModelDraft): ModelDefinition {
  const put = <T extends { id: string }>(list: T[], item: T): T[] =>
    list.some((x) => x.id === item.id) && !draft.isNew
      ? list.map((x) => (x.id === item.id ? item : x))
      : [...list, item];
  switch (draft.kind) {
    case 'assumption':
      return { ...def, assumptions: put(def.assumptions, draft.item) };
    case 'variable':
      return { ...def, variables: put(def.variables, draft.item) };
    case 'check':
      return { ...def, checks: put(def.checks ?? [], draft.item) };
  }
}

/** A blank new item of a kind, ready to be named and given a formula. */
export function newItem(def: ModelDefinition, kind: ItemKind): ModelDraft {
  // A scalar to start with: the analyst ticks the dimensions the formula varies over.
  if (kind === 'variable')
    return { kind, isNew: true, item: { id: '', label: '', unit: '', dimensions: [], formula: '0' } };
  if (kind === 'check')
    return {
      kind,
      isNew: true,
      item: { id: '', label: '', level: 'warning', message: '', dimensions: [], formula: '0 = 0' },
    };
  return {
    kind,
    isNew: true,
    item: {
      id: '',
      label: '',
      description: '',
      group: def.assumptions.at(-1)?.group ?? def.groups[0]?.id ?? 'other',
      unit: 'share',
      default: 1,
      min: 0,
      max: 1,
      step: 0.01,
      sources: [],
      basis: 'assumption',
      distribution: { kind: 'triangular' },
    },
  };
}

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

/** What a variable's values are now, for a hover card: one number, or the spread at one year. */
export type ValueSummary =
  | { kind: 'one'; value: number; year: number | null }
  | { kind: 'range'; min: number; max: number; year: number | null };

/**
 * A variable's current values summed up for the year on screen: the value when there is one
 * cell (a scalar, or a [year] series), else the smallest and largest cell of that year.
 */
export function valueSummary(
  engine: Engine,
  results: Map<string, Float64Array>,
  id: string,
  year: number,
): ValueSummary | null {
  const values = results.get(id);
  if (!values || !engine.model.byId.has(id)) return null;
  const space = engine.spaceOf(id);
  const years = engine.data.members.get(TIME_DIM) ?? [];
  const hasYear = space.dims.includes(TIME_DIM);
  const at = years.indexOf(year);
  const cells = [...values].filter((_, i) => !hasYear || coordinate(space, i, TIME_DIM) === at);
  const shown = hasYear ? year : null;
  if (cells.length === 0) return null;
  if (cells.length === 1) return { kind: 'one', value: cells[0] ?? Number.NaN, year: shown };
  return { kind: 'range', min: Math.min(...cells), max: Math.max(...cells), year: shown };
}
