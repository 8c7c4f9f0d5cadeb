// Side by side in presenter mode on a 1280x720 projector zoomed to 150% (853x480 CSS px), beside lesson 12's "Classic
// Autopilot → device preparation": each screen kept a room 213 px high that its column did not have, so with the charts
// hidden both screens were cut 49 px by their columns, and with them shown (g) the screens ran 36 px and the charts 69 px
// over the table of steps. Both screens are now whole, off the table, their words 10 px or more, the step controls in view.
import { describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, openByAddress, settled, stepOnce, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

/** What is wrong with side by side as the class sees it: a screen cut or over the table, a chart over it, small words. */
function whatIsWrong(): string[] {
  const out: string[] = [];
  const table = document.querySelector('.cmp-table')!.getBoundingClientRect();
  for (const c of ['a', 'b']) {
    const name = c.toUpperCase();
    const colEl = document.querySelector(`[data-testid=compare-${c}]`)!;
    const col = colEl.getBoundingClientRect();
    const inner = col.bottom - parseFloat(getComputedStyle(colEl).borderBottomWidth);
    const monitor = colEl.querySelector('.monitor')!.getBoundingClientRect();
    if (monitor.bottom > inner + 0.5) out.push(`${name}'s device screen is cut ${Math.round(monitor.bottom - inner)} px by its column`);
    if (monitor.bottom > table.top + 0.5) out.push(`${name}'s device screen runs ${Math.round(monitor.bottom - table.top)} px over the table of steps`);
    const chart = colEl.querySelector('.chart');
    if (chart?.getClientRects().length) {
      const r = chart.getBoundingClientRect();
      if (r.bottom > table.top + 0.5) out.push(`${name}'s chart runs ${Math.round(r.bottom - table.top)} px over the table of steps`);
    }
    for (const e of colEl.querySelectorAll('.screen *')) {
      const words = [...e.childNodes].some((n) => n.nodeType === 3 && /\p{L}/u.test(n.textContent ?? ''));
      const size = parseFloat(getComputedStyle(e).fontSize);
      if (words && e.getClientRects().length && size < 9.95) out.push(`${name}'s screen has words at ${size.toFixed(1)} px: "${e.textContent!.trim().slice(0, 30)}"`);
    }
  }
  const step = document.querySelector('[data-testid=btn-step]')!.getBoundingClientRect();
  if (step.bottom > innerHeight + 0.5) out.push(`the step button ends ${Math.round(step.bottom - innerHeight)} px below the window`);
  if (document.documentElement.scrollHeight > innerHeight) out.push('the page scrolls');
  return out;
}

describe('side by side in presenter mode on a projector zoomed to 150%', () => {
  it('keeps both device screens whole, the screens and charts off the table of steps, and the step controls in view', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (moment: string) => {
      await settled(page);
      const found = await page.evaluate(whatIsWrong);
      for (const p of found) problems.push(`${moment}: ${p}`);
    };
    try {
      await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
      await openByAddress(page, 'lessons/12-classic-or-device-preparation.yaml');
      await page.keyboard.press('p');
      await page.keyboard.press('c');
      await page.waitForSelector('[data-testid=compare-b] .screen');
      for (const charts of ['hidden', 'shown'] as const) {
        await page.keyboard.press('Home');
        await check(`charts ${charts}, at the start`);
        // Step 8: A in the device ESP, B a moment on its way to device preparation.
        for (let k = 0; k < 8; k++) await stepOnce(page);
        await check(`charts ${charts}, ${(await page.textContent('[data-testid=step-counter]'))!.trim()}`);
        await page.keyboard.press('End');
        await check(`charts ${charts}, at the end`);
        if (charts === 'hidden') {
          await page.keyboard.press('g');
          await page.waitForSelector('.app.chart-large [data-testid=compare-a] .chart');
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
