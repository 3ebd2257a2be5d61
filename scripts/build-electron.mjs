// Bundles the Electron main process (ESM, dependencies left in node_modules) and the preload
// (CommonJS in one file: a sandboxed preload may require nothing but 'electron').
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['main/electron/main.ts'],
  outfile: 'build/electron/main.js',
  format: 'esm',
  packages: 'external',
});
await build({
  ...common,
  entryPoints: ['main/electron/preload.ts'],
  outfile: 'build/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
console.log('built build/electron/main.js and preload.cjs');
