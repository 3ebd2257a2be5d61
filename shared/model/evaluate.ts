import type { CheckedModel } from './checked.js';
import type { ModelData } from './data.js';
import { ModelError } from './errors.js';
import { type Step, compileProgram } from './program.js';
import { execute } from './program-ops.js';
import type { Space } from './space.js';

/** Values of every variable after a run, each over its own space. Valid until the next run. */
export type Results = ReadonlyMap<string, Float64Array>;

export interface Engine {
  readonly model: CheckedModel;
  readonly data: ModelData;
  readonly assumptionIds: readonly string[];
  spaceOf(variable: string): Space;
  /** The assumption vector of a scenario: defaults with its overrides. */
  assumptions(overrides?: Readonly<Record<string, number>>): Float64Array;
  /** Recomputes every variable. Reuses its buffers: copy what you keep. */
  run(assumptions: Float64Array): Results;
  /**
   * A recompute of only `ids` and what they depend on (Monte Carlo, tornado and goal seek read
   * a few outputs, not the checks and every variable). The same numbers for those ids as `run`;
   * other variables in the results are left as an earlier run left them: read only `ids`.
   */
  runner(ids: readonly string[]): (assumptions: Float64Array) => Results;
}

/**
 * Compiles a checked model over its data into one flat program over one arena (program.ts),
 * so a run allocates nothing and calls no closure per formula part: cheap enough for every
 * slider event and for Monte Carlo.
 */
export function compileEngine(model: CheckedModel, data: ModelData): Engine {
  const program = compileProgram(model, data);
  const { code, maps, arena, steps, buffers } = program;
  const load = (assumptions: Float64Array): void => {
    for (let k = 0; k < program.assumptions; k++)
      arena[k] = k < assumptions.length ? (assumptions[k] as number) : Number.NaN;
  };
  const ids = model.def.assumptions.map((a) => a.id);
  const defaults = Float64Array.from(model.def.assumptions.map((a) => a.default));
  return {
    model,
    data,
    assumptionIds: ids,
    spaceOf: (variable) => {
      const s = program.spaces.get(variable);
      if (!s) throw new ModelError('unknown-name', 'results', `unknown variable "${variable}"`);
      return s;
    },
    assumptions(overrides = {}) {
      const a = new Float64Array(defaults);
      for (const [id, value] of Object.entries(overrides)) {
        const k = ids.indexOf(id);
        if (k < 0) throw new ModelError('unknown-name', 'assumptions', `unknown assumption "${id}"`);
        a[k] = value;
      }
      return a;
    },
    run(assumptions) {
      load(assumptions);
      execute(code, 0, code.length, arena, maps);
      return buffers;
    },
    runner(wanted) {
      const needed = new Set(wanted);
      // Steps are in evaluation order: walking back, each needed step adds what it reads.
      for (let k = steps.length - 1; k >= 0; k--) {
        const step = steps[k] as Step;
        if (needed.has(step.id)) for (const id of step.uses) needed.add(id);
      }
      // Neighbouring steps run as one stretch of the program.
      const stretches: number[] = [];
      for (const step of steps) {
        if (!needed.has(step.id) || step.from === step.to) continue;
        if (stretches.length > 0 && stretches[stretches.length - 1] === step.from)
          stretches[stretches.length - 1] = step.to;
        else stretches.push(step.from, step.to);
      }
      return (assumptions) => {
        load(assumptions);
        for (let k = 0; k < stretches.length; k += 2)
          execute(code, stretches[k] as number, stretches[k + 1] as number, arena, maps);
        return buffers;
      };
    },
  };
}

/** An assumption vector as values by assumption id (what the CLI prints and attribution takes). */
export function assumptionRecord(engine: Engine, vector: Float64Array): Record<string, number> {
  return Object.fromEntries(engine.assumptionIds.map((id, i) => [id, vector[i] ?? Number.NaN]));
}
