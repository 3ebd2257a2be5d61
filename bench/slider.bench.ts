/**
 * Time from a slider's input event to the next painted frame with updated numbers, in
 * Chromium, against the same frame with no recomputation (the floor): p50 and p95 over 200
 * moves. Run: npm run bench:slider (builds the renderer first).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.js';
import { startHost, tempDataDir } from '../e2e/host.js';
import { record } from './record.js';

const MOVES = 200;
const data = tempDataDir();
const host = await startHost(data.dir);
const browser = await chromium.launch({
  ...(CHROMIUM_PATH ? { executablePath: CHROMIUM_PATH } : {}),
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  // tsx keeps function names with a __name helper that the page does not have.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(host.entry);
  await page.getByTestId('card-gap_h100e').waitFor();

  const measure = (withModel: boolean) =>
    page.evaluate(
      async ({ moves, withModel }) => {
        const slider = withModel
          ? (document.querySelector('[data-testid="assumption-capex_scale"] input[type="range"]') as HTMLInputElement)
          : Object.assign(document.body.appendChild(document.createElement('input')), {
              type: 'range',
              min: '0',
              max: '100',
            });
        const card = document.querySelector('[data-testid="card-gap_h100e"]') as HTMLElement;
        // React tracks the value property; the prototype's setter updates the element as typing would.
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
        const setValue = (el: HTMLInputElement, v: string) => setter?.set?.call(el, v);
        const afterPaint = () =>
          new Promise<void>((resolve) =>
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve();
              channel.port2.postMessage(null); // runs after the frame is painted
            }),
          );
        const times: number[] = [];
        let changed = 0;
        for (let i = 0; i < moves; i++) {
          const before = card.dataset.value;
          const value = withModel ? String(0.5 + ((i * 7) % 30) * 0.05) : String(i % 100);
          await afterPaint();
          const start = performance.now();
          setValue(slider, value);
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          await afterPaint();
          times.push(performance.now() - start);
          if (card.dataset.value !== before) changed++;
        }
        times.sort((a, b) => a - b);
        return { p50: times[Math.floor(moves * 0.5)] ?? NaN, p95: times[Math.floor(moves * 0.95)] ?? NaN, changed };
      },
      { moves: MOVES, withModel },
    );

  await measure(true); // warm up
  const floor = await measure(false);
  const live = await measure(true);
  console.log(`Slider input to painted frame, ${MOVES} moves (Chromium, headless)`);
  console.log(
    `  with recompute and redraw:  p50 ${live.p50.toFixed(1)} ms  p95 ${live.p95.toFixed(1)} ms  (${live.changed} of ${MOVES} moves changed the gap card)`,
  );
  console.log(`  floor, no recomputation:    p50 ${floor.p50.toFixed(1)} ms  p95 ${floor.p95.toFixed(1)} ms`);
  console.log(
    `  ratio (live / floor):       p50 ${(live.p50 / floor.p50).toFixed(2)}x  p95 ${(live.p95 / floor.p95).toFixed(2)}x`,
  );
  for (const [p, target] of [
    ['p50', 1.1],
    ['p95', 1.3],
  ] as const) {
    record({
      measure: `slider move to painted frame, ${p}`,
      ours: `${live[p].toFixed(1)} ms`,
      peer: `same frame, no recompute ${floor[p].toFixed(1)} ms`,
      ratio: live[p] / floor[p],
      target: `<= ${target}x`,
      met: live[p] / floor[p] <= target,
    });
  }
} finally {
  await browser.close();
  await host.stop();
  data.remove();
}
