// Read from the back of a room, on the projectors USERS.md names (1280x720 and 1024x768), in headless Chromium:
// the device screen is some 300 px wide or more with its words at 12 px or more in every layout a trainer uses (the
// studio, presenter mode and its faults, side by side with its timeline, in and out of presenter mode), and the
// who-acted chips (the event log, the narration, the class's choices) are at least 12 px and whole.
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer } from '../../src/studio/server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { chartReady, CONTEXT_OPTIONS, ensureStudioBuilt, POLL, stepUntil } from '../helpers/studio.ts';

let server: Server;
let url: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  ensureStudioBuilt();
  ({ server, url } = await startStudioServer({ port: 0 }));
  browser = await launchChromium();
  context = await browser.newContext(CONTEXT_OPTIONS);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const PROJECTORS = [
  [1280, 720],
  [1024, 768],
] as const;

async function open(width: number, height: number, file: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`${url}#scenario=${file}`);
  await chartReady(page);
  return page;
}

/** Each who-acted chip on the page: where it is, its type size, and what of it is cut (by its own box or its row's). */
function chips(page: Page): Promise<Array<{ where: string; px: number; cut: string | null }>> {
  return page.$$eval('.src', (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const el = e as HTMLElement;
        const where = el.closest('.log') ? 'event log' : el.closest('.narration') ? 'narration' : el.closest('.choices') ? 'choices' : 'elsewhere';
        const r = el.getBoundingClientRect();
        // The box that shows it: the list for a log line (its lines do not wrap), else its own row.
        const holder = (el.closest('.log ol') ?? el.parentElement!).getBoundingClientRect();
        const cut =
          el.scrollWidth > el.clientWidth + 0.5
            ? `its text ${el.scrollWidth} px in ${el.clientWidth}`
            : r.left < holder.left - 0.5 || r.right > holder.right + 0.5
              ? `${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(holder.left)}-${Math.round(holder.right)}`
              : null;
        return { where, px: parseFloat(getComputedStyle(el).fontSize), cut };
      }),
  );
}

describe('the who-acted chips on a projector', () => {
  it.each(PROJECTORS)("at %ix%i, in the event log, the narration and the choices, read at 12 px or more and are whole, as is the narration's phase badge", async (w, h) => {
    // Lesson 08 to its ESP error page: a long log, the narration's chip, and the class's choices (Try again, Reset…).
    const page = await open(w, h, 'lessons/08-esp-timeout-one-large-app.yaml');
    try {
      await page.click('[data-testid=tab-log]');
      await stepUntil(page, async () => (await page.locator('[data-testid=choices] .src').count()) > 0);
      const all = await chips(page);
      expect(new Set(all.map((c) => c.where))).toEqual(new Set(['event log', 'narration', 'choices']));
      expect(all.filter((c) => c.px < 12).map((c) => `${c.where}: ${c.px} px`)).toEqual([]);
      expect(all.filter((c) => c.cut).map((c) => `${c.where}: ${c.cut}`)).toEqual([]);
      // The narration's phase badge beside the step's title, as large (it was 11.2 px at 1280x720).
      await page.keyboard.press('Home');
      await page.waitForSelector('[data-testid=phase-badge]');
      expect(await page.$eval('[data-testid=phase-badge]', (e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(12);
    } finally {
      await page.close();
    }
  }, 120_000);
});

/**
 * Each device screen on the page: its width, the smallest of its words (not the status circles' glyphs or the logo's
 * letter), and the words it cuts short (an ellipsis: 'Working on i…').
 */
function screens(page: Page): Promise<Array<{ width: number; smallest: number; what: string; cut: string[] }>> {
  return page.$$eval('.screen', (els) =>
    els.map((s) => {
      let smallest = Infinity;
      let what = '';
      const cut: string[] = [];
      for (const e of s.querySelectorAll<HTMLElement>('*')) {
        if (e.closest('.st, .org-logo') || !e.getClientRects().length) continue;
        if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())) continue;
        const px = parseFloat(getComputedStyle(e).fontSize);
        if (px < smallest) [smallest, what] = [px, `${e.className || e.tagName}: "${e.textContent!.trim().slice(0, 30)}"`];
        if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') cut.push(`"${e.textContent!.trim()}" (${e.clientWidth} of ${e.scrollWidth} px)`);
      }
      return { width: s.getBoundingClientRect().width, smallest, what, cut };
    }),
  );
}

describe('the device screen on a projector', () => {
  it.each(PROJECTORS)('at %ix%i, in every layout a trainer uses, is 300 px wide or more and its words 12 px or more, none cut short', async (w, h) => {
    // Lesson 08's ESP error page: the stage's narration at its longest (the error card), the ESP's smallest words.
    const page = await open(w, h, 'lessons/08-esp-timeout-one-large-app.yaml');
    try {
      await stepUntil(page, async () => (await page.locator('[data-testid=esp-error-message]').count()) > 0);
      const problems: string[] = [];
      const check = async (layout: string, count: number) => {
        await expect.poll(async () => (await screens(page)).length, POLL).toBe(count);
        for (const [i, s] of (await screens(page)).entries()) {
          if (s.width < 299.5) problems.push(`${layout}, screen ${i + 1}: ${Math.round(s.width)} px wide`);
          if (s.smallest < 12) problems.push(`${layout}, screen ${i + 1}: ${s.what} at ${s.smallest} px`);
          // The ESP's section status was cut short on the error page ('Working on i…', 'Waiting for previous st…').
          for (const c of s.cut) problems.push(`${layout}, screen ${i + 1}: ${c}`);
        }
      };
      await check('studio', 1);
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter');
      await check('presenter mode', 1);
      await page.keyboard.press('f');
      await page.waitForSelector('[data-testid=faults-dialog]');
      await check('presenter mode, faults open', 1);
      await page.keyboard.press('Escape');
      await page.keyboard.press('p');
      await page.waitForSelector('.app:not(.presenter)');
      await page.keyboard.press('c');
      await page.waitForSelector('[data-testid=compare-table]');
      await check('side by side', 2);
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter.comparing');
      // Its ESP error page keeps every row its failure stopped at 12 px too (lesson 02: classroom.e2e.test.ts).
      await check('side by side in presenter mode', 2);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
