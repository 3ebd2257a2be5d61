import { describe, expect, it } from 'vitest';
import { detectHeaderRow } from './header-row.js';

describe('finding the header row', () => {
  it('is the first row of a plain table', () => {
    expect(detectHeaderRow('buyer,year,capex\nA,2025,1\n', ',')).toBe(1);
  });
  it('passes over a title and a blank line above the table', () => {
    expect(detectHeaderRow('Capex by buyer (bn CNY),,\n,,\nbuyer,year,capex\nA,2025,1\nB,2025,2\n', ',')).toBe(3);
  });
  it('passes over a title and a note, in Chinese too', () => {
    const text = '资本开支\n来源：公司公告\n买方;年份;资本开支\n阿里巴巴;2025;130\n';
    expect(detectHeaderRow(text, ';')).toBe(3);
  });
  it('keeps a header of years beside a text column (a wide table)', () => {
    expect(detectHeaderRow('Note: bn CNY\nbuyer,2024,2025\nA,1,2\n', ',')).toBe(2);
  });
  it('does not take a data row for a header when there is none to find', () => {
    expect(detectHeaderRow('1,2,3\n4,5,6\n', ',')).toBe(1);
    expect(detectHeaderRow('only\n', ',')).toBe(1);
  });
});
