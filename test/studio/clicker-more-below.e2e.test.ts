// Lesson 08's error page at 1280x720: the error card (its Meaning, Remedy, Shown) runs past the narration's lower part
// under a 'more below' tab, in the studio and in presenter mode, and a clicker's Page Down stepped on to the ending: the
// class never saw the Remedy. Page Down now pages through the cut words first (as a slide's builds come before the next
// slide), Page Up back, and the next step starts at its top. A clicker that sends the arrows stepped past them still:
// → and ← now page through them first too.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chartReady, CONTEXT_OPTIONS, POLL, settled, stepUntil, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

/** How far below the narration's visible part the error card's Remedy ends (<= 0: in view), its scroll, the step. */
const read = (page: Page) =>
  page.evaluate(() => {
    const more = document.querySelector<HTMLElement>('[data-testid=narration-more]')!;
    const remedy = [...document.querySelectorAll('[data-testid=error-card] dt')].find((d) => d.textContent === 'Remedy')?.nextElementSibling;
    return {
      step: document.querySelector('[data-testid=step-counter]')!.textContent!.trim(),
      remedyBelow: remedy ? remedy.getBoundingClientRect().bottom - more.getBoundingClientRect().bottom : null,
      scrollTop: more.scrollTop,
      cut: more.classList.contains('more-below'),
    };
  });

describe("a clicker's Page Down on lesson 08's error page at 1280x720", () => {
  it.each([['the studio', false], ['presenter mode', true]] as const)('%s: shows the whole error card before stepping on', async (_, presenter) => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=lessons/08-esp-timeout-one-large-app.yaml`);
      await chartReady(page);
      if (presenter) {
        await page.keyboard.press('p');
        await page.waitForSelector('.app.presenter.chart-hidden');
      }
      await stepUntil(page, '[data-testid=error-card]');
      await settled(page);
      const at = await read(page);
      // The Remedy is cut: the class sees it only by scrolling.
      expect(at.cut).toBe(true);
      expect(at.remedyBelow).toBeGreaterThan(0);
      // Page Down brings it into view, a page at a time, at the same step.
      for (let i = 0; i < 4 && (await read(page)).remedyBelow! > 0; i++) {
        await page.keyboard.press('PageDown');
        await settled(page);
        expect((await read(page)).step).toBe(at.step);
      }
      expect((await read(page)).remedyBelow).toBeLessThanOrEqual(0);
      // Page Up goes back over it before stepping back.
      await page.keyboard.press('PageUp');
      await settled(page);
      const up = await read(page);
      expect(up.step).toBe(at.step);
      expect(up.remedyBelow).toBeGreaterThan(0);
      // Once all is shown, Page Down steps on, and the next step's words start at their top.
      for (let i = 0; i < 8 && (await read(page)).step === at.step; i++) {
        await page.keyboard.press('PageDown');
        await settled(page);
      }
      await expect.poll(async () => (await read(page)).step, POLL).not.toBe(at.step);
      expect((await read(page)).scrollTop).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);
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
      await stepUntil(page, '[data-testid=error-card]');
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
