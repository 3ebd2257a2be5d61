import type { EventMap, EventName } from '../../shared/contract/index.js';

export type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Fan-out of pushes to every connected transport (IPC windows, HTTP event streams). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken transport must not stop the others from hearing the event.
      }
    }
  }
}
