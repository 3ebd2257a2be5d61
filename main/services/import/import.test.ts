import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/index.js';
import { Db } from '../store/db.js';
import { WorkbookStore } from '../store/workbook-store.js';
import { tempDir } from '../../testing/temp-dir.js';
import { type ImportOptions, importFile } from './import-file.js';
import { xlsxOf, zipOf } from '../../testing/xlsx-fixtures.js';
import { textIn } from '../../../shared/i18n/index.js';

const tmp = tempDir();
let store: WorkbookStore;

beforeAll(async () => {
  store = await WorkbookStore.create(tmp.file('imports.cgw'));
  await store.createDataset({
    dataset: 'prices',
    columns: [
      { name: 'item', type: 'text' },
      { name: 'price', type: 'number' },
    ],
  });
  await store.insertRows('prices', [{ item: 'kept', price: 1 }]);
});
afterAll(async () => {
  await store.close();
  tmp.remove();
});

let n = 0;
function file(name: string, content: string | Uint8Array): string {
  const path = tmp.file(`${n++}-${name}`);
  writeFileSync(path, content);
  return path;
}

async function rows(dataset: string) {
  return (await store.readRows({ dataset, offset: 0, limit: 1000 })).rows.map((r) => r.values);
}

/** The workbook as a user sees it: datasets, their rows, the undo state. */
async function snapshot(): Promise<string> {
  const sets = await store.listDatasets();
  const all = await Promise.all(sets.map(async (d) => [d.name, d.columns.map((c) => c.name), await rows(d.name)]));
  return JSON.stringify([all, await store.info()]);
}

