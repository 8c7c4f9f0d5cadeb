// The key help (?) on a classroom projector: whole, its Close button in view, in the studio and in presenter mode,
// without scrolling (it ran past its room at 1280x720, and in presenter mode to twice its room in presenter type).
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

describe('the key help on a projector', () => {
  it.each([
    [1280, 720],
    [1024, 768],
  ])('at %ix%i shows whole, in the studio and in presenter mode', async (width, height) => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width, height } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=device-preparation.yaml`);
      await chartReady(page);
      const problems: string[] = [];
      for (const mode of ['studio', 'presenter mode']) {
        if (mode === 'presenter mode') {
          await page.keyboard.press('p');
          await page.waitForSelector('.app.presenter');
        }
        await page.keyboard.press('?');
        await page.waitForSelector('[data-testid=help]');
        const m = await page.$eval('[data-testid=help]', (el) => {
          const close = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Close')!.getBoundingClientRect();
          return { hidden: el.scrollHeight - el.clientHeight, closeBottom: close.bottom, rows: el.querySelectorAll('tr').length };
        });
        if (m.hidden > 1) problems.push(`${mode}: ${m.hidden} px of the help scrolled out of view`);
        if (m.closeBottom > height) problems.push(`${mode}: its Close button below the window`);
        expect(m.rows).toBeGreaterThan(10);
        await page.keyboard.press('Escape');
        await page.waitForSelector('[data-testid=help]', { state: 'detached' });
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
