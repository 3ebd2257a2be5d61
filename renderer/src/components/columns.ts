import { TIME_DIM } from '../../../shared/model/index.js';
import type { ColDef } from 'ag-grid-community';
import type { CellValue, ColumnMeta } from '../../../shared/contract/index.js';
import { headingIn } from '../../../shared/text/column-heading.js';
import { formatNumber } from '../format.js';
import type { Locale } from '../../../shared/i18n/index.js';
import type { GridRow } from '../state/types.js';
import { SourceCell } from './SourceCell.js';

/** The header in the reader's language: label and unit as they write them ("资本开支 (十亿元)"). */
const header = headingIn;

/** A heading's width in Latin-letter widths: a CJK character takes about two. */
const textWidth = (text: string): number => text.length + (text.match(/[\u3000-\u9fff\uff00-\uffef]/g)?.length ?? 0);

/** One grid column per dataset column, with the editor and format its type calls for. */
export function columnDef(column: ColumnMeta, locale: Locale = 'en'): ColDef<GridRow> {
  const base: ColDef<GridRow> = {
    field: column.name,
    colId: column.name,
    headerName: header(column, locale),
    headerTooltip: [column.name, column.description].filter(Boolean).join(': '),
    editable: true,
    sortable: true,
    filter: true,
    // One condition per column: the store filters large datasets and takes simple conditions.
    filterParams: { maxNumConditions: 1 },
    resizable: true,
  };
  switch (column.type) {
    case 'number':
    case 'integer':
      return {
        ...base,
        cellDataType: 'number',
        // A text editor, not <input type=number> (which turns "abc" into an empty cell): the
        // store types what was typed and refuses what is not a number, as it does for a paste.
        cellEditor: 'agTextCellEditor',
        valueParser: (p) => (typeof p.newValue === 'string' ? p.newValue.trim() : (p.newValue as CellValue)),
        type: 'rightAligned',
        // Years read as 2026, not 2,026.
        valueFormatter: (p) =>
          column.name === TIME_DIM ? String(p.value ?? '') : formatNumber(p.value as number | null, locale),
        width: Math.max(110, textWidth(header(column, locale)) * 8 + 56),
      };
    case 'date':
      return { ...base, cellDataType: 'dateString', cellEditor: 'agDateStringCellEditor', width: 140 };
    case 'boolean':
      return { ...base, cellDataType: 'boolean', cellEditor: 'agCheckboxCellEditor', width: 110 };
    case 'text':
      if (column.name === 'source') {
        return { ...base, cellDataType: 'text', cellRenderer: SourceCell, width: 200 };
      }
      if (column.choices.length > 0) {
        return {
          ...base,
          cellDataType: 'text',
          cellEditor: 'agSelectCellEditor',
          cellEditorParams: { values: ['', ...column.choices] },
          width: 130,
        };
      }
      return {
        ...base,
        cellDataType: 'text',
        cellEditor: column.name === 'note' ? 'agLargeTextCellEditor' : 'agTextCellEditor',
        cellEditorPopup: column.name === 'note',
        tooltipField: column.name === 'note' ? 'note' : undefined,
        flex: column.name === 'note' ? 1 : undefined,
        minWidth: column.name === 'note' ? 220 : 160,
      } as ColDef<GridRow>;
  }
}
