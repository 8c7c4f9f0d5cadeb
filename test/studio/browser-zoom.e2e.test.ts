// A trainer zooms the browser to 125% or 150% on a projector: the page then lays out in a window
// that many times smaller (1280x720 at 150% is 853x480 CSS pixels) drawn at that device scale.
// What the class is taught from (the device screen, the step title, the narration, the step
// controls, the run title) stays whole and apart, the ESP's rows are not cut across by their
// section's head, and the keys still step.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, espRows, inkIn, layoutProblems, openByAddress, settled, stepOnce, studioForTests, TEACHING } from '../helpers/studio.ts';

const studio = studioForTests();

/** A window of w x h device pixels at a browser zoom of `zoom`. */
const ZOOMS: Array<[number, number, number]> = [
  [1280, 720, 1.25],
  [1280, 720, 1.5],
  [1024, 768, 1.25],
];

/**
 * What a panel holds drawn outside it, neither clipped nor scrolled: in the studio the narration's
 * words ran past its foot at 150%, and its "more below" tab, set after them, stood on the step
 * controls with the white strip under it hiding their top.
 */
function spillsOut(page: Page, sel: string): Promise<string[]> {
  return page.evaluate((q) => {
    const panel = document.querySelector(q);
    if (!panel) return [`${q}: missing`];
    const s = getComputedStyle(panel);
    if (s.overflowY !== 'visible') return [];
    const box = panel.getBoundingClientRect();
    return [...panel.children].flatMap((c) => {
      const r = c.getBoundingClientRect();
      return r.height > 0 && r.bottom > box.bottom + 0.5 ? [`${q}: "${c.textContent!.trim().slice(0, 40)}" runs ${Math.round(r.bottom - box.bottom)} px past its foot`] : [];
    });
  }, sel);
}

describe('browser zoom on a projector', () => {
  for (const [w, h, zoom] of ZOOMS) {
    it(`${w}x${h} at ${zoom * 100}%: the device, the step title, the narration and the controls are whole and apart, in the studio and in presenter mode; no ESP row is cut across by its section's head`, async () => {
      const context: BrowserContext = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: Math.round(w / zoom), height: Math.round(h / zoom) }, deviceScaleFactor: zoom });
      const page = await context.newPage();
      const problems: string[] = [];
      const check = async (moment: string) => {
        await settled(page);
        for (const p of await layoutProblems(page, TEACHING, ['Why line'])) problems.push(`${moment}: ${p}`);
        for (const r of (await espRows(page)).filter((r) => r.halfUnderHead)) problems.push(`${moment}: ESP row "${r.text}" cut across by its section's head`);
        for (const p of await spillsOut(page, '[data-testid=narration]')) problems.push(`${moment}: ${p}`);
      };
      try {
        await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
        await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
        // Every step of the run, in the studio and in presenter mode.
        for (const mode of ['studio', 'presenter mode']) {
          if (mode === 'presenter mode') {
            await page.keyboard.press('p');
            await page.waitForSelector('.app.presenter');
            await page.keyboard.press('Home');
          }
          do await check(`${mode}, ${(await page.textContent('[data-testid=step-counter]'))!.trim()}`);
          while (await stepOnce(page));
        }
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }
});

describe("the narration's 'more below' tab, zoomed", () => {
  // The tab stands at the foot of what the panel scrolls, above the panel's own padding: at 150% in presenter mode the
  // error card's words showed under the tab, in that padding, cut across by the panel's edge.
  it('1280x720 at 150%, presenter mode, lesson 08 at its end: no words show under the tab', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=lessons/08-esp-timeout-one-large-app.yaml`);
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
      await page.keyboard.press('End');
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter [data-testid=narration].more-below');
      await settled(page);
      // The band under the tab: the panel's padding at its foot, inside its border.
      const band = await page.$eval('[data-testid=narration]', (el) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        const bottom = r.bottom - parseFloat(s.borderBottomWidth);
        return { x: r.left + parseFloat(s.borderLeftWidth) + 1, y: bottom - parseFloat(s.paddingBottom), width: el.clientWidth - 2, height: parseFloat(s.paddingBottom) - 1 };
      });
      expect(band.height).toBeGreaterThan(2);
      // Ink: a pixel of words (dark or red), not the panel's white or a card's pale pink.
      const ink = await inkIn(page, band, 150);
      expect(ink).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('the top bar at 150% on a 1280x720 projector', () => {
  // A lesson's title and its facts (scenario, join, hardware, seed) wrapped to four lines, a top bar of 82 of the 480
  // CSS pixels (123 of the projector's 720): the title and the facts keep one line each, and the changes made stay in view.
  it("every lesson's run title and its facts keep one line each; a fault's 'change made' stays in view beside the buttons", async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    const lessons = readdirSync(fileURLToPath(new URL('../../scenarios/lessons/', import.meta.url))).filter((f) => f.endsWith('.yaml'));
    const problems: string[] = [];
    const lines = () =>
      page.evaluate(() => {
        const lineCount = (sel: string) => {
          const el = document.querySelector(sel)!;
          const visible = [...el.querySelectorAll(':scope > span')].filter((s) => s.getBoundingClientRect().top < el.getBoundingClientRect().bottom - 1);
          const tops = new Set((visible.length ? visible : [el]).map((s) => Math.round(s.getBoundingClientRect().top)));
          return sel === '.run-meta' ? tops.size : Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
        };
        const injected = document.querySelector('[data-testid=injected]')?.getBoundingClientRect();
        const meta = document.querySelector('.run-meta')!.getBoundingClientRect();
        const actions = document.querySelector('.topbar .actions')!.getBoundingClientRect();
        return {
          title: lineCount('[data-testid=run-title]'),
          meta: lineCount('.run-meta'),
          injected: injected ? injected.bottom <= meta.bottom + 0.5 && injected.right <= actions.left + 0.5 && injected.width > 0 : null,
        };
      });
    try {
      // Each lesson after the first by its address, waiting for its own run: a goto to another address only changed the
      // hash, and the wait for a drawn chart passed on the lesson before's, whose title could be measured again.
      await page.goto(`${studio.url}#scenario=lessons/${lessons[0]}`);
      await chartReady(page);
      for (const lesson of lessons) {
        if (lesson !== lessons[0]) await openByAddress(page, `lessons/${lesson}`);
        const at = await lines();
        if (at.title !== 1) problems.push(`${lesson}: the run title takes ${at.title} lines`);
        if (at.meta !== 1) problems.push(`${lesson}: the run's facts take ${at.meta} lines`);
      }
      // A fault struck: its count comes first, in view.
      await openByAddress(page, 'lessons/06-pre-provisioning-then-user-weeks-later.yaml');
      await page.locator('[data-testid=faults] button').first().click();
      await page.waitForSelector('[data-testid=injected]');
      await settled(page);
      const after = await lines();
      if (after.injected !== true) problems.push("after a fault, '1 change made' is out of view");
      if (after.meta !== 1) problems.push(`after a fault, the run's facts take ${after.meta} lines`);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
