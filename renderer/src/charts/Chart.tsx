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
    instance.setOption({ aria: { enabled: true, decal: { show: true } } }, { lazyUpdate: false });
    const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    instance.setOption({ aria: { enabled: true, decal: { show: false } } }, { lazyUpdate: false });
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
      <div ref={box} style={{ height }} role="img" aria-label={title} />
    </figure>
  );
}
