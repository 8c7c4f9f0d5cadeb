// Presenter mode on a 4:3 projector (1024x768) gives the step, its words and its Why line a column of their own beside
// the device; a short narration left 55 to 77% of it empty, its words at the type of a long one (20 px). Its type now
// grows to fill the column: at every step of the default run the column is nearly full, or its words read at least a
// quarter larger than presenter mode's type.
import { describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, POLL, stepOnce, studioForTests, whereIs } from '../helpers/studio.ts';

const studio = studioForTests();

describe('presenter mode at 1024x768', () => {
  it("fills the narration's column with its words: nearly full, or read larger", async () => {
    const page = await (await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1024, height: 768 } })).newPage();
    try {
      await page.goto(`${studio.url}#scenario=user-driven-entra.yaml&presenter`);
      await page.waitForSelector('.app.presenter [data-testid=narration-core]', POLL);
      const holes: string[] = [];
      do {
        // The words once they have settled (two frames: the type is fitted after the step renders).
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const m = await page.evaluate(() => {
          const el = document.querySelector<HTMLElement>('[data-testid=narration-core]')!;
          const s = getComputedStyle(el);
          const top = el.getBoundingClientRect().top + el.clientTop + parseFloat(s.paddingTop);
          const room = el.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
          const bottom = Math.max(...[...el.children].map((c) => c.getBoundingClientRect().bottom));
          const words = parseFloat(getComputedStyle(document.querySelector('[data-testid=narration-text]')!).fontSize);
          const type = parseFloat(getComputedStyle(document.querySelector('[data-testid=narration]')!).fontSize);
          return { empty: 1 - (bottom - top) / room, ratio: words / type };
        });
        if (m.empty > 0.2 && m.ratio < 1.25) holes.push(`${await whereIs(page)}: ${Math.round(m.empty * 100)}% empty, words at ${m.ratio.toFixed(2)} times the type`);
      } while (await stepOnce(page));
      expect(holes).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
