import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsCoreOption } from 'echarts/core';
import {
  coverageOption,
  limitsOption,
  shortfallByBuyerOption,
  supplyDemandOption,
} from '../../../shared/charts/options.js';
import { type Engine, MODEL_MONEY, type Money, shownUnit } from '../../../shared/model/index.js';
import { type Locale, translator, unitIn } from '../../../shared/i18n/index.js';
import { chartFontOptions } from './chart-fonts.js';

export interface ChartImage {
  title: string;
  png: Buffer;
  width: number;
  height: number;
}

const WIDTH = 880;
const HEIGHT = 400;

/**
 * One chart as a PNG: ECharts renders the same option the window shows to SVG without a
 * DOM, and resvg rasterises it. Both run in the main process and in the CLI alike.
 */
export function render(title: string, option: EChartsCoreOption, locale: Locale = 'en'): ChartImage {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    const grid = (option['grid'] ?? {}) as Record<string, unknown>;
    const legend = option['legend'] as object | undefined;
    chart.setOption({
      ...option,
      backgroundColor: '#ffffff',
      title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14 } },
      // A picture cannot page a legend: lay it out whole under the title, and leave room for
      // it and for the y-axis name.
      // Without a DOM, ECharts guesses text widths a little short of the real font's: wider gaps.
      legend: legend
        ? {
            ...legend,
            type: 'plain',
            top: 28,
            left: 'center',
            right: undefined,
            itemGap: 26,
            textStyle: { fontSize: 11 },
          }
        : undefined,
      grid: { ...grid, left: 96, top: legend ? 112 : 64 },
    });
    const svg = chart.renderToSVGString();
    // English keeps the DejaVu look it always had; Chinese needs a font with its glyphs.
    const font =
      locale === 'en'
        ? { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
        : chartFontOptions();
    const png = new Resvg(svg, { background: '#ffffff', font }).render().asPng();
    return { title, png, width: WIDTH, height: HEIGHT };
  } finally {
    chart.dispose();
  }
}

/** The What-if view's four charts for one set of results, titled and labelled as the window shows them. */
export function modelChartImages(
  engine: Engine,
  results: Map<string, Float64Array>,
  year: number,
  locale: Locale = 'en',
  money: Money | null = null,
): ChartImage[] {
  const t = translator(locale);
  const unit = unitIn(shownUnit(MODEL_MONEY, money), locale);
  return [
    render(t('whatif.chart.supply'), supplyDemandOption(engine, results, locale), locale),
    render(t('whatif.chart.coverage'), coverageOption(engine, results, locale), locale),
    render(
      t('whatif.chart.buyers', { year, unit }),
      shortfallByBuyerOption(engine, results, year, locale, money),
      locale,
    ),
    render(t('whatif.chart.limits'), limitsOption(engine, results, locale), locale),
  ];
}
