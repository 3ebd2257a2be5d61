/** Every problem with a model is one of these kinds; tests and the UI match on `kind`. */
export type ModelErrorKind =
  'definition' | 'syntax' | 'unknown-name' | 'cycle' | 'dimension' | 'unit' | 'type' | 'prev' | 'data';

/**
 * A problem in a model, naming the variable (or part of the definition) and the 1-based
 * position in its formula where that makes sense.
 */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    readonly where: string,
    readonly detail: string,
    readonly position?: number,
  ) {
    super(`${where}${position !== undefined ? `, at ${position}` : ''}: ${detail}`);
    this.name = 'ModelError';
  }
}
