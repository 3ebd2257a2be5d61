import type { DatasetTable } from './data.js';
import type { ModelDefinition } from './definition.js';

/** What a vintage holds that the model reads: assumption defaults and dataset rows. */
export interface VintageInputs {
  assumptions: Readonly<Record<string, number>>;
  datasets: Readonly<Record<string, DatasetTable>>;
}

/**
 * The definition as it stood in a vintage: each assumption's default is the vintage's value.
 * A value outside today's range widens the range rather than being clamped: a vintage records
 * what was believed, and the slider must be able to show it. Assumptions the vintage never had
 * keep today's default (the model grew since); scenarios still apply on top.
 */
export function definitionAt(def: ModelDefinition, vintage: Pick<VintageInputs, 'assumptions'>): ModelDefinition {
  return {
    ...def,
    assumptions: def.assumptions.map((a) => {
      const v = vintage.assumptions[a.id];
      if (v === undefined || !Number.isFinite(v)) return a;
      return { ...a, default: v, min: Math.min(a.min, v), max: Math.max(a.max, v) };
    }),
  };
}

/** Every assumption's default in a definition (a vintage's values once `definitionAt` has run). */
export function defaultsOf(def: Pick<ModelDefinition, 'assumptions'>): Record<string, number> {
  return Object.fromEntries(def.assumptions.map((a) => [a.id, a.default]));
}
