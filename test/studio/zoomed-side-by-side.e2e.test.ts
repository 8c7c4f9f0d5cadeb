// Side by side on a 1280x720 projector zoomed to 150% or 125% (853x480 and 1024x576 CSS px): the columns took the
// height their narrations asked for (276 px in the 159 left to them at 150%) and ran over the table of steps, both device
// screens drawn across its head and rows, each column's 2 px chart with its tools over the table too, beside lesson 12's
// "Classic Autopilot → device preparation"; and the bar over them took two lines. Each column now keeps to its room.
import { describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, openByAddress, settled, stepOnce, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

describe('side by side on a zoomed projector', () => {
  it('keeps both columns, their screens and charts off the table of steps, and its bar to one line, at 150% and 125%', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (moment: string) => {
      await settled(page);
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const table = document.querySelector('.cmp-table')!.getBoundingClientRect();
        for (const col of ['a', 'b']) {
          for (const [what, sel] of [
            ['column', `[data-testid=compare-${col}]`],
            ['device screen', `[data-testid=compare-${col}] .monitor`],
            ["chart's tools", `[data-testid=compare-${col}] .chart-tools`],
          ] as const) {
            const el = document.querySelector(sel);
            const r = el?.getBoundingClientRect();
            if (r && r.height > 0 && r.bottom > table.top + 0.5) out.push(`${col.toUpperCase()}'s ${what} runs ${Math.round(r.bottom - table.top)} px over the table of steps`);
          }
        }
        const bar = [...document.querySelector('.cmp-bar')!.children].filter((c) => c.getClientRects().length);
        const lines = new Set(bar.map((c) => Math.round(c.getBoundingClientRect().bottom / 8)));
        if (lines.size > 1) out.push(`the bar over the columns takes ${lines.size} lines`);
        return out;
      });
      for (const p of found) problems.push(`${moment}: ${p}`);
    };
    try {
      await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
      await openByAddress(page, 'lessons/12-classic-or-device-preparation.yaml');
      await page.keyboard.press('c');
      await page.waitForSelector('[data-testid=compare-b] .screen');
      for (const [w, h] of [
        [853, 480],
        [1024, 576],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.keyboard.press('Home');
        await check(`${w}x${h}, at the start`);
        // Step 8: A in the device ESP, B a moment on its way to device preparation.
        for (let k = 0; k < 8; k++) await stepOnce(page);
        await check(`${w}x${h}, ${(await page.textContent('[data-testid=step-counter]'))!.trim()}`);
        await page.keyboard.press('End');
        await check(`${w}x${h}, at the end`);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
