import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../import/import-file.js';
import { WorkbookStore } from '../store/workbook-store.js';
import { tempDir } from '../../testing/temp-dir.js';

const ROWS = 200_000;
const KILLS = 8;
const tmp = tempDir();
const workbook = tmp.file('big.cgw');

beforeAll(async () => {
  const lines = ['id,name,value'];
  for (let i = 0; i < ROWS; i++) lines.push(`${i},row ${i},${i * 1.5}`);
  writeFileSync(tmp.file('big.csv'), `${lines.join('\n')}\n`);
  const store = await WorkbookStore.create(workbook);
  await importFile(store, tmp.file('big.csv'), { dataset: 'big', mode: 'new' });
  await store.close();
}, 120_000);
afterAll(() => tmp.remove());

/**
 * Exports in a child process and kills it with SIGKILL `extra` ms after its temporary file
 * appears (so the kill lands while it writes, however fast the machine), or never when
 * `extra` is null.
 */
function exportKilled(extra: number | null, out: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['scripts/cli.mjs', 'export-dataset', '--workbook', workbook, '--dataset', 'big', '--out', out],
      {
        stdio: 'ignore',
      },
    );
    const poll = setInterval(() => {
      if (extra === null) return;
      if (readdirSync(tmp.dir).some((f) => f.endsWith('.partial'))) {
        clearInterval(poll);
        setTimeout(() => child.kill('SIGKILL'), extra);
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(poll);
      resolve();
    });
  });
}

describe('an export killed part way', () => {
  it(`leaves the previous complete file or a complete new one, never a torn one (${KILLS - 1} kills)`, async () => {
    const out = tmp.file('export.csv');
    const previous = 'the previous complete export\n';
    writeFileSync(out, previous);
    const seen = { previous: 0, complete: 0 };
    let killedMidWrite = 0;
    for (let k = 0; k < KILLS; k++) {
      await exportKilled(k === KILLS - 1 ? null : Math.floor(Math.random() * 400), out); // the last one runs to the end
      for (const f of readdirSync(tmp.dir).filter((x) => x.endsWith('.partial'))) {
        killedMidWrite++;
        rmSync(tmp.file(f));
      }
      const text = readFileSync(out, 'utf8');
      if (text === previous) seen.previous++;
      else {
        expect(text.split('\r\n').filter(Boolean)).toHaveLength(ROWS + 1);
        seen.complete++;
        writeFileSync(out, previous);
      }
    }
    console.log(
      `exports: ${KILLS} (${KILLS - 1} killed); previous file intact ${seen.previous}, complete new file ${seen.complete}, torn 0; killed mid-write ${killedMidWrite}`,
    );
    expect(killedMidWrite, 'kills landed while the export was writing').toBeGreaterThan(0);
    expect(seen.complete, 'the export that was not killed replaced the file whole').toBeGreaterThanOrEqual(1);
    expect(seen.previous + seen.complete).toBe(KILLS);
    // Stray temporary files may remain after a kill; the target name never holds a partial file.
    expect(readdirSync(tmp.dir).every((f) => !f.startsWith('export.csv') || f === 'export.csv')).toBe(true);
    expect(existsSync(out)).toBe(true);
  }, 180_000);
});
