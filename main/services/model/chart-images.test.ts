import { mkdirSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { builtInWorkbook } from '../../testing/built-in-workbook.js';
import { exportModelWorkbook } from './export.js';
import { render } from './chart-images.js';
import { cjkSansFont } from './chart-fonts.js';

const { session, tmp } = builtInWorkbook();

async function pictures(path: string): Promise<Buffer[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.getWorksheet('Charts');
  expect(sheet, 'a Charts sheet').toBeDefined();
  const media = wb.model.media as unknown as { buffer: Buffer; extension: string }[];
  return (sheet?.getImages() ?? []).map((img) => media[Number(img.imageId)]?.buffer ?? Buffer.alloc(0));
}

/** Width and height from a PNG's header chunk. */
const size = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

describe('chart pictures in the exported model workbook', () => {
  it('holds the four What-if charts as PNGs, drawn from the exported scenario', async () => {
    const base = tmp.file('base.xlsx');
    const ban = tmp.file('ban.xlsx');
    await exportModelWorkbook(session.current(), base, {});
    await exportModelWorkbook(session.current(), ban, { scenario: 'Import ban', valuesOnly: true });
    const a = await pictures(base);
    const b = await pictures(ban);
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(4);
    for (const png of [...a, ...b]) {
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(size(png)).toEqual([880, 400]);
      expect(png.length).toBeGreaterThan(10_000); // drawn, not blank
    }
    // The scenario changes what the supply chart shows.
    expect(a[0]?.equals(b[0] ?? Buffer.alloc(0))).toBe(false);
  }, 60_000);
});

describe('chart pictures in Chinese', () => {
  it('draw Chinese glyphs, not boxes: two different characters give two different pictures', () => {
    // A missing glyph draws as the same empty box whatever the character; real glyphs differ.
    const one = (text: string) =>
      render(text, { xAxis: { type: 'category', data: [] }, yAxis: { type: 'value' }, series: [] }, 'zh-CN').png;
    expect(one('算力缺口').equals(one('覆盖率高'))).toBe(false);
    expect(cjkSansFont(), 'a CJK sans font (apt-get install fonts-noto-cjk)').not.toBeNull();
  });

  it('title, label and unit the exported charts in the window’s language and money unit', async () => {
    const file = tmp.file('zh.xlsx');
    await exportModelWorkbook(session.current(), file, { language: 'zh-CN', money: '100m CNY' });
    const zh = await pictures(file);
    expect(zh).toHaveLength(4);
    const en = await pictures(tmp.file('base.xlsx'));
    // Same data, other words: every picture differs from the English one.
    zh.forEach((png, i) => expect(png.equals(en[i] ?? Buffer.alloc(0))).toBe(false));
    // The sheets people read are in Chinese too; sheet names and formulas stay as spreadsheets need.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const outputs = wb.getWorksheet('Outputs');
    expect(outputs?.getCell(1, 1).text).toBe('中国AI算力供需平衡：主要输出（基准），金额单位：亿元');
    const headings: string[] = [];
    outputs?.eachRow((r) => headings.push(r.getCell(1).text));
    expect(headings).toContain('缺口价值 (亿元)');
    const assumptions = wb.getWorksheet('Assumptions');
    expect(assumptions?.getRow(1).getCell(1).text).toBe('假设');
    const fx: string[] = [];
    assumptions?.eachRow((r) => {
      if (r.getCell(1).text === 'fx_cny_per_usd') fx.push(r.getCell(2).text, r.getCell(4).text);
    });
    expect(fx).toEqual(['汇率', '元/美元']);
    // Model, Checks, Scenarios, Sources and Charts read in Chinese as well.
    const first = (name: string) => wb.getWorksheet(name)?.getCell(1, 1).text;
    expect(first('Model')).toBe('中国AI算力供需平衡：每个变量均为引用 Assumptions 表和数据集表的实时公式，情景 基准');
    expect(first('Checks')).toBe('中国AI算力供需平衡：模型检查（基准）；1 = 成立，0 = 不成立');
    expect(first('Scenarios')).toBe('情景：假设与主要输出（数值；实时公式见 Model 表）');
    expect(first('Sources')).toBe('来源');
    expect(first('Charts')).toBe('情景 基准 的图表（图片；数字见 Outputs 和 Model 表）');
    const column = (name: string) => {
      const texts: string[] = [];
      wb.getWorksheet(name)?.eachRow((r) => texts.push(r.getCell(1).text));
      return texts;
    };
    expect(column('Model')).toContain('算力缺口 [gap_h100e] (千 H100当量)');
    expect(column('Checks').some((t) => t.startsWith('不成立时：'))).toBe(true);
    expect(column('Scenarios')).toContain('汇率');
    expect(wb.getWorksheet('Scenarios')?.getRow(3).values).toContain('进口禁令');
    // No English heading words left on those sheets' first columns (ids in brackets aside).
    for (const name of ['Model', 'Checks', 'Scenarios']) {
      const english = column(name)
        .map((t) => t.replace(/\[[a-z0-9_]+\]/g, '').replace(/\b(H100|HBM|SMIC|CNY|USD|TFLOPS|AI|H200|Base)\b/g, ''))
        .filter((t) => /\b(value|Fails|Assumption|Output|Year|scenario|warning|error)\b/.test(t));
      expect(english, name).toEqual([]);
    }
    mkdirSync('e2e/artifacts', { recursive: true });
    writeFileSync('e2e/artifacts/61-chart-zh.png', zh[2] ?? Buffer.alloc(0));
  }, 60_000);
});
