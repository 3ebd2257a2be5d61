import type { AssumptionDef } from './definition.js';

/**
 * A small, fast, seedable generator (mulberry32): the same seed gives the same draws everywhere.
 * Its state moves by one constant per number, so `skip` jumps straight to the stream `skip`
 * numbers later: a worker can start at its chunk of draws and get exactly the numbers one
 * thread running every draw would have given there.
 */
export function seededRandom(seed: number, skip = 0): () => number {
  let a = (seed + Math.imul(skip >>> 0, 0x6d2b79f5)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box-Muller; one pair per two calls would save work but complicate replay. */
function standardNormal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Inverse CDF of triangular(min, mode, max). */
export function triangular(u: number, min: number, mode: number, max: number): number {
  if (max <= min) return min;
  const c = (mode - min) / (max - min);
  return u < c
    ? min + Math.sqrt(u * (max - min) * (mode - min))
    : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/**
 * A sampler for one assumption around `centre` (the scenario's value). Triangular is
 * (min, centre, max); uniform is (min, max); normal has mean centre and sd given or a sixth
 * of the range; lognormal has median centre. Draws are kept inside [min, max].
 */
export function sampler(a: AssumptionDef, centre: number): (random: () => number) => number {
  const mode = Math.min(a.max, Math.max(a.min, centre));
  const clamp = (x: number): number => Math.min(a.max, Math.max(a.min, x));
  switch (a.distribution.kind) {
    case 'uniform':
      return (r) => a.min + r() * (a.max - a.min);
    case 'normal': {
      const sd = a.distribution.sd ?? (a.max - a.min) / 6;
      return (r) => clamp(mode + sd * standardNormal(r));
    }
    case 'lognormal': {
      const sd = a.distribution.sd ?? 0.25;
      if (mode <= 0) return () => mode;
      return (r) => clamp(mode * Math.exp(sd * standardNormal(r)));
    }
    case 'triangular':
      return (r) => triangular(r(), a.min, mode, a.max);
  }
}
