import type { MonteCarloMessage } from '../workers/protocol.js';
import type { AnalysisSlice, GetState, SetState } from './types.js';

/**
 * Monte Carlo lives in the store, not in its panel: a result outlasts a tab switch, and a
 * new run that is cancelled leaves the previous result where it was.
 */
export function analysisSlice(set: SetState, get: GetState): AnalysisSlice {
  let worker: Worker | null = null;
  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  return {
    monteCarlo: { running: null, result: null, error: null },
    runMonteCarlo(draws, seed) {
      const { engine, values, baseValues, def, tables, scenarioState } = get();
      if (!engine || !values || !def) return;
      const changed = values.reduce((n, v, k) => n + (baseValues && v !== baseValues[k] ? 1 : 0), 0);
      stop();
      const w = new Worker(new URL('../workers/montecarlo.worker.ts', import.meta.url), { type: 'module' });
      worker = w;
      const inputs = {
        engine,
        values: Float64Array.from(values),
        scenario: scenarioState?.current.name ?? 'Base',
        changed,
      };
      const patch = (p: Partial<AnalysisSlice['monteCarlo']>) =>
        set((s) => ({ monteCarlo: { ...s.monteCarlo, ...p } }));
      patch({ running: { done: 0, total: draws }, error: null });
      w.onmessage = (e: MessageEvent<MonteCarloMessage>) => {
        if (worker !== w) return; // a run that was cancelled or replaced says nothing more
        const m = e.data;
        if (m.kind === 'progress') patch({ running: { done: m.done, total: m.total } });
        else if (m.kind === 'done') {
          stop();
          patch({ running: null, result: { ...m, inputs } });
        } else {
          stop();
          patch({ running: null, error: m.message });
        }
      };
      w.postMessage({ definition: JSON.stringify(def), tables, base: [...values], draws, seed });
    },
    cancelMonteCarlo() {
      stop();
      set((s) => ({ monteCarlo: { ...s.monteCarlo, running: null } }));
    },
    failMonteCarlo(message) {
      set((s) => ({ monteCarlo: { ...s.monteCarlo, error: message } }));
    },
  };
}
