// npm never runs electron's own download script (allowScripts in package.json), because on
// machines without a route to its release host it fails the whole install. We try it here
// with a time limit; a failure is reported in one line and the browser host is used instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let installer;
try {
  installer = require.resolve('electron/install.js');
} catch {
  process.exit(0); // production install without dev dependencies
}
if (process.env.CGW_SKIP_ELECTRON_DOWNLOAD === '1') {
  console.log('postinstall: CGW_SKIP_ELECTRON_DOWNLOAD=1, not fetching the Electron binary.');
  process.exit(0);
}
const result = spawnSync(process.execPath, [installer], { stdio: 'pipe', timeout: 120_000 });
const pathFile = installer.replace(/install\.js$/, 'path.txt');
if (result.status === 0 && existsSync(pathFile)) {
  console.log('postinstall: Electron binary installed.');
} else {
  console.log(
    'postinstall: the Electron binary could not be downloaded here; `npm start` will open the browser host instead.',
  );
}
