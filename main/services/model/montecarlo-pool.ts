import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type CellSummary,
  type DatasetTable,
  type ModelDefinition,
  type MonteCarloResult,
  MonteCarloRun,
  bindData,
  checkModel,
  chunksOf,
  compileEngine,
} from '../../../shared/model/index.js';
import { type FromThread, type SharedSamples, type ToThread, sharedViews } from './montecarlo-messages.js';

export interface MonteCarloJob {
  definition: ModelDefinition;
  tables: Record<string, DatasetTable>;
  base: Float64Array;
  draws: number;
  seed: number;
  outputs?: string[];
}

/** Below this many draws, starting threads costs more than it saves. */
export const THREADED_FROM = 20_000;

/** The thread's code bundled from its TypeScript, once per process (running from sources only). */
let fromSources: string | null = null;

/**
 * Starts one Monte Carlo thread. From the command line's bundle the thread is the bundled
 * montecarlo-thread.js beside this code (scripts/build-node.mjs builds both). From the sources
 * (tests, the bench) a worker cannot load TypeScript (tsx's loader does not reach worker
 * threads on Node 20), so the thread is bundled here with esbuild, once, and run from memory.
 */
async function startThread(): Promise<Worker> {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./montecarlo-thread.js', import.meta.url));
  if (fromSources === null) {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [fileURLToPath(new URL('./montecarlo-thread.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    fromSources = out.outputFiles[0]?.text ?? '';
  }
  return new Worker(fromSources, { eval: true });
}

/** Sends `message` and resolves with the first answer that is not progress. */
function ask(
  worker: Worker,
  message: ToThread,
  onProgress: (done: number) => void,
): Promise<Exclude<FromThread, { kind: 'progress' | 'error' }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromThread) => {
      if (m.kind === 'progress') return onProgress(m.done);
      cleanup();
      if (m.kind === 'error') reject(new Error(m.message));
      else resolve(m);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`a Monte Carlo thread stopped (exit code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(message);
  });
}

/**
 * Monte Carlo on every core: each thread draws one chunk of the draws (seeded by its place in
 * the one random stream, so the result is the same whatever the number of threads, and the
 * same as one thread's) straight into shared arrays at their places, then the threads
 * summarise a share of the cells each, read in place: nothing is copied or merged. Fewer than
 * THREADED_FROM draws, or one core, run here in this thread.
 */
export async function runMonteCarloThreaded(
  job: MonteCarloJob,
  options: { threads?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<MonteCarloResult> {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 16));
  const report = options.onProgress ?? (() => undefined);
  const { definition, tables, base, draws, seed, outputs } = job;
  if (threads === 1 || draws < THREADED_FROM) {
    const engine = compileEngine(checkModel(definition), bindData(definition, tables));
    const run = new MonteCarloRun(engine, { draws, seed, base, ...(outputs ? { outputs } : {}) });
    while (!run.step(10_000)) report(run.progress.done, draws);
    report(draws, draws);
    return run.result();
  }
  // The outputs' cells, from the model compiled here (a few milliseconds), size the shared arrays.
  const engine = compileEngine(checkModel(definition), bindData(definition, tables));
  const layout = (outputs ?? definition.outputs).map((id) => ({ id, cells: engine.spaceOf(id).length }));
  const cellCount = layout.reduce((n, l) => n + l.cells, 0);
  const shared: SharedSamples = { buffer: new SharedArrayBuffer(8 * draws * cellCount), draws, layout };
  const chunks = chunksOf(draws, threads);
  const workers = await Promise.all(chunks.map(() => startThread()));
  try {
    const done = chunks.map(() => 0);
    await Promise.all(
      chunks.map((chunk, k) =>
        ask(workers[k] as Worker, { kind: 'draw', definition, tables, base, seed, chunk, shared }, (n) => {
          done[k] = n;
          report(
            done.reduce((a, b) => a + b, 0),
            draws,
          );
        }),
      ),
    );
    report(draws, draws);
    // Summaries (percentiles by selection) share out by cell, round robin, read in place.
    const cells = Array.from({ length: cellCount }, (_, i) => i);
    const answers = await Promise.all(
      workers.map((w, k) =>
        ask(w, { kind: 'summarise', shared, cells: cells.filter((i) => i % workers.length === k) }, () => undefined),
      ),
    );
    const flat: CellSummary[] = Array.from({ length: cellCount }, () => EMPTY);
    for (const answer of answers)
      if (answer.kind === 'summaries') for (const { cell, summary } of answer.summaries) flat[cell] = summary;
    const samples = sharedViews(shared);
    let k = 0;
    const summaries = new Map([...samples].map(([id, list]) => [id, list.map(() => flat[k++] as CellSummary)]));
    return { draws, seed, summaries, samples };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const EMPTY: CellSummary = {
  p10: Number.NaN,
  p50: Number.NaN,
  p90: Number.NaN,
  mean: Number.NaN,
  pPositive: Number.NaN,
};
