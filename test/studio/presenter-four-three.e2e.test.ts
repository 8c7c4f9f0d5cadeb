// Presenter mode (chart hidden) on a 4:3 projector: the device as wide as its column stood in the middle of the stage's
// height with 139 px bands above and below it at 1024x768, while the narration beside it scrolled its lower part (the
// event, what Intune records, what can happen now). That part now stands under the device; a 16:9 projector keeps the
// narration whole beside the device, as it was.
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, layoutProblems, stepOnce, studioForTests, TEACHING } from '../helpers/studio.ts';

const studio = studioForTests();

describe('presenter mode on a 4:3 projector', () => {
  it.each([
    [1024, 768, 'under'],
    [1280, 720, 'beside'],
  ] as const)('at %ix%i, the narration\'s lower part stands %s the device, and nothing the class reads is cut', async (width, height, where) => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width, height } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=lessons/01-first-user-driven-deployment.yaml`);
      await chartReady(page);
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter.chart-hidden');
      for (let i = 0; i < 5; i++) await stepOnce(page);
      const m = await page.evaluate(() => {
        const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        const [stage, monitor, more, text] = ['.col-stage', '[data-testid=device-screen] .monitor', '[data-testid=narration-more]', '[data-testid=narration-text]'].map(box);
        return { bandAbove: monitor!.top - stage!.top, moreTop: more!.top - monitor!.bottom, moreLeft: more!.left, monitorLeft: monitor!.left, monitorRight: monitor!.right, textLeft: text!.left, stageBottom: stage!.bottom, moreBottom: more!.bottom };
      });
      if (where === 'under') {
        // The device at the stage's top (no band), the lower part right under it in its column, to the stage's foot.
        expect(m.bandAbove).toBeLessThan(2);
        expect(m.moreTop).toBeGreaterThanOrEqual(0);
        expect(m.moreTop).toBeLessThan(16);
        expect(Math.abs(m.moreLeft - m.monitorLeft)).toBeLessThan(2);
        expect(m.stageBottom - m.moreBottom).toBeLessThan(2);
      } else {
        expect(m.moreLeft).toBeGreaterThan(m.monitorRight);
      }
      // The step, its words and the Why line in the column beside the device.
      expect(m.textLeft).toBeGreaterThan(m.monitorRight);
      expect(await layoutProblems(page, { ...TEACHING, 'narration below': '[data-testid=narration-more] [data-testid=intune-record]' }, ['Why line'])).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
