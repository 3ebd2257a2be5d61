import ExcelJS from 'exceljs';
import { type WorkbookSpec, columnLetter } from '../../../shared/model/index.js';
import { writeAtomically } from './safe-write.js';

export interface WriteOptions {
  /** Values only: every formula cell is written as its value. */
  valuesOnly?: boolean;
  /** Pictures for a Charts sheet, placed one under another. */
  images?: { title: string; png: Buffer; width: number; height: number }[];
  /** Named in the Charts sheet's heading. */
  /** The Charts sheet's heading, in the reader's language. */
  chartsTitle?: string;
}

/**
 * Print setup for every sheet, so a PDF of the workbook is readable: landscape, A4, fit to
 * one page wide (as many tall as it takes), frozen header rows repeated on each page.
 */
function printSetup(headerRows: number): Partial<ExcelJS.PageSetup> {
  return {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: false,
    printTitlesRow: `1:${Math.max(1, headerRows)}`,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
}

/**
 * Writes a workbook description through a temporary file. The model workbook is small (the
 * model, the datasets it reads, scenarios, sources), so ExcelJS's in-memory writer is used:
 * only it anchors pictures in a sheet. Large dataset exports use the streaming writer instead
 * (services/export/dataset-export.ts).
 */
export async function writeWorkbookSpec(spec: WorkbookSpec, target: string, options: WriteOptions = {}): Promise<void> {
  await writeAtomically(target, async (temp) => {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Compute Gap Workbench';
    workbook.created = new Date();
    // Ask Excel and LibreOffice to recalculate on open, so the formulas, not our cached values, decide.
    workbook.calcProperties = { fullCalcOnLoad: true };
    for (const sheet of spec.sheets) {
      const ws = workbook.addWorksheet(sheet.name, {
        views: [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenCols ?? 0 }],
        pageSetup: printSetup(sheet.frozenRows),
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
      }
    }
    if (options.images && options.images.length > 0) {
      const ws = workbook.addWorksheet('Charts', {
        views: [{ state: 'frozen', ySplit: 1 }],
        // One chart a page: fit to width only, with a page break after each picture.
        pageSetup: { ...printSetup(1), fitToHeight: 0 },
      });
      ws.getCell(1, 1).value = options.chartsTitle ?? 'Charts';
      ws.getCell(1, 1).font = { bold: true };
      let top = 2;
      for (const image of options.images) {
        const id = workbook.addImage({ buffer: image.png as unknown as ExcelJS.Buffer, extension: 'png' });
        ws.addImage(id, { tl: { col: 0.2, row: top }, ext: { width: image.width, height: image.height } });
        top += Math.ceil(image.height / 20) + 2; // default rows are 20 px tall
        ws.getRow(top).addPageBreak();
      }
    }
    if (!options.valuesOnly) {
      for (const n of spec.names) {
        workbook.definedNames.add(`${n.sheet}!$${columnLetter(n.col)}$${n.row}`, n.name);
      }
    }
    await workbook.xlsx.writeFile(temp);
  });
}
