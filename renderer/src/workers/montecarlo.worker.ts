/// <reference lib="webworker" />
import { MonteCarloRun, bindData, checkModel, compileEngine, parseDefinition } from '../../../shared/model/index.js';
import type { MonteCarloMessage, MonteCarloRequest } from './protocol.js';

const post = (message: MonteCarloMessage, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);

/** Runs Monte Carlo off the main thread in chunks, reporting progress; the page cancels by terminating the worker. */
self.onmessage = (event: MessageEvent<MonteCarloRequest>) => {
  try {
    const started = performance.now();
    const { definition, tables, base, draws, seed } = event.data;
    const def = parseDefinition(definition);
    const engine = compileEngine(checkModel(def), bindData(def, tables));
    const run = new MonteCarloRun(engine, { draws, seed, base: Float64Array.from(base) });
    const chunk = Math.max(500, Math.floor(draws / 100));
    while (!run.step(chunk)) post({ kind: 'progress', ...run.progress });
    post({ kind: 'progress', ...run.progress });
    const result = run.result();
    const gapSamples = (result.samples.get('gap_h100e') ?? []).map((a) => Float64Array.from(a));
    post(
      {
        kind: 'done',
        draws: result.draws,
        seed,
        summaries: Object.fromEntries(result.summaries),
        gapSamples,
        ms: performance.now() - started,
      },
      gapSamples.map((a) => a.buffer),
    );
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
