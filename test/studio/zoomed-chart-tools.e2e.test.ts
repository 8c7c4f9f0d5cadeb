// The statechart on a 1280x720 projector zoomed to 125% or 150% (1024x576 and 853x480 CSS px): its tools took three rows
// at 150% (Whole chart on a row of its own), two at 125%, under which the legend took one more, and left the drawing 107
// of the chart's 192 px at 150%: one state high, the next one out of sight. The tools' buttons now keep to one row.
import { describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, openByAddress, stepOnce, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

describe("the chart's tools on a zoomed projector", () => {
  it('keep their buttons to one row at 1280x720 zoomed to 125% and 150%, and leave the drawing most of the chart', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1024, height: 576 }, deviceScaleFactor: 1.25 });
    const page = await context.newPage();
    const read = () =>
      page.evaluate(() => {
        const tops = [...document.querySelectorAll('[data-testid=chart] .chart-tools button')].map((b) => Math.round(b.getBoundingClientRect().top));
        const chart = document.querySelector('[data-testid=chart]')!.getBoundingClientRect().height;
        const canvas = document.querySelector('[data-testid=chart] .chart-canvas')!.getBoundingClientRect().height;
        return { rows: new Set(tops).size, drawing: Math.round((100 * canvas) / chart) };
      });
    try {
      await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
      await openByAddress(page, 'lessons/12-classic-or-device-preparation.yaml');
      await stepOnce(page);
      const at125 = await read();
      await page.setViewportSize({ width: 853, height: 480 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const at150 = await read();
      expect({ at125: at125.rows, at150: at150.rows }).toEqual({ at125: 1, at150: 1 });
      expect(at150.drawing, 'share of the chart the drawing has at 150%').toBeGreaterThanOrEqual(75);
      expect(at125.drawing, 'share of the chart the drawing has at 125%').toBeGreaterThanOrEqual(80);
    } finally {
      await context.close();
    }
  }, 180_000);
});
