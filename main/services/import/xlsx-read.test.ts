import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/temp-dir.js';
import { readXlsxSheet } from './xlsx-read.js';
import { xlsxOf } from '../../testing/xlsx-fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('readXlsxSheet with worksheets stored before the shared strings', () => {
  // ExcelJS writes the sheets before sharedStrings.xml, so its streaming reader parks each sheet
  // in a temp file. Skipping a sheet used to delete that file while a read stream was still
  // opening it: an uncaught ENOENT that failed CI under load. Many reads at once make the race
  // likely; the process must see no uncaught error and every read must give the chosen sheet.
  it('reads one sheet of many, 60 times at once, with no uncaught error', async () => {
    const sheets: Record<string, unknown[][]> = {};
    for (let s = 1; s <= 6; s++)
      sheets[`S${s}`] = [['name', 'value'], ...Array.from({ length: 50 }, (_, i) => [`row ${s}-${i}`, i])];
    const path = tmp.file('many.xlsx');
    writeFileSync(path, await xlsxOf(sheets));
    const uncaught: unknown[] = [];
    const listen = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', listen);
    try {
      const reads = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          readXlsxSheet(path, 'many.xlsx', { sheet: `S${(i % 3) + 1}`, maxCells: 10_000 }),
        ),
      );
      // Let any late stream errors surface before looking.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uncaught).toEqual([]);
      reads.forEach((r, i) => {
        expect(r.sheets).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
        expect(r.rows[1]?.[0]).toBe(`row ${(i % 3) + 1}-0`);
        expect(r.rows).toHaveLength(51);
      });
    } finally {
      process.off('uncaughtException', listen);
    }
  });

  it('reads a many-sheet workbook with no shared strings (numbers only)', async () => {
    const sheets: Record<string, unknown[][]> = {};
    for (let s = 1; s <= 7; s++)
      sheets[`N${s}`] = [
        [s, s * 10],
        [s + 1, s * 20],
      ];
    const path = tmp.file('numbers.xlsx');
    writeFileSync(path, await xlsxOf(sheets));
    const read = await readXlsxSheet(path, 'numbers.xlsx', { sheet: 'N6', maxCells: 100 });
    expect(read.sheets).toHaveLength(7);
    expect(read.rows).toEqual([
      ['6', '60'],
      ['7', '120'],
    ]);
  });
});
