// A presentation clicker in front of a class: besides Page Down and Page Up (classroom.e2e.test.ts), its start button
// sends F5, its stop button Esc, and its blank-screen button b or . (PowerPoint's keys). In the studio and from the
// presenter's view, which has the focus on the trainer's laptop while presenting.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, POLL, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

const counter = (page: Page) => page.textContent('[data-testid=step-counter]').then((t) => t!.trim());
const presenting = (page: Page) => page.evaluate(() => document.querySelector('.app')!.classList.contains('presenter'));
const blank = (page: Page) => page.$('[data-testid=blank-screen]').then((b) => b !== null);

async function open(): Promise<Page> {
  const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${studio.url}#scenario=device-preparation.yaml`);
  await chartReady(page);
  return page;
}

describe("a presentation clicker's other buttons", () => {
  it('F5 presents without reloading, Esc ends the show, b and . black the screen and the next key brings the same step back', async () => {
    const page = await open();
    try {
      await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
      // F5 reloaded the page: seconds of a blank page, presenter mode and the panels reset.
      await page.keyboard.press('F5');
      await expect.poll(() => presenting(page), POLL).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
      await page.keyboard.press('PageDown');
      await expect.poll(() => counter(page), POLL).toMatch(/^step 1 \//);

      // b: the class's screen goes black, over everything (it did nothing).
      await page.keyboard.press('b');
      await expect.poll(() => blank(page), POLL).toBe(true);
      const cover = await page.$eval('[data-testid=blank-screen]', (el) => {
        const r = el.getBoundingClientRect();
        return { w: r.width, h: r.height, bg: getComputedStyle(el).backgroundColor, top: document.elementFromPoint(640, 360) === el };
      });
      expect(cover).toEqual({ w: 1280, h: 720, bg: 'rgb(0, 0, 0)', top: true });
      // The clicker's next shows the step the class had, not the one after it.
      await page.keyboard.press('PageDown');
      await expect.poll(() => blank(page), POLL).toBe(false);
      expect(await counter(page)).toMatch(/^step 1 \//);
      await page.keyboard.press('.');
      await expect.poll(() => blank(page), POLL).toBe(true);
      await page.keyboard.press('.');
      await expect.poll(() => blank(page), POLL).toBe(false);
      expect(await counter(page)).toMatch(/^step 1 \//);

      // With the faults over the device, the clicker's next closes them and steps (it did nothing).
      await page.keyboard.press('f');
      await page.waitForSelector('[data-testid=faults-dialog]');
      await page.keyboard.press('PageDown');
      await page.waitForSelector('[data-testid=faults-dialog]', { state: 'detached' });
      await expect.poll(() => counter(page), POLL).toMatch(/^step 2 \//);

      // Esc, with nothing open, ends presenter mode (it did nothing).
      await page.keyboard.press('Escape');
      await expect.poll(() => presenting(page), POLL).toBe(false);

      // The key help says so.
      await page.keyboard.press('?');
      const help = await page.textContent('[data-testid=help]');
      expect(help).toContain('b or .');
      expect(help).toContain('F5');
    } finally {
      await page.context().close();
    }
  });

  it("from the presenter's view: b blacks the class's screen and says so there, F5 does not reload it, Esc ends presenter mode", async () => {
    const page = await open();
    const context = page.context();
    try {
      const [notes] = await Promise.all([context.waitForEvent('page'), page.click('[data-testid=open-notes]')]);
      await notes.waitForSelector('[data-testid=notes][data-ready="1"]');
      await expect.poll(() => presenting(page), POLL).toBe(true);
      await notes.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
      await notes.keyboard.press('b');
      await expect.poll(() => blank(page), POLL).toBe(true);
      await notes.waitForSelector('[data-testid=notes-blank]');
      // The next from the laptop shows the class the same step again.
      await notes.keyboard.press('PageDown');
      await expect.poll(() => blank(page), POLL).toBe(false);
      await notes.waitForSelector('[data-testid=notes-blank]', { state: 'detached' });
      expect(await counter(page)).toMatch(/^step 0 \//);
      await notes.keyboard.press('Escape');
      await expect.poll(() => presenting(page), POLL).toBe(false);
      await notes.keyboard.press('F5');
      await expect.poll(() => presenting(page), POLL).toBe(true);
      expect(await notes.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
