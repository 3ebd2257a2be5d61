// `npm start`: the Electron window where its binary is installed, otherwise the browser host;
// either way from bundles rebuilt only when their sources changed.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';
import { freshRenderer } from './web.mjs';

const binary = electronBinary();
const args = process.argv.slice(2);
let child;
if (binary) {
  await freshRenderer();
  const built = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  child = spawn(binary, ['build/electron/main.js', ...args], { stdio: 'inherit' });
} else {
  console.log(
    'Electron is not installed on this machine (its binary could not be downloaded); opening the browser host instead.',
  );
  child = spawn(process.execPath, ['scripts/web.mjs', ...args], { stdio: 'inherit' });
}
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
