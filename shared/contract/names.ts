/**
 * Dataset and column names are identifiers because the model language refers to them
 * (`chips.tflops`). Names that would shadow Object.prototype members are refused so that no
 * record keyed by a user-chosen name can be used for prototype pollution.
 */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);

export function nameProblem(name: string): string | null {
  if (!NAME_PATTERN.test(name)) {
    return 'must start with a letter or _, hold only letters, digits and _, and be at most 63 characters';
  }
  if (RESERVED.has(name) || name.startsWith('_')) return 'is reserved';
  return null;
}
