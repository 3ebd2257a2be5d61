import type { EventMap, EventName, Reply } from '../../../shared/contract/index.js';
import type { Transport } from './transport.js';

const TOKEN_KEY = 'cgw-token';

/**
 * The host prints a URL with `#token=...`. The fragment never reaches a server; we keep the
 * token for this tab in sessionStorage and remove it from the address bar.
 */
export function takeToken(): string | null {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

type Listener = (payload: unknown) => void;

export function httpTransport(token: string): Transport {
  const listeners = new Map<EventName, Set<Listener>>();
  let streaming = false;

  // Server-sent events read through fetch, so the token goes in a header and never in a URL.
  const stream = async (): Promise<void> => {
    for (;;) {
      try {
        const response = await fetch('api/events', { headers: { 'x-cgw-token': token } });
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1] as EventName | undefined;
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event && data) listeners.get(event)?.forEach((l) => l(JSON.parse(data)));
          }
        }
      } catch {
        // The host restarted or the network blipped: try again shortly.
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  };

  return {
    kind: 'http',
    async upload(file) {
      const response = await fetch(`api/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-cgw-token': token },
        body: file,
      });
      const reply = (await response.json()) as Reply<{ upload: string; name: string }>;
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    async download(id, name) {
      const response = await fetch(`api/download/${id}`, { headers: { 'x-cgw-token': token } });
      if (!response.ok) throw new Error(`The export could not be downloaded (${response.status}).`);
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    async invoke(method, args) {
      let response: Response;
      try {
        response = await fetch('api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-cgw-token': token },
          body: JSON.stringify({ method, args }),
          // Small calls survive the page going away (a save flushed on reload or close).
          keepalive: method === 'scenarios.setCurrent',
        });
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'The workbench host is not reachable. Is it still running?' },
        };
      }
      return (await response.json()) as Reply<unknown>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      if (!streaming) {
        streaming = true;
        void stream();
      }
      return () => set.delete(listener as Listener);
    },
  };
}
