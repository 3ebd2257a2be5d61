/**
 * Chart redraws, at most one per frame: a slider move repaints its numbers in the next frame
 * and the charts follow one per frame after it, instead of four canvases making that first
 * frame late. A chart asked again before its turn keeps its place and draws only the newest
 * option; a chart off screen waits until it comes into view.
 */
const waiting = new Map<object, () => void>();
let scheduled = false;

function drawNext(): void {
  scheduled = false;
  const next = waiting.entries().next();
  if (next.done) return;
  const [key, draw] = next.value;
  waiting.delete(key);
  draw();
  if (waiting.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(drawNext);
}

/** Draws `draw` for the chart `key` in a coming frame; the newest draw asked for a chart wins. */
export function drawSoon(key: object, draw: () => void): void {
  waiting.set(key, draw);
  schedule();
}

/** Forgets a chart's waiting draw (it was removed from the page). */
export function forgetDraw(key: object): void {
  waiting.delete(key);
}

/** How many charts wait for their turn (tests). */
export function waitingDraws(): number {
  return waiting.size;
}
