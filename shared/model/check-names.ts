import { type ModelDefinition, type VariableDef, TIME_DIM, dimensionOrder } from './definition.js';
import { ModelError } from './errors.js';

/**
 * Every name a formula may use, gathered once per model: variables, assumptions, dimensions,
 * dataset inputs (`dataset.column`) and dimension attributes (`dim.attribute`). Building it
 * refuses a model whose declarations clash or point at nothing, before any formula is read.
 */
export interface ModelNames {
  def: ModelDefinition;
  /** Dimension ids in definition order; arrays are laid out in this order. */
  dimOrder: string[];
  timeDim: string | null;
  dims: Set<string>;
  variables: Map<string, VariableDef>;
  /** Assumption id to its position in the definition (the engine's assumption vector). */
  assumptions: Map<string, number>;
  inputs: Map<string, ModelDefinition['inputs'][number]>;
  attributes: Map<string, { unit: string }>;
}

export function gatherNames(def: ModelDefinition): ModelNames {
  const dimOrder = dimensionOrder(def);
  const names: ModelNames = {
    def,
    dimOrder,
    timeDim: dimOrder.includes(TIME_DIM) ? TIME_DIM : null,
    dims: new Set(dimOrder),
    variables: new Map(def.variables.map((v) => [v.id, v])),
    assumptions: new Map(def.assumptions.map((a, i) => [a.id, i])),
    inputs: new Map(def.inputs.map((i) => [i.id, i])),
    attributes: new Map(),
  };
  for (const d of def.dimensions)
    for (const a of d.attributes ?? []) names.attributes.set(`${d.id}.${a.name}`, { unit: a.unit });
  claimNames(def);
  checkDeclaredDimensions(def, names.dims);
  for (const o of def.outputs) {
    if (!names.variables.has(o)) throw new ModelError('unknown-name', 'outputs', `"${o}" is not a variable`);
  }
  for (const s of def.scenarios) {
    for (const key of Object.keys(s.overrides)) {
      if (!names.assumptions.has(key))
        throw new ModelError('unknown-name', `scenario ${s.name}`, `"${key}" is not an assumption`);
    }
  }
  return names;
}

/** One name, one meaning: a dimension, an assumption, a variable and a check never share a name. */
function claimNames(def: ModelDefinition): void {
  const taken = new Map<string, string>();
  const claim = (name: string, what: string): void => {
    const before = taken.get(name);
    if (before) throw new ModelError('definition', what, `the name "${name}" is already used by ${before}`);
    taken.set(name, what);
  };
  for (const d of def.dimensions) claim(d.id, `dimension ${d.id}`);
  for (const a of def.assumptions) claim(a.id, `assumption ${a.id}`);
  for (const v of def.variables) claim(v.id, `variable ${v.id}`);
  for (const c of def.checks ?? []) claim(c.id, `check ${c.id}`);
}

/** Variables, inputs and checks vary only over dimensions the model has, each listed once. */
function checkDeclaredDimensions(def: ModelDefinition, dims: Set<string>): void {
  const known = (list: Iterable<string>, where: string): void => {
    for (const d of list) if (!dims.has(d)) throw new ModelError('dimension', where, `unknown dimension "${d}"`);
  };
  for (const v of def.variables) {
    known(v.dimensions, `variable ${v.id}`);
    if (new Set(v.dimensions).size !== v.dimensions.length) {
      throw new ModelError('dimension', `variable ${v.id}`, 'a dimension is listed twice');
    }
  }
  for (const i of def.inputs) known(Object.keys(i.dimensions), `input ${i.id}`);
  for (const c of def.checks ?? []) known(c.dimensions, `check ${c.id}`);
}

/** Dimensions in the model's order, each once. */
export function sortDims(names: ModelNames, dims: Iterable<string>): string[] {
  const set = new Set(dims);
  return names.dimOrder.filter((d) => set.has(d));
}
