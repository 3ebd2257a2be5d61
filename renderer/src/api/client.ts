import { isText } from '../../../shared/i18n/index.js';
import {
  type Api,
  type Changed,
  type ErrorBody,
  AppError,
  METHOD_NAMES,
  isErrorCode,
} from '../../../shared/contract/index.js';
import { httpTransport, takeToken } from './http.js';
import { type Transport, ipcTransport } from './transport.js';

/**
 * A typed client over any transport: each contract method, resolving to its value or throwing
 * AppError. A reply that says the call changed the workbook is passed to `onChanged` first, so
 * when a write resolves, what depends on it has been reloaded.
 */
export function createClient(transport: Transport, onChanged?: (changed: Changed) => Promise<void>): Api {
  const client: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    client[name] = async (args: unknown) => {
      const reply = await transport.invoke(name, args);
      if (reply.changed && onChanged) await onChanged(reply.changed);
      if (reply.ok) return reply.value;
      const error: ErrorBody = reply.error;
      // A text the catalogue does not know (a newer main process) is dropped: the English message stands.
      const text = isText(error.text) ? error.text : undefined;
      throw new AppError(isErrorCode(error.code) ? error.code : 'INTERNAL', error.message, error.details, text);
    };
  }
  return client as unknown as Api;
}

/** Inside Electron the preload bridge exists; in a browser we talk to the loopback host. */
export function pickTransport(): Transport | null {
  if (window.cgw) return ipcTransport(window.cgw);
  const token = takeToken();
  return token ? httpTransport(token) : null;
}
