// Screenshots of every view of a running browser host, for looking at a change as a user
// would: `npm run web` in one terminal, then `npm run shots -- URL [DIR]` with the URL it
// prints (token included). Writes DIR/whatif.png, outputs.png, scenarios.png, analyses.png
// (DIR defaults to e2e/artifacts/shots). Not a test: e2e specs assert; this only looks.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, dir = 'e2e/artifacts/shots'] = process.argv.slice(2);
if (!url) {
  console.error('usage: npm run shots -- URL [DIR]   (URL as printed by npm run web)');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
page.on('console', (m) => {
  if (m.type() === 'error') console.log('console', m.text().slice(0, 300));
});
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(url);
await page.getByRole('tab', { name: 'What-if' }).waitFor();
await page.waitForTimeout(1500);
await page.screenshot({ path: join(dir, 'whatif.png') });
for (const [name, tab] of [
  ['outputs', 'Outputs & explain'],
  ['scenarios', 'Scenarios'],
  ['analyses', 'Analyses'],
]) {
  await page.getByRole('tab', { name: tab }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
await browser.close();
console.log(`screenshots in ${dir}`);
