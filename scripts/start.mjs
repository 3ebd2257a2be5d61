// `npm start`: the Electron window where its binary is installed, otherwise the browser host.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const args = process.argv.slice(2);
const child = binary
  ? spawn(binary, ['build/electron/main.js', ...args], { stdio: 'inherit' })
  : (console.log(
      'Electron is not installed on this machine (its binary could not be downloaded); opening the browser host instead.',
    ),
    spawn(process.execPath, ['--import', 'tsx', 'main/web/serve.ts', ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
