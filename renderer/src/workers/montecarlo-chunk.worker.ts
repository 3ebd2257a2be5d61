/// <reference lib="webworker" />
import { MonteCarloRun, bindData, checkModel, compileEngine, parseDefinition } from '../../../shared/model/index.js';
import type { MonteCarloChunkMessage, MonteCarloChunkRequest } from './protocol.js';

const post = (message: MonteCarloChunkMessage, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);

/**
 * A helper of the Monte Carlo worker: draws one chunk of its run (at the chunk's place in the
 * one random stream) and hands the draws back. It goes when the Monte Carlo worker goes.
 */
self.onmessage = (event: MessageEvent<MonteCarloChunkRequest>) => {
  try {
    const { definition, tables, base, draws, seed, chunk } = event.data;
    const def = parseDefinition(definition);
    const engine = compileEngine(checkModel(def), bindData(def, tables));
    const run = new MonteCarloRun(engine, { draws, seed, base: Float64Array.from(base), chunk });
    const step = Math.max(500, Math.floor(chunk.count / 50));
    while (!run.step(step)) post({ kind: 'progress', done: run.progress.done });
    const samples = [...run.chunkSamples()];
    post(
      { kind: 'drawn', samples },
      samples.flatMap(([, cells]) => cells.map((c) => c.buffer)),
    );
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
