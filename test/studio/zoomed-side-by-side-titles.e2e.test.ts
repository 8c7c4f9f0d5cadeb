// Side by side on a 1280x720 projector zoomed to 150% (853x480 CSS px), on lesson 01: column A's title, 'Your first
// Autopilot deployment (user-driven, Entra join)', wrapped to two lines beside its letter, in the studio and in
// presenter mode with the charts shown, its device screen a line smaller than B's. Each title now keeps one line, cut
// with an ellipsis and whole in its tooltip, and the two screens are the same size.
import { describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, POLL, settled, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

/** Each column's title: its lines (its height over its line's), its tooltip and its words; and the two screens' heights. */
const read = () =>
  [...document.querySelectorAll<HTMLElement>('.cmp-col')].map((col) => {
    const t = col.querySelector<HTMLElement>('.cmp-title')!;
    const s = getComputedStyle(t);
    const line = parseFloat(s.lineHeight) || 1.3 * parseFloat(s.fontSize);
    return { lines: Math.round(t.getBoundingClientRect().height / line), tooltip: t.title, words: t.textContent!.trim(), screen: Math.round(col.querySelector('.monitor')!.getBoundingClientRect().height) };
  });

describe('side by side zoomed to 150%', () => {
  it("keeps each column's title to one line, whole in its tooltip, in the studio and in presenter mode with the charts", async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=lessons/01-first-user-driven-deployment.yaml`);
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
      for (const mode of ['studio', 'presenter, charts shown'] as const) {
        if (mode !== 'studio') {
          await page.keyboard.press('p');
          await page.keyboard.press('g');
        }
        if (!(await page.$('.app.comparing'))) await page.keyboard.press('c');
        await page.waitForSelector('[data-testid=compare-b] .cmp-title');
        await expect.poll(() => page.locator('[data-testid=compare-b] .cmp-title').textContent(), POLL).toMatch(/B\s*\S/);
        await settled(page);
        const cols = await page.evaluate(read);
        expect(cols.map((c) => c.lines), mode).toEqual([1, 1]);
        for (const c of cols) expect(c.words, mode).toContain(c.tooltip);
        expect(cols[0]!.tooltip, mode).toBe('Your first Autopilot deployment (user-driven, Entra join)');
        expect(cols[0]!.screen, mode).toBe(cols[1]!.screen);
      }
    } finally {
      await context.close();
    }
  }, 180_000);
});
