import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from './clipboard.js';

describe('clipboard text', () => {
  it('reads a block copied from Excel, quotes and newlines inside cells included', () => {
    const text = 'Huawei\t1,234.5\t2025-01-01\r\n"multi\nline"\t-3\t\r\n"say ""hi"""\t\tx\r\n';
    expect(parseTsv(text)).toEqual([
      ['Huawei', '1,234.5', '2025-01-01'],
      ['multi\nline', '-3', ''],
      ['say "hi"', '', 'x'],
    ]);
  });
  it('writes what it reads', () => {
    const rows = [
      ['a\tb', 'c"d', 'e\nf'],
      ['1', '', 'x'],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});
