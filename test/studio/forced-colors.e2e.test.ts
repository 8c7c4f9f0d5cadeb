// In a Windows contrast theme (forced colours) the system repaints backgrounds and drops shadows: what marked the
// current step by a shade alone then marked nothing. The event log's current entry (an amber shade and a shadow's
// stripe) and side by side's current row (a blue shade) must still stand out from the others, by a mark the theme
// keeps, so the class can tell where the device is.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, inkIn, moreTab, settled, stepOnce, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

/** What is drawn of an element's box (its outline, borders, the ground seen through it and its shadow), as the theme leaves it. */
function marks(page: Page, sel: string): Promise<string> {
  return page.$eval(sel, (el) => {
    const s = getComputedStyle(el);
    const side = (p: string) => (s.getPropertyValue(`border-${p}-style`) === 'none' ? 'none' : `${s.getPropertyValue(`border-${p}-width`)} ${s.getPropertyValue(`border-${p}-color`)}`);
    // The ground as seen: a transparent box shows its parent's.
    let ground = s.backgroundColor;
    for (let a: Element | null = el; a && /rgba\(.*, 0\)$/.test(ground); a = a.parentElement) ground = getComputedStyle(a).backgroundColor;
    return JSON.stringify({
      outline: s.outlineStyle === 'none' ? 'none' : `${s.outlineWidth} ${s.outlineColor}`,
      borders: ['top', 'right', 'bottom', 'left'].map(side),
      ground,
      shadow: s.boxShadow,
    });
  });
}

describe('forced colours: where the device is', () => {
  it("the event log's current entry and side by side's current row stand out from the others", async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, forcedColors: 'active', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
      await chartReady(page);
      for (let i = 0; i < 4; i++) await stepOnce(page);
      // Back one: the current entry is between two others.
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('[data-testid=step-counter]:text("step 3 /")');
      const others = ['.log li:not(.current)', '.log li.current'];
      expect(await marks(page, others[1]!), 'the log').not.toBe(await marks(page, others[0]!));
      await page.keyboard.press('c');
      await page.waitForSelector('[data-testid=compare-table] tr.current');
      expect(await marks(page, '[data-testid=compare-table] tr.current td:nth-child(2)'), 'side by side').not.toBe(await marks(page, '[data-testid=compare-table] tbody tr:not(.current):not(.first-diff) td:nth-child(2)'));
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("forced colours: the 'more below' tab", () => {
  // The theme dropped the tab's dark ground and the white strip it stands on: 'more below ↓' read as words among the
  // narration's, 'setup · 1 h 1 more below ↓', the line under it cut by the panel's edge.
  it('still stands on a strip that hides the words at its height (presenter mode, lesson 08 at its end)', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, forcedColors: 'active', viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=lessons/08-esp-timeout-one-large-app.yaml`);
      await chartReady(page);
      await page.keyboard.press('End');
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter [data-testid=narration].more-below');
      await settled(page);
      const tab = await moreTab(page, '[data-testid=narration]');
      expect(tab?.band.width).toBeGreaterThan(10);
      // Clear of the panel's rounded corner, whose border the theme draws dark.
      expect(await inkIn(page, { ...tab!.band, x: tab!.band.x + 10, width: tab!.band.width - 10 }, 150)).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});
