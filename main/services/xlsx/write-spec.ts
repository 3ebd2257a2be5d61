import ExcelJS from 'exceljs';
import { type WorkbookSpec, columnLetter } from '../../../shared/model/index.js';
import { writeAtomically } from './safe-write.js';

export interface WriteOptions {
  /** Values only: every formula cell is written as its value. */
  valuesOnly?: boolean;
}

/**
 * Writes a workbook description with ExcelJS's streaming writer (rows go to disk as they are
 * committed, so memory stays flat for large sheets), through a temporary file.
 */
export async function writeWorkbookSpec(spec: WorkbookSpec, target: string, options: WriteOptions = {}): Promise<void> {
  await writeAtomically(target, async (temp) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: temp,
      useStyles: true,
      useSharedStrings: true,
    });
    workbook.creator = 'Compute Gap Workbench';
    workbook.created = new Date();
    // Ask Excel and LibreOffice to recalculate on open, so the formulas, not our cached values, decide.
    workbook.calcProperties = { fullCalcOnLoad: true };
    for (const sheet of spec.sheets) {
      const ws = workbook.addWorksheet(sheet.name, {
        views: [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenCols ?? 0 }],
      });
      ws.columns = sheet.widths.map((width) => ({ width }));
      const byRow = new Map<number, typeof sheet.cells>();
      for (const c of sheet.cells) {
        const list = byRow.get(c.row) ?? [];
        list.push(c);
        byRow.set(c.row, list);
      }
      for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
        const row = ws.getRow(r);
        for (const c of byRow.get(r) ?? []) {
          const cell = row.getCell(c.col);
          if (c.formula !== undefined && !options.valuesOnly) {
            cell.value =
              c.value === null || c.value === undefined
                ? { formula: c.formula }
                : { formula: c.formula, result: c.value as number };
          } else if (c.link) {
            cell.value = { text: String(c.value), hyperlink: c.link };
          } else {
            cell.value = c.value ?? null;
          }
          if (c.numFmt) cell.numFmt = c.numFmt;
          if (c.bold || c.italic) cell.font = { bold: c.bold ?? false, italic: c.italic ?? false };
        }
        row.commit();
      }
      ws.commit();
    }
    if (!options.valuesOnly) {
      for (const n of spec.names) {
        workbook.definedNames.add(`${n.sheet}!$${columnLetter(n.col)}$${n.row}`, n.name);
      }
    }
    await workbook.commit();
  });
}
