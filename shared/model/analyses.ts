import type { Engine } from './evaluate.js';
import { ModelError } from './errors.js';
import { sampler, seededRandom } from './random.js';
import { coordinate } from './space.js';

/** One cell of one variable: what tornado and goal seek aim at. */
export interface Target {
  variable: string;
  index: number;
}

/** Finds the flat index of a variable's cell from its year and, where it has other dimensions, members. */
export function targetOf(
  engine: Engine,
  variable: string,
  year: number | string,
  members: Record<string, string> = {},
): Target {
  const space = engine.spaceOf(variable);
  for (let i = 0; i < space.length; i++) {
    const ok = space.dims.every((d) => {
      const m = engine.data.members.get(d)?.[coordinate(space, i, d)];
      if (d === engine.model.timeDim) return String(m) === String(year);
      return members[d] !== undefined && String(m) === members[d];
    });
    if (ok) return { variable, index: i };
  }
  const need = space.dims.filter((d) => d !== engine.model.timeDim);
  throw new ModelError(
    'unknown-name',
    `output ${variable}`,
    `no cell for year ${year}${need.length ? ` and ${need.map((d) => `${d}=${members[d] ?? '?'}`).join(', ')}` : ''}`,
  );
}

/** The target cell as a function of the assumptions, computing only what it depends on. */
function valueOf(engine: Engine, target: Target): (assumptions: Float64Array) => number {
  const run = engine.runner([target.variable]);
  return (assumptions) => run(assumptions).get(target.variable)?.[target.index] ?? Number.NaN;
}

// ---- Monte Carlo -----------------------------------------------------------------

export interface MonteCarloOptions {
  draws: number;
  seed: number;
  /** The scenario's assumption values: distributions centre on them. */
  base: Float64Array;
  /** Variables to summarise; the model's headline outputs when absent. */
  outputs?: string[];
  /**
   * Only draws [first, first + count) of the sequence `draws` and `seed` define: one worker's
   * chunk. Their numbers are those a single run of every draw gives at those places, so chunks
   * merged in order (mergeChunks) give the same result whatever the number of workers.
   */
  chunk?: { first: number; count: number };
  /**
   * Arrays of `draws` cells, by output, to write the draws into at their places (memory shared
   * between threads: chunks fill one array each, no merging); the run's own when absent.
   */
  into?: Map<string, Float64Array[]>;
}

export interface CellSummary {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
  /** Share of draws where the value is above zero (for a gap: the probability of a shortage). */
  pPositive: number;
}

export interface MonteCarloResult {
  draws: number;
  seed: number;
  summaries: Map<string, CellSummary[]>;
  /** Every draw of every summarised cell, for histograms: variable -> cell -> draws. */
  samples: Map<string, Float64Array[]>;
}

