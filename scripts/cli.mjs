// `npm run cli`: the command line from its bundle (build/cli), rebuilt first when a source under
// main/ or shared/ changed since. Starting from JavaScript, with ExcelJS, ECharts and the file
// readers loaded only by the commands that use them, `compute --json` starts in a fraction of a second.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBuild } from './fresh-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'build', 'cli', 'cli.js');
await freshBuild(entry, [join(root, 'main'), join(root, 'shared'), join(root, 'data')], async () => {
  mkdirSync(join(root, 'build'), { recursive: true });
  const { buildCli } = await import('./build-node.mjs');
  await buildCli(root);
});
await import(pathToFileURL(entry).href);
