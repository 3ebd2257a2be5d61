import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { builtInWorkbook } from '../../testing/built-in-workbook.js';
import { exportModelWorkbook } from './export.js';

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
