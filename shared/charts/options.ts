import type { EChartsCoreOption } from 'echarts/core';
import type { CellSummary, Engine, Money, TornadoBar } from '../model/index.js';
import { coordinate, MODEL_MONEY, shownUnit, shownValue, TIME_DIM } from '../model/index.js';
import { type Locale, numberFormat, translate, unitIn } from '../i18n/index.js';

/** Colours that stay apart in grey too (luminance steps); exported PNGs add decal patterns on top. */
export const PALETTE = [
  '#1d3557',
  '#e07a5f',
  '#457b9d',
  '#f2cc8f',
  '#2a9d8f',
  '#9b2226',
  '#a8dadc',
  '#6d597a',
  '#bc6c25',
  '#8d99ae',
] as const;

/** Lines drawn in the text colour (demand, limits): the window swaps them for its dark theme. */
export const INK = '#111';
export const INK_SOFT = '#666';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
/** One decimal at most, grouped as the chart's language writes numbers. */
function numberIn(locale: Locale): (v: number) => string {
  const format = numberFormat(locale, 1);
  return (v) => format.format(v);
}

function base(unitLabel: string, formatter: (v: number) => string = (v) => number.format(v)): EChartsCoreOption {
  return {
    animation: false,
    color: [...PALETTE],
    aria: { enabled: true, label: { enabled: false }, decal: { show: false } },
    grid: { left: 64, right: 16, top: 36, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatter(v) : String(v)) },
    yAxis: { type: 'value', name: unitLabel, nameTextStyle: { align: 'left' }, axisLabel: { formatter } },
  };
}

function years(engine: Engine): string[] {
  return (engine.data.members.get(engine.model.timeDim ?? '') ?? []).map(String);
}

/** A [dim, year] variable as one series per member. */
function seriesByMember(engine: Engine, results: Map<string, Float64Array>, id: string) {
  const space = engine.spaceOf(id);
  const values = results.get(id) ?? new Float64Array();
  const dim = space.dims.find((d) => d !== engine.model.timeDim) ?? '';
  const members = engine.data.members.get(dim) ?? [];
  return members.map((m, k) => {
    const data: number[] = [];
    for (let i = 0; i < space.length; i++) if (coordinate(space, i, dim) === k) data.push(values[i] as number);
    return { name: String(m), data };
  });
}

export function supplyDemandOption(
  engine: Engine,
  results: Map<string, Float64Array>,
  locale: Locale = 'en',
): EChartsCoreOption {
  const chips = seriesByMember(engine, results, 'supply_h100e');
  return {
    ...base(unitIn('thousand H100e', locale), numberIn(locale)),
    // Every series in view: a plain legend wraps onto as many lines as it needs (a paged one
    // showed two of eleven). The grid starts below five lines of it (the width of a chart in a 1,400 px window).
    legend: {
      type: 'plain',
      top: 0,
      left: 0,
      right: 0,
      itemWidth: 12,
      itemHeight: 10,
      itemGap: 8,
      textStyle: { fontSize: 11 },
    },
    grid: { left: 64, right: 16, top: 124, bottom: 28 },
    xAxis: { type: 'category', data: years(engine) },
    series: [
      ...chips.map((c) => ({
        type: 'bar',
        stack: 'supply',
        name: c.name,
        data: c.data,
        emphasis: { focus: 'series' },
      })),
      {
        type: 'line',
        name: translate(locale, 'chart.demand'),
        data: [...(results.get('demand_h100e') ?? [])],
        lineStyle: { width: 3, color: INK },
        itemStyle: { color: INK },
        symbolSize: 7,
      },
    ],
  };
}

export function coverageOption(
  engine: Engine,
  results: Map<string, Float64Array>,
  locale: Locale = 'en',
): EChartsCoreOption {
  const met = translate(locale, 'chart.demandMet');
  return {
    ...base(translate(locale, 'chart.shareOfDemand'), pct),
    xAxis: { type: 'category', data: years(engine) },
    series: [
      {
        type: 'line',
        name: translate(locale, 'chart.coverage'),
        data: [...(results.get('coverage') ?? [])],
        symbolSize: 7,
        lineStyle: { width: 3 },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: 1, name: met }],
          lineStyle: { type: 'dashed', color: INK_SOFT },
          label: { formatter: met, position: 'insideEndTop' },
        },
      },
    ],
  };
}

