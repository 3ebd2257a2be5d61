import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../../shared/contract/index.js';
import { ImportError, scanDelimited } from './scan.js';

/** A header and `n` rows `i,name i,"quoted, i"`, then whatever `tail` adds. */
function csv(n: number, tail = ''): string {
  const lines = ['id,name,note'];
  for (let i = 1; i <= n; i++) lines.push(`${i},name ${i},"quoted, ${i}"`);
  return `${lines.join('\n')}\n${tail}`;
}

async function refusal(text: string, skip = 0): Promise<string> {
  const error = await scanDelimited(text, ',', 'f.csv', { maxCells: 10_000_000, skip }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).message;
}

// The walk builds cell text only for the header and the first 2,000 rows (the sample) and
// counts lengths and fields past them: the checks must hold the same on both sides of that line.
describe('the structure scan', () => {
  it('counts rows, keeps the header and a sample with quotes, commas and newlines inside cells', async () => {
    const text = csv(2, 'x,"two\nlines","say ""hi"""\r\n\n4,,\n');
    const scanned = await scanDelimited(text, ',', 'f.csv');
    expect(scanned.header).toEqual(['id', 'name', 'note']);
    expect(scanned.rows).toBe(4);
    expect(scanned.sample[1]).toEqual(['2', 'name 2', 'quoted, 2']);
    expect(scanned.sample[2]).toEqual(['x', 'two\nlines', 'say "hi"']);
    expect(scanned.sample[3]).toEqual(['4', '', '']);
  });

  it('refuses a cell over the length cap inside the sample and far past it, naming line and column', async () => {
    const long = 'x'.repeat(MAX_TEXT_LENGTH + 1);
    expect(await refusal(csv(10, `11,${long},z\n`))).toBe(
      `f.csv, line 12, column 2: a cell is longer than ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters.`,
    );
    expect(await refusal(csv(5000, `5001,a,"${long}"\n`))).toContain('line 5002, column 3: a cell is longer');
    // Doubled quotes count once: a quoted cell exactly at the cap passes.
    const atCap = `"${'""'.repeat(10)}${'y'.repeat(MAX_TEXT_LENGTH - 10)}"`;
    const ok = await scanDelimited(csv(5000, `5001,a,${atCap}\n`), ',', 'f.csv');
    expect(ok.rows).toBe(5001);
  });

  it('refuses a ragged row and an unclosed quote past the sample, by line', async () => {
    expect(await refusal(csv(4000, '4001,only two\n'))).toBe(
      'f.csv, line 4002: expected 3 fields, found 2. Check the delimiter and quotes.',
    );
    expect(await refusal(csv(4000, '4001,a,"never closed\n4002,b,c\n'))).toBe(
      'f.csv, line 4002: a quote opened here is never closed.',
    );
    expect(await refusal(csv(4000, '4001,a,"closed"then text\n'))).toContain('line 4002: text after a closing quote');
  });

  it('passes over title rows above the header unchecked, and ignores blank lines', async () => {
    const title = `${'t'.repeat(MAX_TEXT_LENGTH + 5)}\n\n`;
    const scanned = await scanDelimited(`${title}${csv(3000, '\n\n')}`, ',', 'f.csv', {
      maxCells: 1_000_000,
      skip: 2,
    });
    expect(scanned.header).toEqual(['id', 'name', 'note']);
    expect(scanned.rows).toBe(3000);
    expect(scanned.start).toBe(title.length);
    expect(scanned.sample).toHaveLength(2000);
  });

  it('stops at the cell cap with its message', async () => {
    const error = await scanDelimited(csv(3000), ',', 'f.csv', { maxCells: 3 * 2500 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('f.csv: more than 7,500 cells; split the file or raise the limit.');
  });
});