/** Monte Carlo in steps, so a Worker can report progress and stop between them. */
export class MonteCarloRun {
  private done = 0;
  /** Draws this run makes: all of them, or its chunk's. */
  private readonly count: number;
  /** Where its draws go in the sample arrays: its chunk's place in arrays given, else 0. */
  private readonly first: number;
  private readonly random: () => number;
  private readonly samplers: ((r: () => number) => number)[];
  private readonly vector: Float64Array;
  readonly outputs: string[];
  private readonly samples = new Map<string, Float64Array[]>();
  private readonly run: (assumptions: Float64Array) => ReadonlyMap<string, Float64Array>;
  /** One entry per output cell: the engine buffer it is read from, its index there, its draws. */
  private readonly from: Float64Array[] = [];
  private readonly cell: number[] = [];
  private readonly into: Float64Array[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly options: MonteCarloOptions,
  ) {
    if (!Number.isInteger(options.draws) || options.draws < 1)
      throw new ModelError('definition', 'monte carlo', 'draws must be a whole number of at least 1');
    const { first, count } = options.chunk ?? { first: 0, count: options.draws };
    if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 0 || first + count > options.draws)
      throw new ModelError('definition', 'monte carlo', `chunk ${first}+${count} is outside ${options.draws} draws`);
    this.count = count;
    this.samplers = engine.model.def.assumptions.map((a, i) => sampler(a, options.base[i] ?? a.default));
    this.random = seededRandom(options.seed, first * numbersPerDraw(this.samplers));
    this.vector = new Float64Array(options.base.length);
    this.outputs = options.outputs ?? engine.model.def.outputs;
    this.run = engine.runner(this.outputs);
    const buffers = this.run(this.vector);
    this.first = options.into ? first : 0;
    for (const id of this.outputs) {
      const length = engine.spaceOf(id).length;
      const cells = options.into?.get(id) ?? Array.from({ length }, () => new Float64Array(this.count));
      if (cells.length !== length || cells.some((c) => c.length < this.first + this.count))
        throw new ModelError('definition', 'monte carlo', `the arrays given for ${id} do not fit its cells and draws`);
      this.samples.set(id, cells);
      cells.forEach((into, c) => {
        this.from.push(buffers.get(id) as Float64Array);
        this.cell.push(c);
        this.into.push(into);
      });
    }
  }

  get progress(): { done: number; total: number } {
    return { done: this.done, total: this.count };
  }

  /** Runs up to `count` more draws; true when all are done. */
  step(count: number): boolean {
    const end = Math.min(this.count, this.done + count);
    // Fields read once into locals: this loop runs 100,000 times for a large run.
    const { samplers, random, vector, run, from, cell, into } = this;
    const cells = from.length;
    for (let done = this.done; done < end; done++) {
      for (let k = 0; k < samplers.length; k++) vector[k] = (samplers[k] as (r: () => number) => number)(random);
      run(vector);
      // Each output cell's draws, read from the engine's buffers found once (they are reused).
      const d = this.first + done;
      for (let k = 0; k < cells; k++)
        (into[k] as Float64Array)[d] = (from[k] as Float64Array)[cell[k] as number] as number;
    }
    this.done = end > this.done ? end : this.done;
    return this.done >= this.count;
  }

  /** Every draw so far of every summarised cell (a chunk's, to merge). */
  chunkSamples(): Map<string, Float64Array[]> {
    const from = this.first;
    return new Map([...this.samples].map(([id, cells]) => [id, cells.map((c) => c.subarray(from, from + this.done))]));
  }

  result(): MonteCarloResult {
    return monteCarloResult(this.chunkSamples(), this.options.seed);
  }
}

/** The summary of every cell from every draw (one run's, or chunks merged in order). */
export function monteCarloResult(samples: Map<string, Float64Array[]>, seed: number): MonteCarloResult {
  const summaries = new Map<string, CellSummary[]>();
  let draws = 0;
  for (const [id, cells] of samples) {
    summaries.set(id, cells.map(summarise));
    draws = cells[0]?.length ?? draws;
  }
  return { draws, seed, summaries, samples };
}

/** Percentile by linear interpolation between order statistics (Excel's PERCENTILE.INC). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * The k-th smallest of `a[lo..hi]` (0-based k within the whole array), moving values in place so
 * that everything before k is no larger and everything after no smaller (Hoare's selection):
 * the order statistic a full sort would give, in linear time.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): number {
  while (hi > lo) {
    // Median of three as the pivot: sorted and nearly sorted draws stay linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number,
      y = a[mid] as number,
      z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

/**
 * Percentiles of the draws as PERCENTILE.INC gives them from the sorted draws, found by
 * selection instead of a sort: each needs its two neighbouring order statistics, found from the
 * smallest up, each search starting where the last one left the array partitioned.
 */