export function shortfallByBuyerOption(
  engine: Engine,
  results: Map<string, Float64Array>,
  year: number,
  locale: Locale = 'en',
  money: Money | null = null,
): EChartsCoreOption {
  const space = engine.spaceOf('buyer_shortfall');
  // Money in the unit chosen for display (亿元, bn USD), as the cards show it.
  const unit = unitIn(shownUnit(MODEL_MONEY, money), locale);
  const format = numberIn(locale);
  const values = results.get('buyer_shortfall') ?? new Float64Array();
  const yi = years(engine).indexOf(String(year));
  const buyers = engine.data.members.get('buyer') ?? [];
  const data = buyers.map((_, k) => {
    for (let i = 0; i < space.length; i++) {
      if (coordinate(space, i, 'buyer') === k && coordinate(space, i, TIME_DIM) === yi)
        return shownValue(values[i] as number, MODEL_MONEY, money);
    }
    return 0;
  });
  return {
    ...base(unit, format),
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${format(Number(v))} ${unit}` },
    xAxis: { type: 'category', data: buyers.map(String), axisLabel: { interval: 0 } },
    series: [
      { type: 'bar', name: translate(locale, 'chart.shortfallIn', { year }), data, itemStyle: { color: PALETTE[1] } },
    ],
  };
}

export function limitsOption(
  engine: Engine,
  results: Map<string, Float64Array>,
  locale: Locale = 'en',
): EChartsCoreOption {
  const axis = translate(locale, 'chart.shareOfWanted');
  return {
    ...base(axis, pct),
    legend: { top: 0 },
    xAxis: { type: 'category', data: years(engine) },
    grid: { left: 64, right: 16, top: 48, bottom: 40 },
    yAxis: { type: 'value', name: axis, min: 0, max: 1, axisLabel: { formatter: pct } },
    series: [
      {
        type: 'line',
        name: translate(locale, 'chart.waferLimit'),
        data: [...(results.get('wafer_limit') ?? [])],
        symbol: 'circle',
        symbolSize: 8,
      },
      {
        type: 'line',
        name: translate(locale, 'chart.hbmLimit'),
        data: [...(results.get('hbm_limit') ?? [])],
        symbol: 'triangle',
        symbolSize: 9,
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}

/** The HBM stockpile: what is left at each year's end, what China makes and what domestic chips need. */
export function hbmOption(
  engine: Engine,
  results: Map<string, Float64Array>,
  locale: Locale = 'en',
): EChartsCoreOption {
  const format = numberIn(locale);
  const line = (id: string, name: string, dashed: boolean) => ({
    type: 'line',
    name,
    data: [...(results.get(id) ?? [])],
    symbol: dashed ? 'triangle' : 'circle',
    symbolSize: 8,
    ...(dashed ? { lineStyle: { type: 'dashed' } } : {}),
  });
  return {
    ...base(unitIn('thousand stacks', locale), format),
    legend: { top: 0 },
    // The unit is in the chart's title: an axis name would sit under the legend's second line.
    yAxis: { type: 'value', axisLabel: { formatter: format } },
    grid: { left: 72, right: 16, top: 56, bottom: 40 },
    xAxis: { type: 'category', data: years(engine) },
    series: [
      {
        type: 'bar',
        name: translate(locale, 'chart.stockLeft'),
        data: [...(results.get('hbm_left') ?? [])],
        itemStyle: { color: PALETTE[2] },
      },
      line('hbm_needed', translate(locale, 'chart.needed'), false),
      line('hbm_made', translate(locale, 'chart.madeInChina'), true),
    ],
  };
}

/** What delivered chips cost as a share of the onshore accelerator budget, with the budget as a line at 100%. */
export function budgetOption(
  engine: Engine,
  results: Map<string, Float64Array>,
  locale: Locale = 'en',
): EChartsCoreOption {
  return {
    ...base(translate(locale, 'chart.shareOfBudget'), pct),
    xAxis: { type: 'category', data: years(engine) },
    series: [
      {
        type: 'bar',
        name: translate(locale, 'chart.budgetUsed'),
        data: [...(results.get('budget_used') ?? [])].map((v) => ({
          value: v,
          // Over budget stands out in colour and, for grey print, in the label.
          itemStyle: { color: v > 1 ? PALETTE[5] : PALETTE[4] },
        })),
        label: { show: true, position: 'top', formatter: (p: { value: number }) => pct(p.value) },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: 1, name: translate(locale, 'chart.budget') }],
          lineStyle: { type: 'dashed', color: INK },
          // At the start of the line: the last bars' own labels sit at its end.
          label: { formatter: translate(locale, 'chart.fullBudget'), position: 'insideStartTop' },
        },
      },
    ],
  };
}

export function overlayOption(
  engine: Engine,
  series: { name: string; values: number[] }[],
  unit: string,
): EChartsCoreOption {
  return {
    ...base(unit),
    legend: { top: 0 },
    xAxis: { type: 'category', data: years(engine) },
    series: series.map((s, i) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      symbolSize: 7,
      lineStyle: { width: 2, type: i % 2 ? 'dashed' : 'solid' },
    })),
  };
}

export function tornadoOption(
  bars: TornadoBar[],
  baseValue: number,
  unit: string,
  locale: Locale = 'en',
): EChartsCoreOption {
  const shown = [...bars].reverse();
  const number = numberFormat(locale, 2);
  const atMin = translate(locale, 'chart.atMin');
  const atMax = translate(locale, 'chart.atMax');
  return {
    animation: false,
    aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
    color: [PALETTE[2], PALETTE[1]],
    grid: { left: 330, right: 24, top: 32, bottom: 40 },
    legend: { top: 0, data: [atMin, atMax] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => `${number.format(Number(v) + baseValue)} ${unit}`,
    },
    xAxis: {
      type: 'value',
      name: translate(locale, 'chart.changeFrom', { value: number.format(baseValue), unit }),
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { formatter: (v: number) => number.format(v) },
    },
    yAxis: { type: 'category', data: shown.map((b) => b.label), axisLabel: { width: 320, overflow: 'truncate' } },
    series: [
      { type: 'bar', name: atMin, stack: 't', data: shown.map((b) => b.atMin - baseValue) },
      { type: 'bar', name: atMax, stack: 't2', barGap: '-100%', data: shown.map((b) => b.atMax - baseValue) },
    ],
  };
}

export function fanOption(
  engine: Engine,
  cells: CellSummary[],
  unit: string,
  format: (v: number) => string = (v) => number.format(v),
  locale: Locale = 'en',
): EChartsCoreOption {
  const p10 = cells.map((c) => c.p10);
  const band = translate(locale, 'chart.band');
  return {
    ...base(unit, format),
    legend: { top: 0, data: [band, 'P50'] },
    xAxis: { type: 'category', data: years(engine), boundaryGap: false },
    series: [
      {
        type: 'line',
        name: 'P10',
        stack: 'band',
        stackStrategy: 'all', // a negative P10 must stack with the band above it
        data: p10,
        lineStyle: { opacity: 0 },
        symbol: 'none',
        tooltip: { show: true },
      },
      {
        type: 'line',
        name: band,
        stack: 'band',
        stackStrategy: 'all', // a negative P10 must stack with the band above it
        data: cells.map((c) => c.p90 - c.p10),
        lineStyle: { opacity: 0 },
        itemStyle: { color: '#9dbbd9' },
        areaStyle: { color: '#9dbbd9', opacity: 0.8 },
        symbol: 'none',
      },
      {
        type: 'line',
        name: 'P50',
        data: cells.map((c) => c.p50),
        lineStyle: { width: 3, color: PALETTE[0] },
        itemStyle: { color: PALETTE[0] },
      },
    ],
  };
}

export function histogramOption(
  samples: Float64Array,
  unit: string,
  bins = 30,
  locale: Locale = 'en',
): EChartsCoreOption {
  const number = numberFormat(locale, 2);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of samples) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of samples) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]! += 1;
  const labels = counts.map((_, i) => number.format(lo + (i + 0.5) * width));
  return {
    animation: false,
    aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
    grid: { left: 56, right: 16, top: 24, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, name: unit, nameLocation: 'middle', nameGap: 32 },
    yAxis: { type: 'value', name: translate(locale, 'chart.drawsAxis') },
    series: [
      {
        type: 'bar',
        name: translate(locale, 'chart.draws'),
        data: counts.map((c, i) => ({
          value: c,
          itemStyle: { color: lo + (i + 0.5) * width > 0 ? PALETTE[1] : PALETTE[2] },
        })),
        barCategoryGap: 1,
      },
    ],
  };
}

/**
 * A waterfall: the first value, one floating bar per factor (rises in one colour, falls in
 * another, largest first as given), the second value. The invisible base series lifts each
 * floating bar to where the running total stands.
 */
export function waterfallOption(
  first: { label: string; value: number },
  steps: { label: string; value: number }[],
  last: { label: string; value: number },
  unit: string,
  formatter: (v: number) => string = (v) => number.format(v),
  locale: Locale = 'en',
): EChartsCoreOption {
  const labels = [first.label, ...steps.map((s) => s.label), last.label];
  const rises = translate(locale, 'chart.rises');
  const falls = translate(locale, 'chart.falls');
  const lift: (number | string)[] = ['-'];
  const rise: (number | string)[] = ['-'];
  const fall: (number | string)[] = ['-'];
  let level = first.value;
  for (const s of steps) {
    const next = level + s.value;
    lift.push(Math.min(level, next));
    rise.push(s.value >= 0 ? s.value : '-');
    fall.push(s.value < 0 ? -s.value : '-');
    level = next;
  }
  lift.push('-');
  rise.push('-');
  fall.push('-');
  const ends = labels.map((_, i) => (i === 0 ? first.value : i === labels.length - 1 ? last.value : '-'));
  return {
    ...base(unit, formatter),
    tooltip: { trigger: 'item', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatter(v) : '') },
    legend: { data: [rises, falls], top: 0 },
    grid: { left: 64, right: 16, top: 36, bottom: 110 },
    // Assumption labels run long: cut at a fixed width so the bars keep their height (the
    // tooltip and the table under the chart give the full label).
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { interval: 0, rotate: 30, width: 130, overflow: 'truncate' },
    },
    series: [
      { type: 'bar', stack: 'w', name: 'base', data: lift, itemStyle: { color: 'transparent' }, silent: true },
      { type: 'bar', stack: 'w', name: rises, data: rise, itemStyle: { color: PALETTE[4] } },
      { type: 'bar', stack: 'w', name: falls, data: fall, itemStyle: { color: PALETTE[1] } },
      { type: 'bar', stack: 'w', name: translate(locale, 'chart.value'), data: ends, itemStyle: { color: PALETTE[2] } },
    ],
  };
}
