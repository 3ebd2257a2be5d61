import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type MethodName, contract } from '../../shared/contract/index.js';
import { builtInWorkbook } from '../testing/built-in-workbook.js';
import { createRouter } from './index.js';

/**
 * Hostile payloads to every contract method through the real router, store and files: the
 * reply is always a typed one, nothing throws or rejects unhandled, a refused call leaves the
 * workbook as it was, and nothing reaches Object.prototype.
 */
const { session, tmp } = builtInWorkbook();
const { router } = createRouter(session);
const ctx = { transport: 'http' } as const;

/** A well-formed call for each method, so mutations get past the outer checks and deeper in. */
const SEEDS: Record<MethodName, Record<string, unknown>> = {
  'workbook.info': {},
  'workbook.list': {},
  'workbook.open': { name: 'China AI compute' },
  'workbook.newFromTemplate': { name: 'Copy' },
  'workbook.rename': { name: 'Copy', to: 'Copy renamed' },
  'workbook.delete': { name: 'Copy renamed' },
  'workbook.undo': {},
  'workbook.redo': {},
  'workbook.notes': {},
  'workbook.modelVersions': {},
  'workbook.upgrade': {},
  'vintages.list': {},
  'vintages.get': { name: '2025-11' },
  'vintages.snapshot': { name: 'Mine', note: 'a note', date: '2026-11-30' },
  'vintages.delete': { name: 'Mine' },
  'datasets.list': {},
  'datasets.get': { dataset: 'chips' },
  'datasets.create': { dataset: 'fresh', columns: [{ name: 'a', type: 'number' }] },
  'datasets.rename': { dataset: 'chips', to: 'chips2' },
  'datasets.setLabel': { dataset: 'chips', label: 'Chips' },
  'datasets.duplicate': { dataset: 'chips', to: 'chips_copy' },
  'datasets.delete': { dataset: 'nothing_here' },
  'datasets.readRows': {
    dataset: 'chip_supply',
    offset: 0,
    limit: 10,
    sort: [{ column: 'year', direction: 'desc' }],
    filter: [{ column: 'chip', op: 'contains', value: 'Huawei' }],
  },
  'datasets.updateCells': { dataset: 'chip_supply', edits: [{ rowId: 1, column: 'units_k', value: 5 }] },
  'datasets.insertRows': { dataset: 'chip_supply', rows: [{ chip: 'X', year: 2026, units_k: 1 }] },
  'datasets.deleteRows': { dataset: 'chip_supply', rowIds: [999_999] },
  'datasets.paste': { dataset: 'chip_supply', edits: [{ rowId: 2, column: 'note', value: 'p' }], newRows: [] },
  'datasets.addColumn': { dataset: 'chips', column: { name: 'extra', type: 'text' } },
  'datasets.renameColumn': { dataset: 'chips', column: 'note', to: 'remark' },
  'datasets.deleteColumn': { dataset: 'chips', column: 'nothing' },
  'model.definition': {},
  'model.facts': {},
  'model.builtIn': {},
  'model.check': { json: '{"name": "m", "version": 2}' },
  'model.apply': { json: '{"name": "m", "version": 2}' },
  'model.rename': { from: 'capex_scale', to: 'capex_growth' },
  'scenarios.get': {},
  'scenarios.setCurrent': { name: 'Base', values: { hbm_stacks_per_h100e: 6 } },
  'scenarios.create': { name: 'Mine', values: {} },
  'scenarios.update': { name: 'Mine', values: {} },
  'scenarios.rename': { name: 'Mine', to: 'Yours' },
  'scenarios.duplicate': { name: 'Base', to: 'Base copy' },
  'scenarios.delete': { name: 'Import ban' },
  'import.pick': {},
  'import.preview': { upload: 'f'.repeat(24) },
  'import.run': { upload: 'a'.repeat(24), dataset: 'x', mode: 'new' },
  'import.cancel': { upload: 'b'.repeat(24) },
  'import.discard': { upload: 'b'.repeat(24) },
  'export.dataset': { dataset: 'chips', format: 'csv' },
  'export.model': { scenario: 'Base', valuesOnly: true },
  'export.modelDefinition': {},
  'import.model': { upload: 'c'.repeat(24) },
};

