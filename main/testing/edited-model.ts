import type { ModelDefinition } from '../../shared/model/index.js';

/**
 * The edit of issue 14's acceptance test, as data: a new assumption `cluster_efficiency`
 * (default 0.9) that scales what domestic chips deliver in `supply_h100e`.
 */
export function withClusterEfficiency(def: ModelDefinition, formula?: string): ModelDefinition {
  const group = def.assumptions.find((a) => a.id === 'domestic_efficiency')?.group ?? def.assumptions[0]?.group ?? '';
  return {
    ...def,
    assumptions: [
      ...def.assumptions,
      {
        id: 'cluster_efficiency',
        label: 'Cluster efficiency of domestic chips',
        description: 'Share of a domestic chip’s compute a cluster turns into useful work',
        group,
        default: 0.9,
        min: 0.5,
        max: 1,
        step: 0.01,
        unit: 'share',
        sources: [],
        basis: 'assumption',
        distribution: { kind: 'triangular' },
        translations: { 'zh-CN': { label: '国产芯片集群效率' } },
      },
    ],
    variables: def.variables.map((v) =>
      v.id === 'supply_h100e'
        ? {
            ...v,
            formula:
              formula ??
              'supply_units * chip.tflops / 989 * if(chip.origin = "domestic", domestic_efficiency * cluster_efficiency, 1)',
          }
        : v,
    ),
  };
}
