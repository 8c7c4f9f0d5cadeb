// A lesson's questions on the class's screen from a clicker: the Lesson tab cut them at 1280x720 (the mouse scrolled
// them) and presenter mode does not show the tab at all. A clicker's back at the lesson's first step (← or Page Up, where
// there is no step before) now shows its opening over the class's screen, as a title slide before the first slide: the
// title, introduction and every question whole; the next key brings step 0, not step 1.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, openByAddress, POLL, settled, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

const counter = (page: Page) => page.textContent('[data-testid=step-counter]').then((t) => t!.trim());

/** The opening's questions as the class sees them: each whole inside the window, and the smallest type. */
const questions = (page: Page) =>
  page.$eval('[data-testid=lesson-opening]', (o) => {
    const items = [...o.querySelectorAll('.questions li')];
    return {
      count: items.length,
      cut: items.filter((li) => {
        const r = li.getBoundingClientRect();
        return r.top < 0 || r.bottom > innerHeight || r.right > innerWidth;
      }).length,
      px: Math.min(...items.map((li) => parseFloat(getComputedStyle(li).fontSize))),
    };
  });

describe("a lesson's opening from a clicker", () => {
  it("at step 0, ← or Page Up shows the lesson's questions whole at 1280x720 and 1024x768, in presenter mode and the studio; the next key brings step 0", async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=lessons/01-first-user-driven-deployment.yaml`);
      await chartReady(page);
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter.chart-hidden');
      const step0 = await counter(page);
      expect(step0).toMatch(/^step 0 \//);
      await page.keyboard.press('PageUp');
      await page.waitForSelector('[data-testid=lesson-opening]');
      expect(await questions(page)).toMatchObject({ count: 4, cut: 0 });
      expect((await questions(page)).px).toBeGreaterThanOrEqual(16);
      // The clicker's next: step 0, which the class has not seen yet.
      await page.keyboard.press('PageDown');
      await page.waitForSelector('[data-testid=lesson-opening]', { state: 'detached' });
      await settled(page);
      expect(await counter(page)).toBe(step0);
      // The arrows' kind of clicker likewise; a click closes it too.
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('[data-testid=lesson-opening]');
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-testid=lesson-opening]', { state: 'detached' });
      expect(await counter(page)).toBe(step0);
      // The longest lesson (six questions) on a 4:3 projector, out of presenter mode.
      await page.keyboard.press('p');
      await page.waitForSelector('.app:not(.presenter)');
      await page.setViewportSize({ width: 1024, height: 768 });
      await openByAddress(page, 'lessons/12-classic-or-device-preparation.yaml');
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('[data-testid=lesson-opening]');
      expect(await questions(page)).toMatchObject({ count: 6, cut: 0 });
      await page.click('[data-testid=lesson-opening]');
      await page.waitForSelector('[data-testid=lesson-opening]', { state: 'detached' });
      await expect.poll(() => counter(page), POLL).toMatch(/^step 0 \//);
    } finally {
      await context.close();
    }
  }, 120_000);
});