function percentilesOf(values: Float64Array, ps: readonly number[]): number[] {
  const a = values.slice();
  const n = a.length;
  if (n === 0) return ps.map(() => Number.NaN);
  const ranks = ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return { h, lo, hi: Math.min(n - 1, lo + 1) };
  });
  const needed = [...new Set(ranks.flatMap((r) => [r.lo, r.hi]))].sort((x, y) => x - y);
  const at = new Map<number, number>();
  let from = 0;
  let selected = -1;
  for (const k of needed) {
    if (k === selected + 1 && selected >= 0) {
      // The next rank after one just selected is the smallest of what lies beyond it: a scan,
      // not another partition (PERCENTILE.INC needs both neighbours of each rank).
      let least = a[k] as number;
      for (let i = k + 1; i < n; i++) if ((a[i] as number) < least) least = a[i] as number;
      at.set(k, least);
    } else {
      at.set(k, select(a, k, from, n - 1));
      selected = k;
    }
    from = k; // everything before k is among the k smallest: higher ranks are at k or after
  }
  return ranks.map(({ h, lo, hi }) => {
    const below = at.get(lo) as number;
    return below + (h - lo) * ((at.get(hi) as number) - below);
  });
}

export function summarise(values: Float64Array): CellSummary {
  // One indexed pass for NaN, mean and share (for...of over a typed array is slower by half).
  const n = values.length;
  let nans = 0;
  let sum = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v !== v) nans++;
    sum += v;
    if (v > 0) positive++;
  }
  // NaN draws (a cell the model cannot compute for some vector) sort last, as Float64Array.sort puts them.
  if (nans > 0) return summariseSorted(values.slice().sort());
  const [p10, p50, p90] = percentilesOf(values, [0.1, 0.5, 0.9]) as [number, number, number];
  return { p10, p50, p90, mean: sum / n, pPositive: positive / n };
}

/** The mean of the draws and the share of them above zero, summed in the order given. */
function meanAndShare(values: Float64Array): { mean: number; pPositive: number } {
  let sum = 0;
  let positive = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    sum += v;
    if (v > 0) positive++;
  }
  return { mean: sum / values.length, pPositive: positive / values.length };
}

/** The summary from fully sorted draws (the reference `summarise` is tested against). */
export function summariseSorted(sorted: Float64Array): CellSummary {
  return {
    p10: percentile(sorted, 0.1),
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    ...meanAndShare(sorted),
  };
}

/**
 * How many random numbers one draw takes: each sampler always takes the same number (normal
 * two, a fixed lognormal none), so a chunk's place in the stream is its first draw times this.
 */
export function numbersPerDraw(samplers: readonly ((r: () => number) => number)[]): number {
  let n = 0;
  const counting = () => {
    n++;
    return 0.5;
  };
  for (const s of samplers) s(counting);
  return n;
}

/** Where each of `workers` chunks of `draws` starts and how many draws it has (first ones larger). */
export function chunksOf(draws: number, workers: number): { first: number; count: number }[] {
  const n = Math.max(1, Math.min(workers, draws));
  const base = Math.floor(draws / n);
  const extra = draws % n;
  let first = 0;
  return Array.from({ length: n }, (_, k) => {
    const count = base + (k < extra ? 1 : 0);
    const chunk = { first, count };
    first += count;
    return chunk;
  });
}

/** Chunks' draws in order, cell by cell: what one run of every draw would have kept. */
export function mergeChunks(chunks: readonly Map<string, Float64Array[]>[]): Map<string, Float64Array[]> {
  const merged = new Map<string, Float64Array[]>();
  const first = chunks[0];
  if (!first) return merged;
  for (const [id, cells] of first) {
    merged.set(
      id,
      cells.map((_, c) => {
        const parts = chunks.map((chunk) => (chunk.get(id) as Float64Array[])[c] as Float64Array);
        const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
          all.set(p, at);
          at += p.length;
        }
        return all;
      }),
    );
  }
  return merged;
}

export function runMonteCarlo(engine: Engine, options: MonteCarloOptions): MonteCarloResult {
  const run = new MonteCarloRun(engine, options);
  run.step(options.draws);
  return run.result();
}

