import type { EChartsCoreOption } from 'echarts/core';
import { INK, INK_SOFT, PALETTE } from '../../../shared/charts/options.js';

/**
 * Colours of the shared chart options that vanish on a dark background (black ink, the navy and
 * wine of the palette), and what the dark theme draws instead. Exported pictures stay light.
 */
const SWAP = new Map<string, string>([
  [INK, '#e4e7eb'],
  [INK_SOFT, '#a8b3bf'],
  [PALETTE[0], '#8fb3e0'],
  [PALETTE[5], '#e0686e'],
  [PALETTE[7], '#b39cc4'],
]);

function swap(value: unknown): unknown {
  if (typeof value === 'string') return SWAP.get(value) ?? value;
  if (Array.isArray(value)) return value.map(swap);
  // Plain objects only: formatters, typed arrays and the like are passed through as they are.
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
  }
  return value;
}

export function darkOption(option: EChartsCoreOption): EChartsCoreOption {
  return swap(option) as EChartsCoreOption;
}
