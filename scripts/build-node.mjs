// Bundles a Node entry (the command line, the browser host) into build/NAME: ESM, dependencies
// left in node_modules, so it starts without compiling TypeScript. Code only some commands need
// (ExcelJS, the chart renderer, the XLSX and Parquet readers) goes into chunks loaded on first use.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** `extra` entries (a worker thread's code) are bundled beside the main one, in the same folder. */
export async function bundleNode(root, entry, name, extra = {}) {
  const outdir = join(root, 'build', name);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: { [name]: entry, ...extra },
    outdir,
    format: 'esm',
    splitting: true,
    packages: 'external',
  });
  return join(outdir, `${name}.js`);
}

// Monte Carlo threads load montecarlo-thread.js from beside the pool's code (montecarlo-pool.ts).
export const buildCli = (root = '.') =>
  bundleNode(root, 'main/cli.ts', 'cli', { 'montecarlo-thread': 'main/services/model/montecarlo-thread.ts' });

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
