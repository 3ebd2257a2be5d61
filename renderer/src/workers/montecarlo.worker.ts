/// <reference lib="webworker" />
import {
  MonteCarloRun,
  bindData,
  checkModel,
  chunksOf,
  compileEngine,
  mergeChunks,
  monteCarloResult,
  parseDefinition,
} from '../../../shared/model/index.js';
import type { MonteCarloChunkMessage, MonteCarloMessage, MonteCarloRequest } from './protocol.js';

const post = (message: MonteCarloMessage, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);

/** Below this many draws, starting helpers costs more than it saves (as on the command line). */
const HELPED_FROM = 20_000;

/** A helper worker drawing `chunk`, reporting its progress; resolves with its draws. */
function helper(
  request: MonteCarloRequest,
  chunk: { first: number; count: number },
  progress: (done: number) => void,
): Promise<Map<string, Float64Array[]>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./montecarlo-chunk.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<MonteCarloChunkMessage>) => {
      const m = e.data;
      if (m.kind === 'progress') return progress(m.done);
      w.terminate();
      if (m.kind === 'drawn') resolve(new Map(m.samples));
      else reject(new Error(m.message));
    };
    w.onerror = (e) => {
      w.terminate();
      reject(new Error(e.message || 'a Monte Carlo helper failed'));
    };
    w.postMessage({ ...request, chunk });
  });
}

/**
 * Runs Monte Carlo off the main thread, reporting progress; the page cancels by terminating
 * this worker (its helpers go with it). A large run is shared with helper workers, one per
 * further core: each draws a chunk at its place in the one random stream, so the numbers are
 * exactly those of this worker alone.
 */
self.onmessage = async (event: MessageEvent<MonteCarloRequest>) => {
  try {
    const started = performance.now();
    const request = event.data;
    const { definition, tables, base, draws, seed } = request;
    const def = parseDefinition(definition);
    const engine = compileEngine(checkModel(def), bindData(def, tables));
    const cores = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 8));
    const chunks = draws >= HELPED_FROM ? chunksOf(draws, cores) : [{ first: 0, count: draws }];
    const done = chunks.map(() => 0);
    const report = () => post({ kind: 'progress', done: done.reduce((a, b) => a + b, 0), total: draws });
    const helped = chunks.slice(1).map((chunk, k) =>
      helper(request, chunk, (n) => {
        done[k + 1] = n;
        report();
      }),
    );
    const own = chunks[0] as { first: number; count: number };
    const run = new MonteCarloRun(engine, { draws, seed, base: Float64Array.from(base), chunk: own });
    const step = Math.max(500, Math.floor(own.count / 100));
    while (!run.step(step)) {
      done[0] = run.progress.done;
      report();
      // Let the helpers' progress messages in between steps.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    done[0] = own.count;
    report();
    const result = monteCarloResult(mergeChunks([run.chunkSamples(), ...(await Promise.all(helped))]), seed);
    const gapSamples = (result.samples.get('gap_h100e') ?? []).map((a) => Float64Array.from(a));
    post(
      {
        kind: 'done',
        draws: result.draws,
        seed,
        summaries: Object.fromEntries(result.summaries),
        gapSamples,
        ms: performance.now() - started,
        workers: chunks.length,
      },
      gapSamples.map((a) => a.buffer),
    );
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
