import { chromium } from 'playwright-core';
const url = process.argv[2];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1500, height: 950 } });
p.on('console', (m) => {
  if (m.type() === 'error') console.log('console', m.text().slice(0, 300));
});
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto(url);
await p.waitForTimeout(2500);
await p.screenshot({ path: '/tmp/v-whatif.png' });
for (const [name, tab] of [
  ['outputs', 'Outputs & explain'],
  ['scenarios', 'Scenarios'],
  ['analyses', 'Analyses'],
]) {
  await p.getByRole('tab', { name: tab }).click();
  await p.waitForTimeout(800);
  if (name === 'outputs') {
    await p.locator('[col-id="2026"]').nth(3).click();
    await p.waitForTimeout(500);
  }
  await p.screenshot({ path: `/tmp/v-${name}.png` });
}
await b.close();