// ---- Tornado ----------------------------------------------------------------------

export interface TornadoBar {
  assumption: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  /** The output with the assumption at its min, and at its max. */
  atMin: number;
  atMax: number;
  swing: number;
}

/** Each assumption at its min and max with the rest at the scenario's values, largest swing first. */
export function tornado(engine: Engine, base: Float64Array, target: Target): { base: number; bars: TornadoBar[] } {
  const valueAt = valueOf(engine, target);
  const centre = valueAt(base);
  const vector = new Float64Array(base);
  const bars = engine.model.def.assumptions.map((a, k) => {
    vector[k] = a.min;
    const atMin = valueAt(vector);
    vector[k] = a.max;
    const atMax = valueAt(vector);
    vector[k] = base[k] as number;
    return {
      assumption: a.id,
      label: a.label,
      unit: a.unit,
      min: a.min,
      max: a.max,
      atMin,
      atMax,
      swing: Math.abs(atMax - atMin),
    };
  });
  bars.sort((x, y) => y.swing - x.swing || x.assumption.localeCompare(y.assumption));
  return { base: centre, bars };
}

// ---- Goal seek --------------------------------------------------------------------

export type GoalSeekResult =
  | { found: true; value: number; achieved: number; iterations: number }
  | { found: false; reason: string; lowest: number; highest: number };

/**
 * The value of one assumption within its range that makes the target cell equal `goal`. The
 * range is scanned in 400 steps for a crossing (the model is piecewise smooth, with kinks from
 * min and max), then bisected. Of several crossings, the one nearest the current value wins.
 */
export function goalSeek(
  engine: Engine,
  base: Float64Array,
  assumption: string,
  target: Target,
  goal: number,
): GoalSeekResult {
  const k = engine.assumptionIds.indexOf(assumption);
  const a = engine.model.def.assumptions[k];
  if (k < 0 || !a) throw new ModelError('unknown-name', 'goal seek', `unknown assumption "${assumption}"`);
  const vector = new Float64Array(base);
  const valueAt = valueOf(engine, target);
  const f = (x: number): number => {
    vector[k] = x;
    return valueAt(vector) - goal;
  };
  const steps = 400;
  const xs: number[] = [];
  const fs: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const x = a.min + ((a.max - a.min) * i) / steps;
    xs.push(x);
    fs.push(f(x));
  }
  const current = base[k] as number;
  let best: [number, number] | null = null;
  for (let i = 0; i < steps; i++) {
    const f0 = fs[i] as number;
    const f1 = fs[i + 1] as number;
    if (f0 === 0 || Math.sign(f0) !== Math.sign(f1)) {
      const interval: [number, number] = [xs[i] as number, xs[i + 1] as number];
      if (!best || Math.abs(interval[0] - current) < Math.abs(best[0] - current)) best = interval;
    }
  }
  if ((fs[steps] as number) === 0) best ??= [xs[steps] as number, xs[steps] as number];
  if (!best) {
    const reached: number[] = [];
    for (const x of xs) {
      vector[k] = x;
      const v = valueAt(vector);
      if (Number.isFinite(v)) reached.push(v);
    }
    const unit = a.unit ? ` ${a.unit}` : '';
    return {
      found: false,
      reason: `no value of ${a.label} between ${a.min} and ${a.max}${unit} reaches ${goal}`,
      lowest: Math.min(...reached),
      highest: Math.max(...reached),
    };
  }
  let [lo, hi] = best;
  let flo = f(lo);
  let iterations = 0;
  while (hi - lo > 1e-13 * Math.max(1, Math.abs(hi)) && iterations < 200) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    iterations++;
    if (fm === 0) {
      lo = hi = mid;
      break;
    }
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  const value = Math.abs(f(lo)) <= Math.abs(f(hi)) ? lo : hi;
  return { found: true, value, achieved: f(value) + goal, iterations };
}
