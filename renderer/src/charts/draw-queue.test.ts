import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drawSoon, forgetDraw, waitingDraws } from './draw-queue.js';

/** Animation frames run by hand: each call of `frame()` is one painted frame. */
let frames: (() => void)[] = [];
const frame = () => {
  const now = frames;
  frames = [];
  for (const f of now) f();
};

beforeEach(() => {
  frames = [];
  globalThis.requestAnimationFrame = (f: FrameRequestCallback) => frames.push(() => f(0));
});
afterEach(() => {
  while (frames.length > 0) frame();
});

describe('chart redraws', () => {
  it('draws at most one chart per frame, the newest option of each, in the order they first asked', () => {
    const drawn: string[] = [];
    const [a, b, c] = [{}, {}, {}];
    drawSoon(a, () => drawn.push('a1'));
    drawSoon(b, () => drawn.push('b1'));
    drawSoon(c, () => drawn.push('c1'));
    drawSoon(a, () => drawn.push('a2')); // newer data for a: a keeps its turn, draws a2 only
    expect(waitingDraws()).toBe(3);
    frame();
    expect(drawn).toEqual(['a2']);
    forgetDraw(c); // c left the page
    frame();
    expect(drawn).toEqual(['a2', 'b1']);
    frame();
    expect(drawn).toEqual(['a2', 'b1']);
    expect(waitingDraws()).toBe(0);
  });

  it('gives every chart its turn while a slider keeps moving', () => {
    const counts = new Map<string, number>();
    const charts = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    for (let move = 0; move < 40; move++) {
      for (const chart of charts) drawSoon(chart, () => counts.set(chart.name, (counts.get(chart.name) ?? 0) + 1));
      frame();
    }
    expect([...counts.values()].every((n) => n >= 9)).toBe(true);
  });
});
