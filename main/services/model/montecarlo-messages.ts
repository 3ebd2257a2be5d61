import type { CellSummary, DatasetTable, ModelDefinition } from '../../../shared/model/index.js';

/**
 * Where every output cell's draws live: one SharedArrayBuffer, `draws` numbers per cell, cells
 * in the order of `layout` (each output and its number of cells).
 */
export interface SharedSamples {
  buffer: SharedArrayBuffer;
  draws: number;
  layout: { id: string; cells: number }[];
}

/** What the pool tells a Monte Carlo thread: draw a chunk, then summarise some cells. */
export type ToThread =
  | {
      kind: 'draw';
      definition: ModelDefinition;
      tables: Record<string, DatasetTable>;
      base: Float64Array;
      seed: number;
      chunk: { first: number; count: number };
      shared: SharedSamples;
    }
  | { kind: 'summarise'; shared: SharedSamples; cells: number[] };

export type FromThread =
  | { kind: 'progress'; done: number }
  | { kind: 'drawn' }
  | { kind: 'summaries'; summaries: { cell: number; summary: CellSummary }[] }
  | { kind: 'error'; message: string };

/** The shared draws as arrays by output: cell k of the layout is k * draws .. (k + 1) * draws. */
export function sharedViews(shared: SharedSamples): Map<string, Float64Array[]> {
  let k = 0;
  return new Map(
    shared.layout.map(({ id, cells }) => [
      id,
      Array.from({ length: cells }, () => new Float64Array(shared.buffer, 8 * shared.draws * k++, shared.draws)),
    ]),
  );
}
