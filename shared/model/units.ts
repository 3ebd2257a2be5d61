/** Units that are plain ratios: any two of them may be added, compared or chosen between. */
const DIMENSIONLESS = new Set(['', 'x', 'share']);

export function unitsAgree(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  return DIMENSIONLESS.has(a) && DIMENSIONLESS.has(b);
}

/** The unit of a value made from two that agree: the first one known. */
export function joinUnits(a: string | null, b: string | null): string | null {
  return a ?? b;
}
