import type { DatasetTable } from '../shared/model/index.js';

/**
 * The built-in model of docs/model.md written out by hand as plain loops: the peer the engine is
 * measured against (the fastest a person could make this one model in JavaScript), and a
 * second, independent implementation the benchmark checks the engine against.
 */
export function handwritten(tables: Record<string, DatasetTable>) {
  const years = [2024, 2025, 2026, 2027, 2028];
  const buyers = [...new Set(tables.buyer_capex?.rows.map((r) => String(r.buyer)))];
  const chipRows = tables.chips?.rows ?? [];
  const chips = chipRows.map((r) => String(r.chip));
  const attr = (name: string) => chipRows.map((r) => Number(r[name]));
  const domestic = chipRows.map((r) => r.origin === 'domestic');
  const [tflops, hbm, dies, gross] = ['tflops', 'hbm_stacks', 'dies_per_package', 'gross_dies_per_wafer'].map(attr);
  const capexIn = buyers.map((b) =>
    years.map((y) => {
      const row = tables.buyer_capex?.rows.find((r) => r.buyer === b && r.year === y);
      return typeof row?.capex_cny_bn === 'number' ? row.capex_cny_bn : Number.NaN;
    }),
  );
  const supplyIn = chips.map((c) =>
    years.map((y) => {
      const row = tables.chip_supply?.rows.find((r) => r.chip === c && r.year === y);
      return typeof row?.units_k === 'number' ? row.units_k : Number.NaN;
    }),
  );
  const Y = years.length;
  const coverage = new Float64Array(Y);
  const gap = new Float64Array(Y);
  const baseCapex = buyers.map(() => new Float64Array(Y));
  const planned = chips.map(() => new Float64Array(Y));

  /** a: the assumption vector in the model's order. */
  return (a: Float64Array) => {
    const [
      fx,
      capexScale,
      capexGrowth,
      accel,
      overseas,
      price100,
      importAllow,
      importGrowth,
      domScale,
      domGrowth,
      wafers,
      yieldShare,
      hbmM,
      capGrowth,
    ] = a as unknown as number[];
    for (let t = 0; t < Y; t++) {
      let budget = 0;
      for (let b = 0; b < buyers.length; b++) {
        const given = capexIn[b]![t]!;
        const v = Number.isNaN(given) ? baseCapex[b]![t - 1]! * (1 + capexGrowth!) : given;
        baseCapex[b]![t] = v;
        budget += v * capexScale! * accel! * (1 - overseas!);
      }
      const demand = (budget * 1000) / fx! / price100!;
      let wafersNeeded = 0;
      let hbmNeeded = 0;
      for (let c = 0; c < chips.length; c++) {
        const given = supplyIn[c]![t]!;
        const p = Number.isNaN(given) ? planned[c]![t - 1]! * (1 + (domestic[c] ? domGrowth! : importGrowth!)) : given;
        planned[c]![t] = p;
        if (domestic[c]) {
          const wanted = p * domScale!;
          wafersNeeded += (wanted * dies![c]!) / (gross![c]! * yieldShare!);
          hbmNeeded += wanted * hbm![c]!;
        }
      }
      const growth = (1 + capGrowth!) ** Math.max(0, years[t]! - 2025);
      const waferLimit = Math.min(1, (wafers! * 12 * growth) / Math.max(wafersNeeded, 1e-9));
      const hbmLimit = Math.min(1, (hbmM! * 1000 * growth) / Math.max(hbmNeeded, 1e-9));
      const limit = Math.min(waferLimit, hbmLimit);
      let supply = 0;
      for (let c = 0; c < chips.length; c++) {
        const units = planned[c]![t]! * (domestic[c] ? domScale! * limit : importAllow!);
        supply += (units * tflops![c]!) / 989;
      }
      gap[t] = demand - supply;
      coverage[t] = supply / demand;
    }
    return { coverage, gap };
  };
}
