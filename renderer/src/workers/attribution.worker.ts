/// <reference lib="webworker" />
import { attribute, checkModel, parseDefinition } from '../../../shared/model/index.js';
import type { AttributionMessage, AttributionRequest } from './protocol.js';

const post = (message: AttributionMessage) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);

/** Attribution off the main thread: up to 2^14 model runs would hold a frame far too long. */
self.onmessage = (event: MessageEvent<AttributionRequest>) => {
  try {
    const started = performance.now();
    const { definition, from, to, cell } = event.data;
    const model = checkModel(parseDefinition(definition));
    post({ kind: 'done', result: attribute(model, from, to, cell), ms: performance.now() - started });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
