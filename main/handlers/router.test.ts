import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/index.js';
import { builtInWorkbook } from '../testing/built-in-workbook.js';
import { createRouter } from './index.js';
import { Router } from './router.js';

const ctx = { transport: 'direct' } as const;
const { session, tmp } = builtInWorkbook();
const { router, events } = createRouter(session);

describe('the router', () => {
  it('refuses unknown methods, including prototype names', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const reply = await router.call(name, {}, ctx);
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('validates arguments before the handler runs, naming the field', async () => {
    const reply = await router.call(
      'datasets.updateCells',
      { dataset: 'chips', edits: [{ rowId: -1, column: 'x', value: 1 }] },
      ctx,
    );
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('BAD_REQUEST');
      expect(reply.error.message).toContain('edits.0.rowId');
    }
    const extra = await router.call('datasets.list', { sneaky: true }, ctx);
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const wrongType = await router.call('datasets.get', { dataset: { toString: 'x' } }, ctx);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('turns a refused edit into an error reply naming where', async () => {
    const page = await router.call('datasets.readRows', { dataset: 'chips', offset: 0, limit: 1 }, ctx);
    expect(page.ok).toBe(true);
    const rowId = page.ok ? (page.value as { rows: { id: number }[] }).rows[0]!.id : -1;
    const reply = await router.call(
      'datasets.updateCells',
      { dataset: 'chips', edits: [{ rowId, column: 'tflops', value: 'lots' }] },
      ctx,
    );
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_VALUE',
        message: 'Chips, row 1 (Nvidia H20), column Dense BF16/FP16 (TFLOPS): "lots" is not a number.',
      },
    });
  });

  it('refuses a duplicate handler name at start and reports missing ones', () => {
    const r = new Router().register({ 'datasets.list': () => Promise.resolve([]) });
    expect(() => r.register({ 'datasets.list': () => Promise.resolve([]) })).toThrow(/registered twice/);
    expect(() => r.assertComplete()).toThrow(/No handler for/);
  });

  it('turns unexpected throws into INTERNAL replies instead of crashing', async () => {
    const r = new Router().register({
      'datasets.list': () => Promise.reject(new Error('disk on fire')),
      'datasets.get': () => Promise.reject(new AppError('NOT_FOUND', 'gone')),
    });
    expect(await r.call('datasets.list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await r.call('datasets.get', { dataset: 'x' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone' },
    });
  });
});

describe('workbooks by name in the workbook folder', () => {
  it('lists, creates from the template and opens workbooks, never outside the folder', async () => {
    const list = await router.call('workbook.list', {}, ctx);
    expect(list).toMatchObject({ ok: true, value: [{ name: 'China AI compute.cgw', current: true }] });
    const created = await router.call('workbook.newFromTemplate', { name: 'Second look' }, ctx);
    expect(created).toMatchObject({ ok: true, value: { name: 'Second look' } });
    expect(await router.call('workbook.newFromTemplate', { name: 'Second look' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    for (const name of ['../escape', 'a/b', '..\\x', '.hidden', '/etc/passwd', 'nul\u0000']) {
      const reply = await router.call('workbook.open', { name }, ctx);
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const back = await router.call('workbook.open', { name: 'China AI compute.cgw' }, ctx);
    expect(back).toMatchObject({ ok: true, value: { name: 'China AI compute' } });
  });

  it('keeps the current workbook open when another is refused', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(tmp.file('broken.cgw'), 'not a workbook at all');
    const reply = await router.call('workbook.open', { name: 'broken.cgw' }, ctx);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_WORKBOOK', message: 'broken.cgw is not a workbook file.' },
    });
    expect(await router.call('workbook.info', {}, ctx)).toMatchObject({
      ok: true,
      value: { name: 'China AI compute' },
    });
  });
});

describe('what the model reads stays where the model reads it', () => {
  it('refuses to rename or delete a dataset or column the model reads; allows everything else', async () => {
    const code = async (method: string, args: unknown) => {
      const reply = await router.call(method, args, ctx);
      return reply.ok ? 'ok' : `${reply.error.code}: ${reply.error.message}`;
    };
    expect(await code('datasets.rename', { dataset: 'buyer_capex', to: 'capex' })).toMatch(
      /^CONFLICT: The model reads dataset "buyer_capex" \(columns buyer, capex_cny_bn, year\); it cannot be renamed/,
    );
    expect(await code('datasets.delete', { dataset: 'chips' })).toMatch(/^CONFLICT: .*cannot be deleted/);
    expect(await code('datasets.deleteColumn', { dataset: 'chip_supply', column: 'units_k' })).toBe(
      'CONFLICT: The model reads column "units_k" of "chip_supply"; it cannot be deleted.',
    );
    expect(await code('datasets.renameColumn', { dataset: 'chips', column: 'tflops', to: 'tf' })).toMatch(/^CONFLICT/);
    // A new label for a column the model reads, and changes to what it does not read, go through.
    expect(
      await code('datasets.renameColumn', { dataset: 'chips', column: 'tflops', to: 'tflops', label: 'Dense TFLOPS' }),
    ).toBe('ok');
    expect(await code('datasets.deleteColumn', { dataset: 'chip_supply', column: 'note' })).toBe('ok');
    expect(await code('datasets.duplicate', { dataset: 'chips', to: 'chips_copy' })).toBe('ok');
    expect(await code('datasets.rename', { dataset: 'chips_copy', to: 'chips_mine' })).toBe('ok');
    expect(await code('datasets.delete', { dataset: 'chips_mine' })).toBe('ok');
    // And the model still runs: the export that found the original bug works.
    expect(await code('export.model', { valuesOnly: true })).toBe('ok');
  });

  it('puts what a write changed in its reply and tells every window the same, reads carry nothing', async () => {
    const heard: unknown[] = [];
    const off = events.subscribe((event, payload) => {
      if (event === 'changed') heard.push(payload);
    });
    const page = await router.call('datasets.readRows', { dataset: 'chip_supply', offset: 0, limit: 1 }, ctx);
    expect(page).not.toHaveProperty('changed');
    const rowId = page.ok ? (page.value as { rows: { id: number }[] }).rows[0]!.id : -1;
    const [a, b] = await Promise.all([
      router.call(
        'datasets.updateCells',
        { dataset: 'chip_supply', edits: [{ rowId, column: 'units_k', value: 5 }] },
        ctx,
      ),
      router.call('scenarios.create', { name: 'Changes test', values: { foundry_yield: 0.5 } }, ctx),
    ]);
    off();
    // Two calls at once: each reply carries its own change, never the other's.
    expect(a).toMatchObject({ ok: true, changed: { changes: { rows: ['chip_supply'] } } });
    expect(b).toMatchObject({ ok: true, changed: { changes: { documents: ['scenarios'] } } });
    expect(heard).toEqual(expect.arrayContaining([a.changed, b.changed]));
    expect(a.changed?.version).not.toBe(b.changed?.version);
  });
});
