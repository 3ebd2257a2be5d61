import type { z } from 'zod';

/** A contract method: the schema its arguments must pass and, as a type only, its result. */
export interface MethodSpec<S extends z.ZodType, R> {
  readonly args: S;
  /** Never set; carries the result type. */
  readonly result?: R;
}

export function method<R>() {
  return <S extends z.ZodType>(args: S): MethodSpec<S, R> => ({ args });
}

export type SpecArgs<T> = T extends MethodSpec<infer S, unknown> ? z.output<S> : never;
export type SpecResult<T> = T extends MethodSpec<z.ZodType, infer R> ? R : never;

/** What a handler learns about the caller; transports fill it in. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'direct';
}

/** The implementation side of a group of methods. */
export type HandlersOf<T> = {
  [K in keyof T]: (args: SpecArgs<T[K]>, ctx: CallContext) => Promise<SpecResult<T[K]>>;
};

/** The calling side of a group of methods. */
export type ClientOf<T> = {
  [K in keyof T]: (args: SpecArgs<T[K]>) => Promise<SpecResult<T[K]>>;
};
