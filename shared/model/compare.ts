import type { Engine } from './evaluate.js';
import { coordinate } from './space.js';

export interface CompareInput {
  name: string;
  values: Float64Array;
  /** The engine this column runs on, when it is not the first argument's (another vintage's data). */
  engine?: Engine;
}

export interface CompareTable {
  scenarios: string[];
  years: (string | number)[];
  /** Assumptions that differ between at least two of the scenarios, then the rest. */
  assumptions: { id: string; label: string; unit: string; values: number[]; differs: boolean }[];
  /** Headline outputs by year; outputs with more dimensions are totalled over them. */
  outputs: { id: string; label: string; unit: string; byScenario: { values: number[]; delta: number[] }[] }[];
}

/** Scenarios side by side: their assumptions, and each headline output by year with its delta against the first. */
export function compareScenarios(
  engine: Engine,
  inputs: CompareInput[],
  outputs = engine.model.def.outputs,
): CompareTable {
  const time = engine.model.timeDim;
  const years = time ? [...(engine.data.members.get(time) ?? [])] : ['value'];
  const perScenario = inputs.map((s) => {
    // Each column on its own engine: another vintage may have other members (a buyer more).
    const e = s.engine ?? engine;
    const results = e.run(s.values);
    return new Map(
      outputs.map((id) => {
        const space = e.spaceOf(id);
        const values = results.get(id) ?? new Float64Array();
        const byYear = new Array<number>(years.length).fill(0);
        for (let i = 0; i < space.length; i++) {
          const y = time && space.dims.includes(time) ? coordinate(space, i, time) : 0;
          byYear[y] = (byYear[y] ?? 0) + (values[i] as number);
        }
        return [id, byYear];
      }),
    );
  });
  const assumptions = engine.model.def.assumptions.map((a, k) => {
    const values = inputs.map((s) => s.values[k] as number);
    return { id: a.id, label: a.label, unit: a.unit, values, differs: values.some((v) => v !== values[0]) };
  });
  assumptions.sort((x, y) => Number(y.differs) - Number(x.differs));
  return {
    scenarios: inputs.map((s) => s.name),
    years,
    assumptions,
    outputs: outputs.map((id) => {
      const def = engine.model.byId.get(id)?.def;
      const first = perScenario[0]?.get(id) ?? [];
      return {
        id,
        label: def?.label ?? id,
        unit: def?.unit ?? '',
        byScenario: perScenario.map((m) => {
          const values = m.get(id) ?? [];
          return { values, delta: values.map((v, i) => v - (first[i] ?? 0)) };
        }),
      };
    }),
  };
}
