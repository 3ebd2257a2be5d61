// Bundles the command line into build/cli (ESM, dependencies left in node_modules): it then
// starts without compiling TypeScript. Code only some commands need (ExcelJS, the chart
// renderer, the XLSX and Parquet readers) goes into chunks loaded on first use.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function buildCli(root = '.') {
  const outdir = join(root, 'build', 'cli');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: { cli: 'main/cli.ts' },
    outdir,
    format: 'esm',
    splitting: true,
    packages: 'external',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
