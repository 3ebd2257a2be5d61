import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createRouter } from '../handlers/index.js';
import { Session } from './session.js';
import { WorkbookStore } from './store/workbook-store.js';
import { sweepUnfinished } from './template.js';
import { tempDir } from '../testing/temp-dir.js';
import { VintageService } from './vintages.js';

const run = promisify(execFile);
const tmp = tempDir();
afterAll(() => tmp.remove());

const REPS = 12;

/** Deterministic "random" kill delays from a printed seed, so a failing run can be repeated. */
function delays(seed: number, n: number, max: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return Math.round((s / 2 ** 32) * max);
  });
}

/** Whole: opens, has the model, the three datasets with their rows, and the shipped vintages. */
async function whole(path: string): Promise<boolean> {
  const store = await WorkbookStore.open(path, { readOnly: true });
  try {
    const sets = (await store.listDatasets()).map((d) => [d.name, d.rowCount]);
    const vintages = (await new VintageService(store).list()).map((v) => v.name);
    return (
      (await store.getDocument('model')) !== null &&
      JSON.stringify(sets) ===
        JSON.stringify([
          ['buyer_capex', 18],
          ['chips', 12],
          ['chip_supply', 33],
        ]) &&
      JSON.stringify(vintages) === JSON.stringify(['2026-06', '2025-11'])
    );
  } finally {
    await store.close();
  }
}

const child = ['--import', 'tsx', 'main/testing/make-workbook.ts'];

describe('making a workbook is whole or absent', () => {
  it(`killed at ${REPS} seeded moments, leaves no broken workbook and no work file after a sweep`, async () => {
    // How long one creation takes here, so the kills land inside it.
    const started = Date.now();
    await run(process.execPath, [...child, tmp.file('timed.cgw')], { timeout: 60_000 });
    const took = Date.now() - started;
    expect(await whole(tmp.file('timed.cgw'))).toBe(true);
    const seed = Date.now() % 100_000;
    console.log(`creation kill test: ${REPS} kills within ${took} ms, seed ${seed}`);
    let made = 0;
    let absent = 0;
    // Up to a little past the time one takes, so some finish: whole-or-absent covers both.
    for (const [rep, wait] of delays(seed, REPS, Math.round(took * 1.3)).entries()) {
      const target = tmp.file(`kill-${rep}.cgw`);
      const proc = spawn(process.execPath, [...child, target], { stdio: 'ignore' });
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, wait));
      proc.kill('SIGKILL');
      await exited;
      if (existsSync(target)) {
        expect(await whole(target), `rep ${rep} (killed after ${wait} ms): a workbook that is there is whole`).toBe(
          true,
        );
        made++;
      } else absent++;
    }
    console.log(`creation kill test: ${made} whole, ${absent} absent, 0 broken`);
    // The next start sweeps what the killed processes left.
    sweepUnfinished(tmp.dir);
    expect(readdirSync(tmp.dir).filter((n) => n.includes('.making-'))).toEqual([]);
  }, 300_000);

  it('a half-made built-in workbook from an older version is moved aside with a note, and a whole one made', async () => {
    const dir = tmp.file('older');
    mkdirSync(dir);
    const half = await WorkbookStore.create(join(dir, 'China AI compute.cgw'));
    await half.createDataset({ dataset: 'buyer_capex', columns: [{ name: 'buyer', type: 'text' }] });
    await half.close();
    const session = new Session();
    try {
      const store = await session.openDefault(dir);
      expect((await store.getDocument('model')) !== null).toBe(true);
      expect(session.notes[0]).toMatch(/was not a whole workbook .* moved aside as "China AI compute \(incomplete /);
      const names = readdirSync(dir).filter((n) => n.endsWith('.cgw'));
      expect(names).toHaveLength(2);
      // The window hears it once, through the contract.
      const { router } = createRouter(session);
      const first = await router.call('workbook.notes', {}, { transport: 'direct' });
      expect(first.ok && first.value).toHaveLength(1);
      const again = await router.call('workbook.notes', {}, { transport: 'direct' });
      expect(again.ok && again.value).toEqual([]);
    } finally {
      await session.close();
    }
    expect(await whole(join(dir, 'China AI compute.cgw'))).toBe(true);
  }, 60_000);
});
