import { parentPort } from 'node:worker_threads';
import { MonteCarloRun, bindData, checkModel, compileEngine, summarise } from '../../../shared/model/index.js';
import { type FromThread, type ToThread, sharedViews } from './montecarlo-messages.js';

/**
 * One Monte Carlo thread (montecarlo-pool.ts): compiles the model and writes its chunk of the
 * draws into the shared arrays at their places, then summarises the cells it is given.
 */
const port = parentPort;
if (!port) throw new Error('montecarlo-thread runs as a worker thread');
const post = (message: FromThread) => port.postMessage(message);

port.on('message', (message: ToThread) => {
  try {
    const views = sharedViews(message.shared);
    if (message.kind === 'draw') {
      const { definition, tables, base, seed, chunk, shared } = message;
      const engine = compileEngine(checkModel(definition), bindData(definition, tables));
      const outputs = shared.layout.map((l) => l.id);
      const run = new MonteCarloRun(engine, { draws: shared.draws, seed, base, outputs, chunk, into: views });
      const step = Math.max(1_000, Math.floor(chunk.count / 20));
      while (!run.step(step)) post({ kind: 'progress', done: run.progress.done });
      post({ kind: 'drawn' });
    } else {
      const all = [...views.values()].flat();
      post({
        kind: 'summaries',
        summaries: message.cells.map((cell) => ({ cell, summary: summarise(all[cell] as Float64Array) })),
      });
    }
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
