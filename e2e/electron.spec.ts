import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../scripts/electron-binary.mjs';
import { tempDataDir } from './host.js';
import { WorkbenchPage } from './pages/workbench.js';

const binary = electronBinary();

test('the Electron window runs the same smoke as the browser host', async () => {
  if (!binary) {
    console.warn(
      '\n*** SKIPPED: the Electron binary is not installed (its download is blocked here). ' +
        'The same flows run through the browser host in skeleton.spec.ts. ***\n',
    );
    test.skip(true, 'Electron binary not installed; covered by the browser-host specs');
    return;
  }
  const data = tempDataDir();
  const app = await electron.launch({
    executablePath: binary,
    args: ['build/electron/main.js'],
    env: { ...process.env, CGW_DATA_DIR: data.dir },
  });
  try {
    const page = await app.firstWindow();
    const bench = new WorkbenchPage(page);
    await expect(bench.dataset('Buyer capex')).toContainText('18');
    await bench.openDataset('Chips');
    const index = (await bench.rowIndexOf('Huawei Ascend 910B'))!;
    await bench.editCell(bench.cellAt(index, 'tflops'), '321');
    await expect(bench.cellAt(index, 'tflops')).toHaveText('321');
    // No Node in the renderer, and only the narrow bridge.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { cgw: object }).cgw).sort())).toEqual([
      'invoke',
      'on',
    ]);
    await page.screenshot({ path: 'e2e/artifacts/electron-chips.png' });
  } finally {
    await app.close();
    data.remove();
  }
});
