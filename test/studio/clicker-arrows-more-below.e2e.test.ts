// A clicker that sends the arrows (many do; others Page Down and Page Up) stepped past lesson 08's error card cut under
// 'more below' at 1280x720, where Page Down showed it first (ec0ad2a): the class never saw the Remedy. A trainer expects
// the clicker's next to show a slide's builds before the next slide whichever key it sends, as PowerPoint does: → now
// pages through the cut words first and ← back, as Page Down and Page Up do.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chartReady, CONTEXT_OPTIONS, POLL, settled, stepUntil, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

/** How far below the narration's visible part the error card's Remedy ends (<= 0: in view), and the step. */
const read = (page: Page) =>
  page.evaluate(() => {
    const more = document.querySelector<HTMLElement>('[data-testid=narration-more]')!;
    const remedy = [...document.querySelectorAll('[data-testid=error-card] dt')].find((d) => d.textContent === 'Remedy')?.nextElementSibling;
    return {
      step: document.querySelector('[data-testid=step-counter]')!.textContent!.trim(),
      remedyBelow: remedy ? remedy.getBoundingClientRect().bottom - more.getBoundingClientRect().bottom : null,
    };
  });

describe("an arrow-key clicker on lesson 08's error page at 1280x720, in presenter mode", () => {
  it('→ shows the whole error card before stepping on, ← scrolls it back before stepping back', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=lessons/08-esp-timeout-one-large-app.yaml`);
      await chartReady(page);
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter.chart-hidden');
      await stepUntil(page, async () => (await page.$('[data-testid=error-card]')) !== null);
      await settled(page);
      const at = await read(page);
      expect(at.remedyBelow).toBeGreaterThan(0);
      for (let i = 0; i < 4 && (await read(page)).remedyBelow! > 0; i++) {
        await page.keyboard.press('ArrowRight');
        await settled(page);
        expect((await read(page)).step).toBe(at.step);
      }
      expect((await read(page)).remedyBelow).toBeLessThanOrEqual(0);
      await page.keyboard.press('ArrowLeft');
      await settled(page);
      expect(await read(page)).toMatchObject({ step: at.step });
      expect((await read(page)).remedyBelow).toBeGreaterThan(0);
      for (let i = 0; i < 8 && (await read(page)).step === at.step; i++) {
        await page.keyboard.press('ArrowRight');
        await settled(page);
      }
      await expect.poll(async () => (await read(page)).step, POLL).not.toBe(at.step);
    } finally {
      await context.close();
    }
  }, 120_000);
});
