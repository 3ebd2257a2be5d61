import { describe, expect, it } from 'vitest';
import { INK, PALETTE } from '../../../shared/charts/options.js';
import { darkOption } from './dark.js';

describe('charts in the dark theme', () => {
  it('swaps ink and the darkest palette colours, keeping formatters and everything else', () => {
    const formatter = (v: number) => `${v}%`;
    const data = new Float64Array([1, 2]);
    const dark = darkOption({
      color: [...PALETTE],
      series: [{ name: 'Demand', lineStyle: { color: INK }, data }],
      yAxis: { axisLabel: { formatter } },
    });
    expect((dark['color'] as string[])[0]).toBe('#8fb3e0');
    expect((dark['color'] as string[])[1]).toBe(PALETTE[1]);
    const series = dark['series'] as { name: string; lineStyle: { color: string }; data: Float64Array }[];
    expect(series[0]?.lineStyle.color).toBe('#e4e7eb');
    expect(series[0]?.name).toBe('Demand');
    expect(series[0]?.data).toBe(data);
    expect((dark['yAxis'] as { axisLabel: { formatter: unknown } }).axisLabel.formatter).toBe(formatter);
  });
});
