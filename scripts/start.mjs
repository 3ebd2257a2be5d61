// `npm start`: the Electron window where its binary is installed, otherwise the browser host.
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

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
