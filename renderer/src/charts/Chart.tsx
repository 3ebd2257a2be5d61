import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useLayoutEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  MarkLineComponent,
  AriaComponent,
  CanvasRenderer,
]);

/** What a screen reader says for a chart: its title and every series it draws. */
function describe(title: string, option: EChartsCoreOption): string {
  const series = (Array.isArray(option['series']) ? option['series'] : []) as { name?: unknown }[];
  const names = series.map((x) => (typeof x.name === 'string' ? x.name : '')).filter(Boolean);
  return names.length > 0 ? `${title}. Series: ${names.join(', ')}.` : title;
}

/** Whether the legend shows every series ("plain") or pages them ("scroll"); none without one. */
function legendKind(option: EChartsCoreOption): string {
  const legend = option['legend'] as { type?: string } | undefined;
  return legend ? (legend.type ?? 'plain') : 'none';
}

interface Props {
  title: string;
  option: EChartsCoreOption;
  testId: string;
  height?: number;
}

/** An ECharts chart that follows its option, resizes with its box and saves itself as PNG. */
export function Chart({ title, option, testId, height = 280 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useLayoutEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // Layout effect: the chart is redrawn in the same frame as the numbers around it.
  useLayoutEffect(() => {
    // lazyUpdate: zrender draws in its next animation frame, the same frame that paints the new numbers.
    // replaceMerge keeps axes, legend and tooltip alive between updates; only what changes is swapped.
    chart.current?.setOption(option, { replaceMerge: ['series', 'xAxis', 'yAxis'], lazyUpdate: true });
  }, [option]);

  const savePng = () => {
    const instance = chart.current;
    if (!instance) return;
    // Patterns make the export readable in grey print; on screen they cost a frame per update.
    // The picture carries its own title (on screen it is the caption above the canvas).
    const grid = (option['grid'] ?? {}) as { top?: number };
    instance.setOption(
      {
        aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
        title: { show: true, text: title, left: 'center', top: 0, textStyle: { fontSize: 13 } },
        ...(option['legend'] ? { legend: { top: 24 } } : {}),
        grid: { top: (grid.top ?? 40) + 24 },
      },
      { lazyUpdate: false },
    );
    const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    instance.setOption(
      {
        aria: { enabled: true, label: { enabled: false }, decal: { show: false } },
        title: { show: false },
        ...(option['legend'] ? { legend: { top: 0 } } : {}),
        grid: { top: grid.top ?? 40 },
      },
      { lazyUpdate: false },
    );
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${title.replace(/[^A-Za-z0-9 _-]+/g, '').trim() || 'chart'}.png`;
    a.click();
  };

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        <span>{title}</span>
        <button type="button" className="small" onClick={savePng} aria-label={`Save ${title} as PNG`}>
          PNG
        </button>
      </figcaption>
      <div
        ref={box}
        style={{ height }}
        role="img"
        aria-label={describe(title, option)}
        data-legend={legendKind(option)}
      />
    </figure>
  );
}
