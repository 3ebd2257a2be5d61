import { AsyncLocalStorage } from 'node:async_hooks';
import {
  AppError,
  type Changed,
  type CallContext,
  type ErrorBody,
  type Handlers,
  type MethodName,
  type Reply,
  contract,
  isMethodName,
  mergeChanges,
} from '../../shared/contract/index.js';

type AnyHandler = (args: unknown, ctx: CallContext) => Promise<unknown>;

function validationMessage(method: string, issues: { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return `Invalid arguments for ${method}.`;
  const where = first.path.length ? first.path.map(String).join('.') : 'arguments';
  return `Invalid arguments for ${method}: ${where}: ${first.message}.`;
}

/**
 * The one entry point both transports call. It refuses unknown methods, validates the
 * arguments against the contract's schema before any handler runs, and always answers
 * with an envelope: a handler's throw becomes an error reply, never a crash.
 */
export class Router {
  private readonly table = new Map<MethodName, AnyHandler>();
  /** The changes made while each call runs, found through the async context the call started. */
  private readonly calls = new AsyncLocalStorage<Changed[]>();

  /**
   * A change was made (the session says so): it belongs to the call running in this async
   * context, if any, and goes back in that call's reply. Changes made outside a call (a menu
   * command) reach windows through the `changed` event only.
   */
  noteChange(changed: Changed): void {
    this.calls.getStore()?.push(changed);
  }

  register(domain: Partial<Handlers>): this {
    for (const [name, handler] of Object.entries(domain)) {
      if (!isMethodName(name)) throw new Error(`Handler "${name}" is not in the contract.`);
      if (this.table.has(name)) throw new Error(`Handler "${name}" is registered twice.`);
      this.table.set(name, handler as AnyHandler);
    }
    return this;
  }

  /** Fails at start when a contract method has no handler. */
  assertComplete(): this {
    const missing = Object.keys(contract).filter((name) => !this.table.has(name as MethodName));
    if (missing.length) throw new Error(`No handler for: ${missing.join(', ')}`);
    return this;
  }

  async call(method: unknown, rawArgs: unknown, ctx: CallContext): Promise<Reply<unknown>> {
    const made: Changed[] = [];
    const reply = await this.calls.run(made, () => this.answer(method, rawArgs, ctx));
    if (made.length === 0) return reply;
    const changed = made.reduce((a, b) => ({
      version: Math.max(a.version, b.version),
      changes: mergeChanges(a.changes, b.changes),
    }));
    return { ...reply, changed };
  }

  private async answer(method: unknown, rawArgs: unknown, ctx: CallContext): Promise<Reply<unknown>> {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 80)}` },
      };
    }
    const handler = this.table.get(method);
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `No handler for ${method}.` } };
    const parsed = contract[method].args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: validationMessage(method, parsed.error.issues) } };
    }
    try {
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (error) {
      return { ok: false, error: toErrorBody(error) };
    }
  }
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}