const HOSTILE: unknown[] = [
  '__proto__',
  'constructor',
  'prototype',
  '../../../../etc/passwd',
  '..\\..\\Windows\\win.ini',
  '/etc/passwd',
  "'; DROP TABLE _datasets; --",
  '" OR 1=1 --',
  'chip_supply"; DELETE FROM ds_1; --',
  "=cmd|' /C calc'!A0",
  '<script>alert(1)</script>',
  'file:///etc/passwd',
  'a'.repeat(70_000),
  '\u0000',
  '\uD800',
  '',
  ' ',
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53 + 2,
  true,
  null,
  undefined,
  [],
  {},
  [[[[[]]]]],
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  Array.from({ length: 20_000 }, (_, i) => i),
];

const hostile = fc.constantFrom(...HOSTILE);
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'), fc.string());

/** The seed with one field (top level or one level into its first array element) replaced or added. */
const mutated = (seed: Record<string, unknown>) =>
  fc.tuple(fc.nat(), hostile, hostileKey, fc.boolean()).map(([pick, bad, key, nested]) => {
    const copy = structuredClone(seed);
    const keys = Object.keys(copy);
    if (keys.length === 0 || pick % 5 === 0) {
      Object.defineProperty(copy, key, { value: bad, enumerable: true, configurable: true, writable: true });
      return copy;
    }
    const k = keys[pick % keys.length] as string;
    const inner = copy[k];
    if (nested && Array.isArray(inner) && typeof inner[0] === 'object' && inner[0] !== null) {
      const first = inner[0] as Record<string, unknown>;
      const ik = Object.keys(first)[pick % Math.max(1, Object.keys(first).length)] ?? key;
      first[ik] = bad;
    } else copy[k] = bad;
    return copy;
  });

const anyName = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);
const datasetName = fc.oneof(fc.constantFrom('chips', 'chip_supply', 'buyer_capex'), anyName);
const columnName = fc.oneof(
  fc.constantFrom('chip', 'year', 'units_k', 'note', 'basis', 'source', 'vendor', 'buyer', 'capex_cny_bn'),
  anyName,
);
const cell = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: 1990, max: 2040 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('2026-01-31', '2026-02-30', '1,234.5', '=SUM(A1)', 'assumption', 'reported'),
);
const rowIdArb = fc.integer({ min: -1, max: 120 });
const scenarioName = fc.oneof(fc.constantFrom('Base', 'Import ban', 'Mine', 'Yours'), fc.string({ maxLength: 30 }));

/** Values of the right shape for each field, so calls reach the handlers and the store's own checks. */
const TYPED: Record<string, fc.Arbitrary<unknown>> = {
  dataset: datasetName,
  to: fc.oneof(anyName, scenarioName),
  column: fc.oneof(
    columnName,
    fc.record({ name: anyName, type: fc.constantFrom('text', 'number', 'integer', 'date', 'boolean') }),
  ),
  name: fc.oneof(scenarioName, fc.constantFrom('China AI compute', 'Other', '../escape')),
  offset: fc.nat({ max: 200 }),
  limit: fc.integer({ min: 1, max: 50 }),
  edits: fc.array(fc.record({ rowId: rowIdArb, column: columnName, value: cell }), { minLength: 1, maxLength: 6 }),
  rows: fc.array(fc.dictionary(columnName, cell, { maxKeys: 4 }), { minLength: 1, maxLength: 4 }),
  newRows: fc.array(fc.dictionary(columnName, cell, { maxKeys: 4 }), { maxLength: 3 }),
  rowIds: fc.array(rowIdArb, { minLength: 1, maxLength: 6 }),
  before: rowIdArb,
  values: fc.dictionary(
    fc.constantFrom('hbm_stacks_per_h100e', 'capex_multiplier', 'fx_cny_per_usd', 'nope'),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    { maxKeys: 3 },
  ),
  format: fc.constantFrom('csv', 'xlsx'),
  scenario: scenarioName,
  valuesOnly: fc.boolean(),
  mode: fc.constantFrom('new', 'append', 'replace'),
};

