import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningHost, startHost } from '../../e2e/host.js';
import type { Reply } from '../../shared/contract/index.js';
import { tempDir } from '../testing/temp-dir.js';
import { TOKEN_HEADER } from './server.js';

/**
 * Crash safety, measured: the host runs as a real child process on a real workbook file, is
 * sent a burst of cell edits, and is killed with SIGKILL at a random moment. After a restart
 * every edit the host acknowledged must be there and the workbook must open cleanly. The same
 * for imports: a killed import is either wholly there or not at all.
 *
 * CGW_KILL_REPS raises the count for a longer run (20 in CI; see SECURITY.md).
 */
const REPS = Number(process.env['CGW_KILL_REPS'] ?? 20);
const IMPORT_REPS = Number(process.env['CGW_IMPORT_KILL_REPS'] ?? 5);
const tmp = tempDir();
afterAll(() => tmp.remove());

async function call<T>(host: RunningHost, method: string, args: unknown): Promise<Reply<T>> {
  const response = await fetch(`${host.url}api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify({ method, args }),
  });
  return (await response.json()) as Reply<T>;
}

async function value<T>(host: RunningHost, method: string, args: unknown): Promise<T> {
  const reply = await call<T>(host, method, args);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value;
}

interface Page {
  rows: { id: number; values: Record<string, unknown> }[];
  total: number;
}

/** Bytes in the work folders whose names start with `prefix` (a process id and a dash). */
function bytesUnder(root: string, prefix: string): number {
  if (!existsSync(root)) return 0;
  let total = 0;
  const walk = (path: string): void => {
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else total += st.size;
  };
  for (const name of readdirSync(root)) if (name.startsWith(prefix)) walk(join(root, name));
  return total;
}

/** Figures for SECURITY.md, kept beside the screenshots of the run. */
function figures(name: string, data: object): void {
  mkdirSync('e2e/artifacts/figures', { recursive: true });
  writeFileSync(`e2e/artifacts/figures/${name}.json`, JSON.stringify(data, null, 2));
}

/** Deterministic "random" kill delays, printed, so a failing run can be repeated. */
function delays(seed: number, n: number, min: number, max: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return min + (s % (max - min));
  });
}

describe('crash safety under SIGKILL', () => {
  it(
    `keeps every acknowledged cell edit across ${REPS} kills`,
    async () => {
      const data = join(tmp.dir, 'edits');
      const seed = Date.now() % 100_000;
      const waits = delays(seed, REPS, 100, 1500);
      console.log(`kill test: ${REPS} kills, seed ${seed}`);
      let acknowledged = 0;
      let lost = 0;
      let host = await startHost(data);
      const rowIds = (
        await value<Page>(host, 'datasets.readRows', { dataset: 'chip_supply', offset: 0, limit: 100 })
      ).rows.map((r) => r.id);
      for (let rep = 1; rep <= REPS; rep++) {
        // Edit k of this rep writes rep*100000 + k into row k mod 30: later edits of a row are larger.
        const lastAcked = new Map<number, number>();
        let stop = false;
        const burst = (async () => {
          for (let k = 0; !stop; k++) {
            const rowId = rowIds[k % rowIds.length] as number;
            const v = rep * 100_000 + k;
            try {
              const reply = await call(host, 'datasets.updateCells', {
                dataset: 'chip_supply',
                edits: [{ rowId, column: 'units_k', value: v }],
              });
              if (reply.ok) {
                lastAcked.set(rowId, v);
                acknowledged++;
              }
            } catch {
              return; // the connection died with the process
            }
          }
        })();
        await new Promise((r) => setTimeout(r, waits[rep - 1]));
        await host.kill();
        stop = true;
        await burst;
        host = await startHost(data);
        const info = await value<{ path: string }>(host, 'workbook.info', {});
        expect(info.path).toMatch(/\.cgw$/);
        const page = await value<Page>(host, 'datasets.readRows', { dataset: 'chip_supply', offset: 0, limit: 100 });
        const stored = new Map(page.rows.map((r) => [r.id, Number(r.values['units_k'])]));
        for (const [rowId, v] of lastAcked) {
          const now = stored.get(rowId) ?? -1;
          // The acknowledged value, or a later edit of this rep that landed before the kill.
          if (!(now >= v && now < (rep + 1) * 100_000)) lost++;
        }
        expect(lastAcked.size, `rep ${rep} made edits before the kill`).toBeGreaterThan(0);
      }
      await host.stop();
      console.log(`kill test: ${REPS} kills survived, ${acknowledged} edits acknowledged, ${lost} lost`);
      figures('kill-edits', { kills: REPS, acknowledged, lost, seed });
      expect(lost).toBe(0);
    },
    Math.max(600_000, REPS * 15_000),
  );

  it(
    `never leaves an import half-applied across ${IMPORT_REPS} kills`,
    async () => {
      const data = join(tmp.dir, 'imports');
      // The host's work files (uploads, the import's UTF-8 copy) go here, where the test can see them.
      const work = { CGW_WORK_DIR: join(tmp.dir, 'work') };
      const workFolders = () => (existsSync(work.CGW_WORK_DIR) ? readdirSync(work.CGW_WORK_DIR) : []);
      const leftBytes: number[] = [];
      const killedLeft: number[] = [];
      const rows = 150_000;
      const csv = join(tmp.dir, 'big.csv');
      writeFileSync(
        csv,
        `chip,year,units_k,note,basis,source\n${Array.from({ length: rows }, (_, i) => `Kill test ${i},2026,${i},,assumption,`).join('\n')}\n`,
      );
      const seed = Date.now() % 100_000;
      let host = await startHost(data, [], work);
      const send = async () => {
        const upload = await fetch(`${host.url}api/upload?name=big.csv`, {
          method: 'POST',
          headers: { [TOKEN_HEADER]: host.token },
          body: readFileSync(csv),
        });
        return ((await upload.json()) as { value: { upload: string } }).value.upload;
      };
      // How long one import takes here, so the kills land inside imports, not after them.
      const started = Date.now();
      await value(host, 'import.run', { upload: await send(), dataset: 'timing', mode: 'new' });
      const took = Date.now() - started;
      const waits = delays(seed, IMPORT_REPS, Math.round(took * 0.05), Math.round(took * 0.95));
      const base = (await value<Page>(host, 'datasets.readRows', { dataset: 'chip_supply', offset: 0, limit: 1 }))
        .total;
      const outcomes: number[] = [];
      for (let rep = 0; rep < IMPORT_REPS; rep++) {
        const before = (await value<Page>(host, 'datasets.readRows', { dataset: 'chip_supply', offset: 0, limit: 1 }))
          .total;
        const upload = await send();
        const running = call(host, 'import.run', { upload, dataset: 'chip_supply', mode: 'append' }).catch(() => null);
        await new Promise((r) => setTimeout(r, waits[rep]));
        const killed = host.pid;
        await host.kill();
        await running;
        const killedBytes = bytesUnder(work.CGW_WORK_DIR, `${killed}-`);
        host = await startHost(data, [], work);
        // The new host swept what the killed one left: nothing of the dead process remains.
        expect(workFolders().filter((f) => f.startsWith(`${killed}-`))).toEqual([]);
        leftBytes.push(bytesUnder(work.CGW_WORK_DIR, `${killed}-`));
        killedLeft.push(killedBytes);
        const after = (await value<Page>(host, 'datasets.readRows', { dataset: 'chip_supply', offset: 0, limit: 1 }))
          .total;
        outcomes.push(after - before);
        expect([0, rows], `rep ${rep}: ${after - before} rows arrived`).toContain(after - before);
      }
      await host.stop();
      // A host that stops normally removes its own work files.
      expect(workFolders()).toEqual([]);
      expect(leftBytes.every((n) => n === 0)).toBe(true);
      figures('kill-imports', {
        kills: IMPORT_REPS,
        seed,
        rowsAddedPerKill: outcomes,
        halfApplied: outcomes.filter((n) => n !== 0 && n !== rows).length,
        workBytesLeftByKill: killedLeft,
        workBytesLeftAfterRestart: leftBytes,
      });
      console.log(
        `import kill test: ${IMPORT_REPS} kills (seed ${seed}, one import takes ${took} ms); rows added per kill: ${outcomes.join(', ')}; started from ${base}; work files left by each kill (bytes): ${killedLeft.join(', ')}, after the restart: ${leftBytes.join(', ')}`,
      );
    },
    Math.max(600_000, IMPORT_REPS * 30_000),
  );
});
