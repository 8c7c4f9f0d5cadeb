// Presenter mode with the chart shown large (g), stepped in front of a class: the device screen and the narration's panel
// under it stay where they are from step to step. A step with a short narration grew the device's box under the same
// screen, and the panel jumped down and back up (34 px at 1280x720 on device preparation's last steps).
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, stepOnce, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

describe('presenter mode with the large chart, step by step', () => {
  it('keeps the narration right under the device screen at every step of device preparation (1280x720)', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=device-preparation.yaml`);
      await chartReady(page);
      await page.keyboard.press('p');
      await page.keyboard.press('g');
      await chartReady(page, '.app.presenter.chart-large [data-testid=chart]');
      const gaps = new Map<number, string[]>();
      let step = 0;
      do {
        const [gap, kind] = await page.evaluate(() => {
          const monitor = document.querySelector('[data-testid=device-wrap] .monitor')!.getBoundingClientRect();
          const narration = document.querySelector('[data-testid=narration]')!.getBoundingClientRect();
          return [Math.round(narration.top - monitor.bottom), document.querySelector('[data-testid=device-screen]')!.getAttribute('data-kind')!] as const;
        });
        gaps.set(gap, [...(gaps.get(gap) ?? []), `step ${step} (${kind})`]);
        step++;
      } while (await stepOnce(page));
      expect(step).toBeGreaterThan(20);
      // One gap, the stage's own (8 px), at every step.
      expect([...gaps.keys()], JSON.stringify(Object.fromEntries(gaps))).toEqual([8]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