describe('importing files', () => {
  it('brings in Unicode, quotes, commas, newlines, dates, negative and grouped numbers with types detected', async () => {
    const path = file(
      'capex.csv',
      'Company,Capex (bn CNY),When,Note,Units\n阿里巴巴,"1,234.5",2025-03-31,"has ""quotes"", commas\nand a newline",12\nTencent,-12,2024-12-31,=SUM(A1),\n',
    );
    const done = await importFile(store, path, { dataset: 'capex', mode: 'new' });
    expect(done.imported).toBe(2);
    expect(done.columns.map((c) => [c.name, c.type])).toEqual([
      ['company', 'text'],
      ['capex_bn_cny', 'number'],
      ['when', 'date'],
      ['note', 'text'],
      ['units', 'integer'],
    ]);
    expect(await rows('capex')).toEqual([
      {
        company: '阿里巴巴',
        capex_bn_cny: 1234.5,
        when: '2025-03-31',
        note: 'has "quotes", commas\nand a newline',
        units: 12,
        basis: null,
        source: null,
      },
      {
        company: 'Tencent',
        capex_bn_cny: -12,
        when: '2024-12-31',
        note: '=SUM(A1)',
        units: null,
        basis: null,
        source: null,
      },
    ]);
    const meta = await store.getDataset('capex');
    expect(meta.columns.find((c) => c.name === 'capex_bn_cny')?.label).toBe('Capex (bn CNY)');
  });

  it('reads GB18030 and UTF-16 files with the right characters', async () => {
    // "公司,数量\n华为,3\n" in GB18030 bytes.
    const gb = Uint8Array.from([
      0xb9, 0xab, 0xcb, 0xbe, 0x2c, 0xca, 0xfd, 0xc1, 0xbf, 0x0a, 0xbb, 0xaa, 0xce, 0xaa, 0x2c, 0x33, 0x0a,
    ]);
    // Not UTF-8: "auto" finds GB18030 by itself; UTF-8 chosen by name refuses it, pointing to GB18030.
    const found = await importFile(store, file('gb.csv', gb), { dataset: 'gb_auto', mode: 'new' });
    expect(found.columns.map((c) => c.label)).toEqual(['公司', '数量']);
    await expect(
      importFile(store, file('gb.csv', gb), { dataset: 'gb_wrong', mode: 'new', encoding: 'utf-8' }),
    ).rejects.toThrow(/not valid UTF-8.*GB18030/);
    const done = await importFile(store, file('gb.csv', gb), { dataset: 'gb', mode: 'new', encoding: 'gb18030' });
    expect(done.columns.map((c) => c.label)).toEqual(['公司', '数量']);
    expect((await rows('gb'))[0]).toMatchObject({ column_1: '华为', column_2: 3 });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,n\n寒武纪,7\n', 'utf16le')]);
    await importFile(store, file('u16.csv', utf16), { dataset: 'u16', mode: 'new' });
    expect(await rows('u16')).toMatchObject([{ name: '寒武纪', n: 7 }]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name,n\nx,1\n')]);
    expect((await importFile(store, file('bom.csv', bom), { dataset: 'bom', mode: 'new' })).columns[0]?.name).toBe(
      'name',
    );
  });

  it('appends and replaces by column name, checking values against the dataset types', async () => {
    await importFile(store, file('more.csv', 'item,price\nnew,2.5\n'), { dataset: 'prices', mode: 'append' });
    expect((await rows('prices')).map((r) => r.item)).toEqual(['kept', 'new']);
    await importFile(store, file('tsv.tsv', 'item\tprice\nonly\t3\n'), { dataset: 'prices', mode: 'replace' });
    expect((await rows('prices')).map((r) => [r.item, r.price])).toEqual([['only', 3]]);
  });

  it('an append or a replace is one undo step, redone as well; only the last few imports stay undoable', async () => {
    await store.createDataset({ dataset: 'undone', columns: [{ name: 'v', type: 'integer' }] });
    await store.insertRows('undone', [{ v: 1 }]);
    const values = async () => (await rows('undone')).map((r) => r.v);
    const many = `v\n${Array.from({ length: 5000 }, (_, i) => i + 10).join('\n')}\n`;
    await importFile(store, file('many.csv', many), { dataset: 'undone', mode: 'append' });
    const info = await store.info();
    expect(info.canUndo).toBe(true);
    expect(info.undoLabel && textIn('en', info.undoLabel)).toBe('Import into undone (5,000 rows)');
    await store.updateCells('undone', [
      {
        rowId: (await store.readRows({ dataset: 'undone', offset: 0, limit: 1 })).rows[0]?.id ?? 0,
        column: 'v',
        value: 2,
      },
    ]);
    await importFile(store, file('two.csv', 'v\n7\n8\n'), { dataset: 'undone', mode: 'replace' });
    expect(await values()).toEqual([7, 8]);
    await store.undo(); // the replace
    expect((await values()).slice(0, 2)).toEqual([2, 10]);
    const total = async () => (await store.readRows({ dataset: 'undone', offset: 0, limit: 1 })).total;
    expect(await total()).toBe(5001);
    await store.undo(); // the cell edit, on the rows the replace had taken away
    await store.undo(); // the append
    expect(await values()).toEqual([1]);
    await store.redo();
    expect(await total()).toBe(5001);
    // Stash tables live exactly as long as their steps: a new change drops the undone ones.
    const id = (await store.listDatasets()).find((d) => d.name === 'undone')?.id;
    const stashes = async () => (await store.tableNames()).filter((t) => t.startsWith(`_undo_${id}_`)).length;
    expect(await stashes()).toBe(2);
    await store.insertRows('undone', [{ v: 99 }]);
    expect(await stashes()).toBe(1);
    for (let i = 0; i < 4; i++) {
      await importFile(store, file(`one-${i}.csv`, `v\n${i}\n`), { dataset: 'undone', mode: 'append' });
    }
    expect(await stashes()).toBe(3);
    for (let i = 0; i < 3; i++) await store.undo();
    await expect(store.undo()).rejects.toThrow('There is nothing to undo.');
  });

  it('refuses rows that repeat a key the model reads by, in the dataset or in the file, unless allowed', async () => {
    await importFile(store, file('keyed.csv', 'buyer,year,capex\nA,2025,10\nB,2025,20\n'), {
      dataset: 'keyed',
      mode: 'new',
    });
    // A model that reads keyed.capex by buyer and year: the import takes its keys from there.
    const model = JSON.parse(readFileSync('data/model.json', 'utf8')) as { inputs: Record<string, unknown>[] };
    model.inputs[0] = { ...model.inputs[0], dataset: 'keyed', column: 'capex' };
    await store.putDocument('model', JSON.stringify(model));
    const before = await snapshot();
    // Row 2 of the file repeats B 2025, already in the dataset; row 3 and 4 repeat each other.
    const clash = file('clash.csv', 'buyer,year,capex\nC,2025,1\nB,2025,2\nD,2026,3\nD,2026,4\n');
    const attempt = importFile(store, clash, { dataset: 'keyed', mode: 'append' });
    await expect(attempt).rejects.toThrow(
      /clash\.csv, row 2: \d+-keyed would have two rows for buyer B, year 2025 \(3 rows of the file repeat a key\)\. Nothing was imported\./,
    );
    expect(await snapshot()).toBe(before);
    // Replacing: only repeats within the file count, since the old rows go.
    await expect(importFile(store, clash, { dataset: 'keyed', mode: 'replace' })).rejects.toThrow(
      /row 3: .* D, year 2026/,
    );
    // Chosen knowingly, they go in (and the model lists them as problems).
    await importFile(store, clash, { dataset: 'keyed', mode: 'append', allowDuplicateKeys: true });
    expect(await rows('keyed')).toHaveLength(6);
  });

  it('imports JSON arrays of objects and Parquet', async () => {
    await importFile(
      store,
      file(
        'rows.json',
        JSON.stringify([
          { a: 1, b: 'x' },
          { b: 'y', c: true },
        ]),
      ),
      { dataset: 'js', mode: 'new' },
    );
    expect(await rows('js')).toMatchObject([
      { a: 1, b: 'x', c: null },
      { a: null, b: 'y', c: true },
    ]);
    const pq = tmp.file('data.parquet');
    const db = await Db.open(':memory:', false);
    await db.run(`COPY (SELECT range AS id, 'r' || range AS label FROM range(5)) TO '${pq}' (FORMAT PARQUET)`);
    await db.close();
    const done = await importFile(store, pq, { dataset: 'pq', mode: 'new' });
    expect(done.imported).toBe(5);
    expect((await rows('pq'))[4]).toMatchObject({ id: 4, label: 'r4' });
  });

  it('makes hostile headers safe without prototype pollution', async () => {
    const path = file('proto.csv', '__proto__,constructor,prototype,toString\n{"polluted":1},2,3,4\n');
    const done = await importFile(store, path, { dataset: 'proto', mode: 'new' });
    expect(done.columns.map((c) => c.name)).toEqual(['proto', 'constructor_col', 'prototype_col', 'tostring']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const json = file('proto.json', '[{"__proto__":{"polluted":true},"a":1}]');
    await expect(importFile(store, json, { dataset: 'proto_json', mode: 'new' })).rejects.toThrow(/nested values/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** Each refused with its message, the workbook unchanged. */
type Content = string | Uint8Array | (() => Promise<Uint8Array>);
const sheetXml = (body: string) =>
  Buffer.from(
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
  );
const corpus: { name: string; content: Content; options?: Partial<ImportOptions>; message: RegExp }[] = [
  { name: 'ragged.csv', content: 'a,b,c\n1,2,3\n4,5\n', message: /line 3: expected 3 fields, found 2/ },
  { name: 'long-row.csv', content: 'a,b\n1,2,3\n', message: /line 2: expected 2 fields, found 3/ },
  {
    name: 'open-quote.csv',
    content: 'a,b\n1,"never closed\n2,3\n',
    message: /line 2: a quote opened here is never closed/,
  },
  { name: 'after-quote.csv', content: 'a,b\n"x"y,1\n', message: /line 2: text after a closing quote/ },
  { name: 'empty-header.csv', content: 'a,,c\n1,2,3\n', message: /column 2 has no name/ },
  { name: 'dup-header.csv', content: 'Price,price\n1,2\n', message: /columns 1 and 2 have the same name/ },
  { name: 'dup-normalized.csv', content: 'Capex (bn),capex bn\n1,2\n', message: /same name/ },
  { name: 'empty.csv', content: '', message: /is empty/ },
  {
    name: 'bad-utf8.csv',
    content: Uint8Array.from([0x61, 0x0a, 0xff, 0xfe, 0xfd, 0x0a]),
    message: /neither valid UTF-8 nor GB18030/,
  },
  {
    name: 'bad-utf16.csv',
    content: Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41]),
    message: /not valid UTF-16LE|not valid/,
  },
  {
    name: 'long-cell.csv',
    content: `a\n${'x'.repeat(32_768)}\n`,
    message: /line 2, column 1: a cell is longer than 32,767/,
  },
  { name: 'too-many.csv', content: 'a,b\n1,2\n3,4\n5,6\n', options: { maxCells: 4 }, message: /more than 4 cells/ },
  { name: 'not-array.json', content: '{"a":1}', message: /expected an array of objects/ },
  { name: 'not-object.json', content: '[1,2]', message: /row 1: not an object/ },
  { name: 'broken.json', content: '[{"a":1', message: /not valid JSON/ },
  { name: 'nested.json', content: '[{"a":{"b":1}}]', message: /row 1, column a: nested values/ },
  { name: 'fake.parquet', content: 'PAR1 this is not parquet', message: /not a readable Parquet file/ },
  { name: 'not-zip.xlsx', content: 'PK not really', message: /not an XLSX file \(it is not a zip archive\)/ },
  {
    name: 'truncated.xlsx',
    content: async () => (await xlsxOf({ Data: [['a'], [1], [2]] })).slice(0, 2000),
    message: /is truncated: the end of the spreadsheet file is missing/,
  },
  {
    name: 'ratio-bomb.xlsx',
    content: () =>
      Promise.resolve(zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 ** 2, 0x20) }])),
    message: /part xl\/worksheets\/sheet1\.xml expands more than 200 times; refused as a possible zip bomb/,
  },
  {
    name: 'overlapping.xlsx',
    content: () =>
      Promise.resolve(zipOf([{ name: 'xl/workbook.xml', data: Buffer.from('<x/>') }], { duplicateFirst: true })),
    message: /parts overlap or leave gaps/,
  },
  {
    name: 'bad-deflate.xlsx',
    content: () =>
      Promise.resolve(
        zipOf([
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('x'), raw: Buffer.from([0xff, 0xff, 0xff, 0xff]) },
        ]),
      ),
    message: /is damaged: part xl\/worksheets\/sheet1\.xml does not decompress/,
  },
  {
    name: 'encrypted.xlsx',
    content: () => Promise.resolve(zipOf([{ name: 'xl/workbook.xml', data: Buffer.from('<x/>'), flags: 1 }])),
    message: /password-protected/,
  },
  {
    name: 'bad-xml.xlsx',
    content: () =>
      Promise.resolve(
        zipOf([
          {
            name: 'xl/worksheets/sheet1.xml',
            data: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row'),
          },
        ]),
      ),
    message: /is damaged|is empty|no worksheets/,
  },
  {
    name: 'long-cell.xlsx',
    content: () => xlsxOf({ Data: [['a'], ['y'.repeat(40_000)]] }),
    message: /sheet Data, row 2, column 1: a cell is longer than 32,767 characters/,
  },
  {
    name: 'no-such-sheet.xlsx',
    content: () => xlsxOf({ Data: [['a'], [1]] }),
    options: { sheet: 'Capex' },
    message: /has no sheet named "Capex"/,
  },
  {
    name: 'too-many.xlsx',
    content: () =>
      xlsxOf({
        Data: [
          ['a', 'b'],
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      }),
    options: { maxCells: 5 },
    message: /sheet Data: more than 5 cells/,
  },
  {
    name: 'dup-header.xlsx',
    content: () =>
      xlsxOf({
        Data: [
          ['Price', 'PRICE'],
          [1, 2],
        ],
      }),
    message: /columns 1 and 2 have the same name/,
  },
  {
    name: 'bad-append.xlsx',
    content: () =>
      xlsxOf({
        Data: [
          ['item', 'price'],
          ['ok', 1],
          ['bad', 'lots'],
        ],
      }),
    options: { dataset: 'prices', mode: 'append' },
    message: /row 2, column price: "lots" is not a number/,
  },
  { name: 'old.xls', content: 'not read', message: /this spreadsheet format is not read; save it as \.xlsx or CSV/ },
  {
    name: 'header-row-past-end.csv',
    content: 'title\n',
    options: { headerRow: 5 },
    message: /has no header at row 5/,
  },
  {
    name: 'mapped-twice.csv',
    content: 'a,b\nx,1\n',
    options: { dataset: 'prices', mode: 'append', mapping: { a: 'item', b: 'item' } },
    message: /Two columns of the file are mapped to "item"/,
  },
  {
    name: 'bad-append.csv',
    content: 'item,price\nok,1\nbad,lots\n',
    options: { dataset: 'prices', mode: 'append' },
    message: /row 2, column price: "lots" is not a number\. Nothing was imported/,
  },
  {
    name: 'decimal-comma.csv',
    content: 'item,price\nx,"2,5"\n',
    options: { dataset: 'prices', mode: 'append' },
    message: /"2,5" is not a number/,
  },
  {
    name: 'unknown-column.csv',
    content: 'item,colour\nx,red\n',
    options: { dataset: 'prices', mode: 'append' },
    message: /has no column "colour"/,
  },
  {
    name: 'missing-dataset.csv',
    content: 'a\n1\n',
    options: { dataset: 'nope', mode: 'append' },
    message: /no dataset named "nope"/,
  },
  {
    name: 'existing.csv',
    content: 'item\nx\n',
    options: { dataset: 'prices', mode: 'new' },
    message: /already exists/,
  },
  { name: 'bad-name.csv', content: 'a\n1\n', options: { dataset: '1st', mode: 'new' }, message: /dataset name "1st"/ },
  {
    name: 'replace-bad.csv',
    content: 'item,price\nx,NaN-ish\n',
    options: { dataset: 'prices', mode: 'replace' },
    message: /is not a number/,
  },
];

describe('a malformed-file corpus', () => {
  it(`refuses each of ${corpus.length} files with its message and leaves the workbook unchanged`, async () => {
    const heap = process.memoryUsage().rss;
    let peak = heap;
    for (const c of corpus) {
      const before = await snapshot();
      const path = file(c.name, typeof c.content === 'function' ? await c.content() : c.content);
      const error = await importFile(store, path, { dataset: `new_${n}`, mode: 'new', ...c.options }).catch(
        (e: unknown) => e,
      );
      expect(error, c.name).toBeInstanceOf(AppError);
      expect((error as Error).message, c.name).toMatch(c.message);
      expect(await snapshot(), c.name).toBe(before);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    // The 64 MB bomb is stopped about 1 MB into inflating: memory stays bounded.
    expect(peak - heap).toBeLessThan(400 * 1024 ** 2);
  }, 120_000);

  it('never crashes on random bytes: a typed error or a clean import', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const before = await snapshot();
        const result = await importFile(store, file('random.csv', bytes), { dataset: `rnd_${n}`, mode: 'new' }).catch(
          (e: unknown) => e,
        );
        if (result instanceof Error) {
          expect(result).toBeInstanceOf(AppError);
          expect(await snapshot()).toBe(before);
        }
      }),
      { numRuns: 40, seed: 4242 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});

describe('numbers read by DuckDB ahead of the transaction', () => {
  // Cells DuckDB reads as numbers itself, and cells only the checked path reads (grouped
  // thousands, spaces, a whole number written 4.0): either way the same dataset.
  // Reads: one when the read ahead is used, two when DuckDB could not read a number and the
  // checked path read the file again.
  // (Since the direct read, a file is first read straight into the dataset: one read when that
  // works; when it fails, the checked path reads the file once more, without a read ahead.)
  const cases: [string, string, number][] = [
    ['clean', 'item,price,units\na,1.5,3\nb,-0,4\nc,,5\nd,"2.25",6\ne,1e3,7\nf,.5,8\n', 1],
    ['grouped', 'item,price,units\na,"1,234.5",3\nb, 2 ,4\nc,+7,4.0\n', 2],
  ];
  for (const [name, text, reads] of cases) {
    it(`gives the checked path's rows and types (${name})`, async () => {
      const path = file(`${name}.csv`, text);
      const stages: string[] = [];
      const fast = await importFile(store, path, {
        dataset: `ahead_${name}`,
        mode: 'new',
        onStage: (s) => stages.push(s),
      });
      expect(stages.filter((s) => s === 'read')).toHaveLength(reads);
      const checked = await importFile(store, path, { dataset: `checked_${name}`, mode: 'new', checkedOnly: true });
      expect(fast.columns).toEqual(checked.columns);
      expect(await rows(`ahead_${name}`)).toEqual(await rows(`checked_${name}`));
    });
  }

  it('refuses a bad number with the same words, row and column as the checked path', async () => {
    const path = file('bad-number.csv', 'item,price\na,1\nb,NaN\nc,2\n');
    const types = { price: 'number' as const };
    const message = async (checkedOnly: boolean) => {
      try {
        await importFile(store, path, { dataset: `bad_${String(checkedOnly)}`, mode: 'new', types, checkedOnly });
      } catch (error) {
        const text = (error as AppError).text;
        return text ? textIn('en', text) : String(error);
      }
      return 'imported';
    };
    const fast = await message(false);
    expect(fast).toContain('row 2, column price'); // rows counted from the first below the header
    expect(fast).toBe(await message(true));
  });
});

describe('read straight into the dataset by DuckDB, past the head JavaScript checked', () => {
  // 3,000 rows: JavaScript checks the header and the first 2,000 (the sample the types come
  // from); DuckDB reads the whole file into the dataset and must refuse whatever the checked
  // path refuses, so each case puts its trouble at row 2,600.
  const HEAD = 'id,name,price,units,when';
  const line = (i: number) => `${i},item ${i},${i * 1.25},${i % 7},2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
  const fileWith = (at: number, bad: string | null, last?: string) => {
    const lines = [HEAD];
    for (let i = 1; i <= 3000; i++) lines.push(i === at && bad !== null ? bad : line(i));
    if (last !== undefined) lines[lines.length - 1] = last;
    return lines.join('\n') + '\n';
  };
  const variants: [string, string | Uint8Array, number | undefined, number][] = [
    ['clean', fileWith(0, null), undefined, 1],
    ['a word in a number column', fileWith(2600, '2600,item,abc,1,2024-01-01'), undefined, 2],
    ['a fraction in a whole-number column', fileWith(2600, '2600,item,1,1.5,2024-01-01'), undefined, 2],
    ['NaN in a number column', fileWith(2600, '2600,item,NaN,1,2024-01-01'), undefined, 2],
    ['infinity in a number column', fileWith(2600, '2600,item,-inf,1,2024-01-01'), undefined, 2],
    ['a date that is not one', fileWith(2600, '2600,item,1,1,2024-13-45'), undefined, 2],
    ['a short row', fileWith(2600, '2600,item,1'), undefined, 1],
    ['a long row', fileWith(2600, '2600,item,1,1,2024-01-01,extra'), undefined, 1],
    ['a cell too long', fileWith(2600, `2600,${'x'.repeat(40_000)},1,1,2024-01-01`), undefined, 1],
    ['text after a closing quote', fileWith(2600, '2600,"item"x,1,1,2024-01-01'), undefined, 1],
    ['a quote left open', fileWith(0, null, '3000,"item,1,1,2024-01-01'), undefined, 1],
    ['grouped thousands', fileWith(2600, '2600,item,"1,234.5",1,2024-01-01'), undefined, 2],
    ['spaces around a number', fileWith(2600, '2600,item, 7 ,1,2024-01-01'), undefined, 1],
    ['a blank line', fileWith(2600, ''), undefined, 1],
    ['too many cells', fileWith(0, null), 2999 * 5, 1],
    [
      'GB18030 text',
      Buffer.concat([
        Buffer.from(fileWith(0, null).replace('item 2600', '@@'), 'utf8').subarray(
          0,
          fileWith(0, null).indexOf('item 2600'),
        ),
        Buffer.from([0xb0, 0xa2, 0xc0, 0xef]), // 阿里 in GB18030
        Buffer.from(fileWith(0, null).slice(fileWith(0, null).indexOf('item 2600') + 'item 2600'.length), 'utf8'),
      ]),
      undefined,
      1, // within the head's bytes: not UTF-8, so read whole from the start
    ],
  ];
  const outcome = async (dataset: string, path: string, options: Partial<ImportOptions>) => {
    const stages: string[] = [];
    try {
      const done = await importFile(store, path, {
        dataset,
        mode: 'new',
        onStage: (s) => stages.push(s),
        ...options,
      });
      const all = (await store.readRows({ dataset, offset: 0, limit: 5000 })).rows.map((r) => r.values);
      return { reads: stages.filter((s) => s === 'read').length, result: JSON.stringify([done.columns, all]) };
    } catch (error) {
      const text = (error as AppError).text;
      return { reads: stages.filter((s) => s === 'read').length, result: text ? textIn('en', text) : String(error) };
    }
  };
  variants.forEach(([name, content, maxCells, reads], k) => {
    it(`gives what the checked path gives: ${name}`, async () => {
      const path = file(`direct-${k}.csv`, content);
      const before = await snapshot();
      const direct = await outcome(`direct_${k}`, path, { maxCells });
      const refused = !direct.result.startsWith('[');
      if (refused) expect(await snapshot(), 'a refusal changes nothing').toBe(before);
      const checked = await outcome(refused ? `direct_${k}` : `checked_${k}`, path, { maxCells, checkedOnly: true });
      expect(direct.result).toBe(checked.result);
      // DuckDB's direct read always comes first; the checked path reads again only when its
      // whole-file walk in JavaScript found nothing wrong with the structure.
      expect(direct.reads).toBe(reads);
      if (name === 'clean') expect((JSON.parse(direct.result) as unknown[])[1]).toHaveLength(3000);
    });
  });

  it('reads a file the checked way when DuckDB finds it is not UTF-8 past the head', async () => {
    const lines = ['id,name,v'];
    for (let i = 0; i < 60_000; i++) lines.push(`${i},name ${i},${i / 2}`);
    const text = lines.join('\n') + '\n';
    const at = text.indexOf('name 59000');
    expect(at).toBeGreaterThan(1024 * 1024); // past the head JavaScript decodes
    // 阿里 in GB18030: not UTF-8, so DuckDB refuses it and the whole file is decoded as GB18030.
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, at)),
      Buffer.from([0xb0, 0xa2, 0xc0, 0xef]),
      Buffer.from(text.slice(at + 4)),
    ]);
    const path = file('direct-gb.csv', bytes);
    const stages: string[] = [];
    const done = await importFile(store, path, { dataset: 'gb_direct', mode: 'new', onStage: (s) => stages.push(s) });
    expect(done.imported).toBe(60_000);
    expect(stages.filter((s) => s === 'read')).toHaveLength(2);
    const [row] = (await store.readRows({ dataset: 'gb_direct', offset: 59_000, limit: 1 })).rows;
    expect(row?.values['name']).toBe('阿里 59000');
  }, 60_000);

  it('appends after the rows already there, numbering and ordering the new ones as the checked path does', async () => {
    const path = file('direct-append.csv', fileWith(0, null));
    for (const d of ['app_direct', 'app_checked']) {
      await importFile(store, path, { dataset: d, mode: 'new' });
      await store.deleteRows(d, [2, 5]);
    }
    const stages: string[] = [];
    await importFile(store, path, { dataset: 'app_direct', mode: 'append', onStage: (s) => stages.push(s) });
    await importFile(store, path, { dataset: 'app_checked', mode: 'append', checkedOnly: true });
    expect(stages.filter((s) => s === 'read')).toHaveLength(1);
    const read = async (d: string) =>
      (await store.readRows({ dataset: d, offset: 0, limit: 7000 })).rows.map((r) => [r.id, r.values]);
    const direct = await read('app_direct');
    expect(direct).toHaveLength(5998);
    expect(direct).toEqual(await read('app_checked'));
  });

  it('stops at once when cancelled during the read, leaving the workbook as it was', async () => {
    const path = file('direct-cancel.csv', fileWith(0, null));
    const before = await snapshot();
    const control = new AbortController();
    const error = await importFile(store, path, {
      dataset: 'cancelled_direct',
      mode: 'new',
      signal: control.signal,
      onStage: (s) => {
        if (s === 'read') control.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('CANCELLED');
    expect(await snapshot()).toBe(before);
  });

  it("keeps file order across DuckDB's parallel read of a 40 MB file", async () => {
    const lines = ['id,label,v'];
    for (let i = 0; i < 330_000; i++) lines.push(`${i},row number ${i} of the file with some padding text,${i / 4}`);
    const path = file('direct-large.csv', lines.join('\n') + '\n');
    const stages: string[] = [];
    const done = await importFile(store, path, {
      dataset: 'large_direct',
      mode: 'new',
      onStage: (s) => stages.push(s),
    });
    expect(done.imported).toBe(330_000);
    expect(stages.filter((s) => s === 'read')).toHaveLength(1);
    for (const offset of [0, 1, 65_537, 123_456, 200_001, 329_999]) {
      const [row] = (await store.readRows({ dataset: 'large_direct', offset, limit: 1 })).rows;
      expect(row?.values['id'], `row at ${offset}`).toBe(offset);
      expect(row?.id, `row id at ${offset}`).toBe(offset + 1);
    }
  }, 120_000);
});
