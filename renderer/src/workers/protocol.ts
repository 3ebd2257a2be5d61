import type { Attribution, CellRef, CellSummary, DatasetTable, ModelState } from '../../../shared/model/index.js';

/** Messages between the renderer and the Monte Carlo worker. */
export interface MonteCarloRequest {
  definition: string;
  tables: Record<string, DatasetTable>;
  base: number[];
  draws: number;
  seed: number;
}

/** The Monte Carlo worker to a helper it started: draw one chunk of the same run. */
export interface MonteCarloChunkRequest extends MonteCarloRequest {
  chunk: { first: number; count: number };
}

export type MonteCarloChunkMessage =
  | { kind: 'progress'; done: number }
  | { kind: 'drawn'; samples: [string, Float64Array[]][] }
  | { kind: 'error'; message: string };

export type MonteCarloMessage =
  | { kind: 'progress'; done: number; total: number }
  | {
      kind: 'done';
      draws: number;
      seed: number;
      summaries: Record<string, CellSummary[]>;
      /** Every draw of the gap, by year, for the histogram. */
      gapSamples: Float64Array[];
      ms: number;
      /** Workers that drew (this one and its helpers). */
      workers: number;
    }
  | { kind: 'error'; message: string };

/** Messages between the renderer and the attribution worker. */
export interface AttributionRequest {
  definition: string;
  from: ModelState;
  to: ModelState;
  cell: CellRef;
}

export type AttributionMessage = { kind: 'done'; result: Attribution; ms: number } | { kind: 'error'; message: string };
