// `npm run web`: the browser host, from bundles rebuilt only when their sources changed: the
// renderer (vite) when a file under renderer/ or shared/ is newer than renderer/dist, the host
// (esbuild) when one under main/, shared/ or data/ is newer than build/web.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBuild } from './fresh-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the renderer if its sources changed since renderer/dist was made. */
export async function freshRenderer() {
  const sources = [join(root, 'renderer', 'src'), join(root, 'renderer', 'index.html'), join(root, 'shared')];
  await freshBuild(join(root, 'renderer', 'dist', 'index.html'), sources, async () => {
    const done = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (done.status !== 0) throw new Error('the renderer did not build');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await freshRenderer();
  const entry = join(root, 'build', 'web', 'web.js');
  await freshBuild(entry, [join(root, 'main'), join(root, 'shared'), join(root, 'data')], async () => {
    const { bundleNode } = await import('./build-node.mjs');
    await bundleNode(root, 'main/web/serve.ts', 'web');
  });
  await import(pathToFileURL(entry).href);
}