/** The seed with every field it has drawn afresh from its type (each kept as it was half the time). */
const typed = (seed: Record<string, unknown>) =>
  fc
    .tuple(...Object.keys(seed).map((k) => fc.option(TYPED[k] ?? fc.constant(seed[k]), { nil: undefined, freq: 2 })))
    .map((drawn) => {
      const copy = structuredClone(seed);
      Object.keys(seed).forEach((k, i) => {
        if (drawn[i] !== undefined) copy[k] = drawn[i];
      });
      return copy;
    });

const methods = fc.constantFrom(...(Object.keys(SEEDS) as MethodName[]));
/** A method and its arguments: anything at all, a seed with one hostile field, or well-typed values. */
const callArb = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...(Object.keys(contract) as MethodName[])) },
        { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString')) },
      ),
      fc.anything({ key: hostileKey, maxDepth: 3, withNullPrototype: true }),
    ),
  },
  { weight: 3, arbitrary: methods.chain((m) => mutated(SEEDS[m]).map((a) => [m, a] as [string, unknown])) },
  { weight: 3, arbitrary: methods.chain((m) => typed(SEEDS[m]).map((a) => [m, a] as [string, unknown])) },
);

/** Each file's content hash, kept while its inode, size and change times stay the same. */
const hashes = new Map<string, { stamp: string; hash: string }>();

/**
 * The workbook folder byte for byte (every file, the write-ahead log included) and which
 * workbook is open: a refused call must not have written anything anywhere. A file is read
 * and hashed again only when its stat says it may have changed (the folder holds several
 * workbooks of 4-7 MB; hashing them all twice a call took the test past ten minutes).
 */
function snapshot(): string {
  const hash = createHash('sha256');
  hash.update(session.current().path);
  for (const name of readdirSync(tmp.dir).sort()) {
    const path = join(tmp.dir, name);
    const st = statSync(path, { bigint: true });
    if (!st.isFile()) continue;
    const stamp = `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    let known = hashes.get(path);
    if (known?.stamp !== stamp) {
      known = { stamp, hash: createHash('sha256').update(readFileSync(path)).digest('hex') };
      hashes.set(path, known);
    }
    hash.update(name);
    hash.update(known.hash);
  }
  return hash.digest('hex');
}

describe('hostile payloads through the router', () => {
  it('always get a typed reply; refused calls change nothing; nothing is polluted', async () => {
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).join();
    let unhandled = 0;
    const onUnhandled = () => void unhandled++;
    process.on('unhandledRejection', onUnhandled);
    let tried = 0;
    let refused = 0;
    let accepted = 0;
    const seed = Number(process.env['CGW_HOSTILE_SEED'] ?? Date.now() % 1_000_000);
    console.log(`hostile payloads: fast-check seed ${seed} (set CGW_HOSTILE_SEED to replay)`);
    try {
      await fc.assert(
        fc.asyncProperty(callArb, async ([method, args]) => {
          tried++;
          const before = snapshot();
          const reply = await router.call(method, args, ctx);
          expect(typeof reply.ok).toBe('boolean');
          if (reply.ok) accepted++;
          else {
            refused++;
            expect(ERROR_CODES).toContain(reply.error.code);
            // INTERNAL would mean a handler fell over on input it should have refused by name.
            expect(reply.error.code, `${method}: ${reply.error.message}`).not.toBe('INTERNAL');
            expect(typeof reply.error.message).toBe('string');
            expect(snapshot(), `${method} was refused but changed the workbook`).toBe(before);
          }
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
          expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(protoKeys);
        }),
        { numRuns: 2500, seed },
      );
      await new Promise((r) => setTimeout(r, 50)); // let any stray rejection surface
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    console.log(
      `hostile payloads: ${tried} tried, ${refused} refused with a typed error, ${accepted} accepted, ${unhandled} unhandled rejections`,
    );
    mkdirSync('e2e/artifacts/figures', { recursive: true });
    writeFileSync(
      'e2e/artifacts/figures/hostile-payloads.json',
      JSON.stringify({ seed, tried, refused, accepted, unhandled, internal: 0 }, null, 2),
    );
    expect(unhandled).toBe(0);
    // Well-typed calls get through to the handlers and the store often enough to matter.
    expect(accepted).toBeGreaterThan(tried / 20);
    expect(refused).toBeGreaterThan(tried / 2);
  }, 600_000);
});
