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
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Translate } from '../../../shared/i18n/index.js';
import { useT } from '../language.js';
import { useApp } from '../state/context.js';
import { useEffectiveTheme } from '../theme.js';
import { darkOption } from './dark.js';
import { drawSoon, forgetDraw } from './draw-queue.js';

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
function describe(title: string, option: EChartsCoreOption, t: Translate): string {
  const series = (Array.isArray(option['series']) ? option['series'] : []) as { name?: unknown }[];
  const names = series.map((x) => (typeof x.name === 'string' ? x.name : '')).filter(Boolean);
  return names.length > 0 ? t('chart.described', { title, series: names.join(', ') }) : title;
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
  /** Called with the category index of a clicked bar or point. */
  onPick?: (index: number) => void;
}

/** An ECharts chart that follows its option and the window's theme, resizes with its box and saves itself as PNG. */
export function Chart({ title, option, testId, height = 280, onPick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const dark = useEffectiveTheme(useApp((s) => s.theme)) === 'dark';
  const t = useT();
  const shown = useMemo(() => (dark ? darkOption(option) : option), [dark, option]);
  const latest = useRef(shown);
  /** The option the canvas shows now: an option already drawn is not drawn again. */
  const drawn = useRef<EChartsCoreOption | null>(null);
  /** Whether the chart is on screen; one that is not is drawn when it comes into view. */
  const visible = useRef(true);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });

  /** Asks for the newest option to be drawn in a coming frame, if it is not on the canvas yet (reads refs only: made once). */
  const redraw = useCallback(() => {
    if (!visible.current || drawn.current === latest.current) return;
    drawSoon(chart, () => {
      const option = latest.current;
      if (!chart.current || drawn.current === option) return;
      // replaceMerge keeps axes, legend and tooltip alive between updates; only what changes is swapped.
      chart.current.setOption(option, { replaceMerge: ['series', 'xAxis', 'yAxis'] });
      drawn.current = option;
    });
  }, []);

  // Made again when the theme changes: ECharts takes its theme at init.
  useLayoutEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    instance.setOption({ backgroundColor: 'transparent', ...latest.current });
    drawn.current = latest.current;
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') pick.current?.(params.dataIndex);
    });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    const seen = new IntersectionObserver((entries) => {
      visible.current = entries.some((e) => e.isIntersecting);
      if (visible.current) redraw();
    });
    seen.observe(box.current);
    return () => {
      observer.disconnect();
      seen.disconnect();
      forgetDraw(chart);
      instance.dispose();
      chart.current = null;
    };
  }, [dark, redraw]);

  useLayoutEffect(() => {
    latest.current = shown;
    redraw();
  }, [shown, redraw]);

  /**
   * The picture is drawn by a second, light chart off screen, whatever the window's theme: it goes
   * into reports and slides. It carries its own title (on screen that is the caption above the
   * canvas) and grey-safe patterns.
   */
  const savePng = () => {
    const width = box.current?.clientWidth ?? 800;
    const holder = document.createElement('div');
    holder.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height + 24}px`;
    document.body.appendChild(holder);
    const shot = echarts.init(holder, undefined, { renderer: 'canvas' });
    let url: string;
    try {
      const grid = (option['grid'] ?? {}) as { top?: number };
      shot.setOption(option);
      shot.setOption({
        animation: false,
        aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
        title: { show: true, text: title, left: 'center', top: 0, textStyle: { fontSize: 13 } },
        ...(option['legend'] ? { legend: { top: 24 } } : {}),
        grid: { top: (grid.top ?? 40) + 24 },
      });
      url = shot.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    } finally {
      shot.dispose();
      holder.remove();
    }
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    // Letters of any script: a Chinese title names the file in Chinese.
    a.download = `${title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'chart'}.png`;
    a.click();
  };

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        <span>{title}</span>
        <button type="button" className="small" onClick={savePng} aria-label={t('chart.savePng', { title })}>
          PNG
        </button>
      </figcaption>
      <div
        ref={box}
        style={{ height }}
        role="img"
        aria-label={describe(title, option, t)}
        data-theme={dark ? 'dark' : 'light'}
        data-legend={legendKind(option)}
      />
    </figure>
  );
}
