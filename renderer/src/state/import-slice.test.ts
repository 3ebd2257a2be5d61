import { describe, expect, it } from 'vitest';
import { datasetNameFrom, freeName } from './import-slice.js';

describe('a new dataset id from a file name', () => {
  it('keeps Latin names readable and makes Chinese ones an ASCII id (the label keeps the Chinese)', () => {
    expect(datasetNameFrom('Buyer capex 2026.csv')).toBe('buyer_capex_2026');
    expect(datasetNameFrom('2026 capex.xlsx')).toBe('data_2026_capex');
    // Before: the Chinese part vanished and the id read as if it were the whole name ("gb18030").
    expect(datasetNameFrom('资本开支_gb18030.csv')).toBe('data_gb18030');
    expect(datasetNameFrom('资本开支.csv')).toBe('data');
    expect(datasetNameFrom('华为 Ascend 出货.csv')).toBe('data_ascend');
    expect(freeName('data', ['data', 'data_2'])).toBe('data_3');
  });
});
