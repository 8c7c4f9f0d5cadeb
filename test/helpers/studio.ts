// What the studio's browser tests share: the built app, rebuilt when its sources are newer, the
// reference run's length as the model gives it (not a number copied into each test), and
// stepping a page forward until a condition holds.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { startStudioServer, STUDIO_DIR } from '../../src/studio/server.ts';
import { launchChromium } from './browser.ts';
import { newestMtime } from './newest.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Build dist/studio when it is missing or older than its sources. */
export function ensureStudioBuilt(): void {
  const index = join(STUDIO_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(['src', 'machines', 'scenarios'])) return;
  execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'src/studio/vite.config.ts'], { cwd: repo, stdio: 'pipe' });
}

/**
 * The studio served on a free port and a Chromium, for a test file's tests: built if stale and started before them,
 * closed after them. Call it at the top of the file; read `url` and `browser` inside the tests (or a later beforeAll).
 */
export function studioForTests(): { readonly url: string; readonly browser: Browser } {
  const studio = {} as { url: string; browser: Browser; server?: Server };
  beforeAll(async () => {
    ensureStudioBuilt();
    ({ server: studio.server, url: studio.url } = await startStudioServer({ port: 0 }));
    studio.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await studio.browser?.close();
    await new Promise((r) => (studio.server ? studio.server.close(r) : r(undefined)));
  });
  return studio;
}

/** Steps of the studio's default run (scenarios/user-driven-entra.yaml at its seed). */
export function referenceSteps(): number {
  const file = parseScenario('user-driven-entra.yaml', readFileSync(join(repo, 'scenarios/user-driven-entra.yaml'), 'utf8'));
  return simulate(environmentOf(file), { seed: file.seed }).outcome.steps;
}

/**
 * The browser contexts of the studio's tests ask for less motion (prefers-reduced-motion), as a
 * user may: the chart jumps to the active state instead of gliding there over a few hundred
 * milliseconds of frames, and spinners stand still. Each step then renders once, not twenty
 * times (about half of Chromium's CPU in these tests), and a click on the chart never lands
 * mid-pan. studio.e2e.test.ts checks both settings (the default glides).
 */
export const CONTEXT_OPTIONS = { reducedMotion: 'reduce' } as const;

/** How long a read after a key press or a click waits for the page to re-render (expect.poll). */
export const POLL = { timeout: 15_000 };

/**
 * Wait until a chart is drawn (data-ready="1" and its SVG in place; `chart` selects it, a scope first if needed). A
 * chart whose layout failed fails the wait at once with what it says, and one still laying out when the wait ends
 * says so, instead of Playwright's bare 30 s timeout. The wait is long because a first page load lays out with ELK
 * (the placements are kept in the browser context's Cache Storage afterwards), which under a full test run's load
 * took several seconds where it takes one alone.
 */
export async function chartReady(page: Page, chart = '[data-testid=chart]', timeout = 120_000): Promise<void> {
  const read = (sel: string) => {
    const c = document.querySelector(sel);
    if (c?.getAttribute('data-ready') === '1' && c.querySelector('svg')) return 'ready';
    const error = c?.querySelector('.chart-loading.error');
    return error ? `failed: ${error.textContent}` : null;
  };
  let state: string | null;
  try {
    state = (await (await page.waitForFunction(read, chart, { timeout })).jsonValue()) as string;
  } catch (e) {
    const shows = await page.evaluate((sel) => document.querySelector(sel)?.textContent?.slice(0, 200) ?? 'no chart on the page', chart).catch(() => '?');
    throw new Error(`${chart} not drawn after ${timeout / 1000} s: it shows "${shows}" (${(e as Error).message.split('\n')[0]})`);
  }
  if (state !== 'ready') throw new Error(`${chart}: ${state}`);
}

const STEP_COUNTER = '[data-testid=step-counter]';

/**
 * Open a bundled file (a path under scenarios/) in a page already open, by its address, as a trainer typing it or a
 * link followed does: the studio opens it without a reload, at its start, the file the page is on too (the studio starts
 * a file named in the address over). Resolves once its run is on screen at step 0 (the run's title, which is the file's
 * lesson title or name, in the same render as its first step) and its chart drawn. A page whose address names the file
 * already (its run at the start, or an address not yet rewritten after a step, which is written a quarter of a second
 * later) is sent through an empty address first, so that the studio hears the file named.
 */
export async function openByAddress(page: Page, path: string, chart = '[data-testid=chart]'): Promise<void> {
  const file = parseScenario(path, readFileSync(join(repo, 'scenarios', path), 'utf8'));
  const title = file.lesson?.title ?? file.name ?? path;
  await page.evaluate((hash) => {
    if (location.hash === hash) location.hash = '';
    location.hash = hash;
  }, `#scenario=${path}`);
  await page.waitForFunction(
    ([sel, t]) => document.querySelector('[data-testid=run-title]')?.getAttribute('title') === t && /^step 0 \//.test(document.querySelector(sel!)?.textContent?.trim() ?? ''),
    [STEP_COUNTER, title] as const,
    { timeout: POLL.timeout },
  );
  await chartReady(page, chart);
  // And the new run's effects: Preact runs them after a frame, and one closes a lesson opening when the run changes
  // (app.ts). A key pressed before it ran can be undone by it, the likely cause of lesson-opening's one failure in a
  // fresh-clone CI run of 9e8d7c6 (← at step 0 of lesson 12, opened by address, and no opening within 30 s; three runs
  // by hand passed).
  await settled(page);
}

/** How long a step may take to move the step counter (Playwright's default wait). */
const STEP_TIMEOUT = 30_000;

/**
 * In the page, one round trip for a whole walk: step with the step button until `until` (a selector) is on the page, at
 * most `max` presses, or once when `until` is null. Each press waits for the step counter to move, then for the next
 * frame and a task after it (when Preact runs a hook's effects), before looking for `until`: a step shown for one press
 * is never skipped. Says why when the counter never moves.
 */
function stepInPage({ counter, until, max, timeout }: { counter: string; until: string | null; max: number; timeout: number }): Promise<{ reached: boolean; pressed: number; last: boolean; stuck: string | null }> {
  const read = () => document.querySelector(counter)?.textContent?.trim() ?? null;
  const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r)));
  return (async () => {
    let pressed = 0;
    for (; pressed < max; pressed++) {
      // Each press has the whole time limit, as a wait of its own.
      const end = performance.now() + timeout;
      if (until !== null && document.querySelector(until)) return { reached: true, pressed, last: false, stuck: null };
      let before = read();
      for (; before === null; before = read()) {
        if (performance.now() > end) return { reached: false, pressed, last: false, stuck: `no ${counter} on the page` };
        await frame();
      }
      const [, at, last] = /(\d+) \/ (\d+)/.exec(before) ?? [];
      if (at !== undefined && at === last) return { reached: false, pressed, last: true, stuck: null };
      const button = document.querySelector<HTMLButtonElement>('[data-testid=btn-step]');
      if (!button) return { reached: false, pressed, last: false, stuck: 'no step button on the page' };
      button.click();
      while (read() === before) {
        if (performance.now() > end) return { reached: false, pressed, last: false, stuck: `the step counter stayed at '${before}' after a press of the step button${button.disabled ? ' (disabled)' : ''}` };
        await frame();
      }
      // And the frame after the one that showed it, by when the step's effects have run.
      await frame();
      if (until === null) return { reached: true, pressed: pressed + 1, last: false, stuck: null };
    }
    return { reached: false, pressed, last: false, stuck: null };
  })();
}

/** Walk in the page (stepInPage) and say where it stopped when it could not step. */
async function walkInPage(page: Page, until: string | null, max: number): Promise<{ reached: boolean; pressed: number; last: boolean }> {
  const r = await page.evaluate(stepInPage, { counter: STEP_COUNTER, until, max, timeout: STEP_TIMEOUT });
  if (r.stuck) throw new Error(`could not step: ${r.stuck}, ${await whereIs(page)}`);
  return r;
}

/**
 * Step once with the step button and wait for the step counter to move (false, with no step, at the last step). Not →,
 * which first pages through a narration cut under 'more below', as a clicker's next does; clicked in the page, so the
 * focus stays where it was. One round trip (it was three: read the counter, click, wait).
 */
export async function stepOnce(page: Page): Promise<boolean> {
  return (await walkInPage(page, null, 1)).reached;
}

/**
 * Step until `done` holds, a step at a time, so a step shown for one press is never skipped: checking a page that has
 * not re-rendered yet (as on a busy machine) would read the step before and press past the one looked for. `done` is a
 * selector (until an element matches it: the whole walk in the page, one round trip) or a check run from here after
 * each step.
 */
export async function stepUntil(page: Page, done: string | (() => Promise<boolean>), max = 80): Promise<void> {
  let pressed = 0;
  let last = false;
  if (typeof done === 'string') {
    const r = await walkInPage(page, done, max);
    if (r.reached) return;
    ({ pressed, last } = r);
  } else
    for (; pressed < max; pressed++) {
      if (await done()) return;
      if (!(await stepOnce(page))) {
        last = true;
        break;
      }
    }
  throw new Error(`never reached the expected step: ${last ? 'at the last step' : `${max} steps on`}, ${await whereIs(page)}`);
}

/**
 * Where a page is, for a failure's message, so that a CI log alone tells which run and step it stopped at: the step
 * counter, the run's title, the device's screen (its testid) and the address (a reload opens the run it names).
 */
export async function whereIs(page: Page): Promise<string> {
  const at = await page
    .evaluate(() => {
      const text = (sel: string) => document.querySelector(sel)?.textContent?.trim().replace(/\s+/g, ' ') ?? 'none';
      const screen = document.querySelector('[data-testid=device-screen]');
      const shown = screen?.querySelector('.screen [data-testid]')?.getAttribute('data-testid') ?? `no testid (kind ${screen?.getAttribute('data-kind') ?? 'no device screen'})`;
      return `${text('[data-testid=step-counter]')} of '${text('[data-testid=run-title]')}', the device showing ${shown}, the address ${location.hash.slice(0, 80) || 'without a #'}`;
    })
    .catch((e: Error) => `the page unreadable (${e.message.split('\n')[0]})`);
  return at;
}

/**
 * Click an element of the statechart once the chart has stopped moving: a step pans the chart to
 * the active state (an animation of a few hundred milliseconds), and a click computed before the
 * pan ends lands where the element was, on something else (seen on a busy machine).
 */
export async function clickOnChart(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid=chart] .chart-canvas');
    return c !== null && !c.classList.contains('moving');
  });
  const el = page.locator(selector).first();
  // Two reads a frame apart agree: the element is where the click will go.
  let last = '';
  for (let i = 0; i < 50; i++) {
    const now = JSON.stringify(await el.boundingBox());
    if (now === last) break;
    last = now;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await el.click({ force: true });
}

/** What a trainer teaches from: each must be whole, inside the window, and clear of the others. */
export const TEACHING = {
  'device screen': '[data-testid=device-screen] .monitor',
  'step title': '[data-testid=state-title]',
  narration: '[data-testid=narration-text]',
  'Why line': '[data-testid=narration-why]',
  'step controls': '[data-testid=transport]',
  'run title': '[data-testid=run-title]',
};

/**
 * Layout problems: an element missing or empty, outside the viewport, with text clipped by
 * its own box (scroll size above client size), cut by an ancestor that clips, or overlapping
 * another of the set.
 */
export async function layoutProblems(page: Page, selectors: Record<string, string>, optional: string[] = []): Promise<string[]> {
  return page.evaluate(
    ({ selectors, optional }) => {
      const problems: string[] = [];
      const vw = document.documentElement.clientWidth;
      const vh = document.documentElement.clientHeight;
      const boxes: Array<[string, DOMRect]> = [];
      for (const [name, sel] of Object.entries(selectors)) {
        const el = document.querySelector(sel) as HTMLElement | null;
        if (!el) {
          if (!optional.includes(name)) problems.push(`${name}: missing`);
          continue;
        }
        const r = el.getBoundingClientRect();
        boxes.push([name, r]);
        if (r.width < 1 || r.height < 1) problems.push(`${name}: empty box`);
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) problems.push(`${name}: outside the ${vw}x${vh} viewport (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.right)},${Math.round(r.bottom)})`);
        if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) problems.push(`${name}: text clipped (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          const ar = a.getBoundingClientRect();
          if (r.top < ar.top - 0.5 || r.bottom > ar.bottom + 0.5 || r.left < ar.left - 0.5 || r.right > ar.right + 0.5) {
            problems.push(`${name}: cut by its container .${String(a.className).split(' ').join('.')}`);
            break;
          }
        }
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [n1, a] = boxes[i]!;
          const [n2, b] = boxes[j]!;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5) problems.push(`${n1} overlaps ${n2}`);
        }
      return problems;
    },
    { selectors, optional },
  );
}

/**
 * ESP rows (section heads, rows, apps) shown on the device screen, each with what a viewer sees
 * of it: whole, cut by the list or the screen (a row half out of view), or not at all (scrolled
 * away); and whether what shows of it lies under the ESP's buttons.
 */
export async function espRows(page: Page): Promise<Array<{ text: string; status: string | null; seen: 'whole' | 'cut' | 'hidden'; underButtons: boolean; halfUnderHead: boolean }>> {
  return page.evaluate(() => {
    const screen = document.querySelector('[data-testid=device-screen] .screen')!;
    const buttons = document.querySelector('[data-testid=esp-buttons]')?.getBoundingClientRect();
    const items = [...document.querySelectorAll<HTMLElement>('.esp-section-head, [data-testid=esp-row] > .esp-row-text, [data-testid=esp-app]')];
    return items.map((el) => {
      const r = el.getBoundingClientRect();
      let [top, bottom, left, right] = [r.top, r.bottom, r.left, r.right];
      for (let a = el.parentElement; a && a !== screen.parentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const ar = a.getBoundingClientRect();
        [top, bottom, left, right] = [Math.max(top, ar.top), Math.min(bottom, ar.bottom), Math.max(left, ar.left), Math.min(right, ar.right)];
      }
      const seen = bottom - top < 1 || right - left < 1 ? 'hidden' : bottom - top < r.height - 1 || right - left < r.width - 1 ? 'cut' : 'whole';
      const underButtons = seen !== 'hidden' && !!buttons && Math.min(bottom, buttons.bottom) - Math.max(top, buttons.top) > 0.5 && Math.min(right, buttons.right) - Math.max(left, buttons.left) > 0.5;
      const row = el.closest('[data-testid=esp-app]') ?? el.closest('[data-testid=esp-row]') ?? el.closest('.esp-section');
      // Half under a section's head stuck at the top of the list (its words cut across), not wholly under it.
      const list = el.closest('[data-testid=esp-sections]')?.getBoundingClientRect();
      const halfUnderHead =
        seen !== 'hidden' &&
        [...document.querySelectorAll('.esp-expanded > .esp-section-head')].some((h) => {
          const hr = h.getBoundingClientRect();
          return h !== el && list !== undefined && hr.top <= list.top + 0.5 && top < hr.bottom - 0.5 && bottom > hr.bottom + 0.5;
        });
      return { text: el.textContent!.trim().replace(/\s+/g, ' '), status: row?.getAttribute('data-status') ?? row?.className ?? null, seen, underButtons, halfUnderHead };
    });
  });
}

/** After a resize: two frames drawn, so what reacts to the new size has. */
export const settled = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/**
 * How many pixels of a part of the page, as the class sees it, are other than white: a channel under `below` (250; 150
 * counts only words, dark or red, not a card's pale pink or the page's grey ground).
 */
export async function inkIn(page: Page, clip: { x: number; y: number; width: number; height: number }, below = 250): Promise<number> {
  const png = (await page.screenshot({ clip })).toString('base64');
  return page.evaluate(async ([src, below]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${src}`;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, img.height];
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.min(d[i]!, d[i + 1]!, d[i + 2]!) < below) ink++;
    return ink;
  }, [png, below] as const);
}

/**
 * A box's 'more below' tab: the room above it for the box's words (in px and in lines), and the band at its height to
 * the left of it (the box's own scrollbar aside), where a word or a card shown would be cut beside the tab.
 */
export function moreTab(page: Page, selector: string): Promise<{ above: number; line: number; band: { x: number; y: number; width: number; height: number } } | null> {
  return page.$eval(selector, (el) => {
    if (!el.classList.contains('more-below')) return null;
    const box = el.getBoundingClientRect();
    const tab = getComputedStyle(el, '::after');
    const s = getComputedStyle(el);
    const top = box.top + el.clientTop + parseFloat(s.paddingTop);
    const bottom = box.top + el.clientTop + el.clientHeight;
    const height = parseFloat(tab.height);
    // Its width is its words' (a pseudo-element is not content-box sized by the page's '*' rule), its padding beside them.
    const right = box.left + el.clientLeft + el.clientWidth - parseFloat(s.paddingRight) - parseFloat(tab.width) - parseFloat(tab.paddingLeft) - parseFloat(tab.paddingRight);
    // A pixel in from each edge of the band: its own edges are drawn anti-aliased.
    return { above: bottom - height - top, line: parseFloat(s.lineHeight), band: { x: box.left + el.clientLeft + 1, y: bottom - height + 1, width: right - box.left - el.clientLeft - 3, height: height - 2 } };
  });
}

/**
 * A test file's one reused page, from `open` (a new page at a size on a bundled file, its chart drawn) the first time;
 * after that the same page at the size asked, put back as a new page starts (freshPage) and the file opened by its
 * address (openByAddress, no reload: a quarter of a second where a new page's load took two under a full run's load).
 * For the tests that neither reload the page nor need a context of their own; none closes it.
 */
export function reusedPage(open: (width: number, height: number, file: string) => Promise<Page>): (width: number, height: number, file: string) => Promise<{ page: Page }> {
  let shared: Page | undefined;
  return async (width, height, file) => {
    if (!shared || shared.isClosed()) {
      shared = await open(width, height, file);
      await watchPresenterChart(shared);
      return { page: shared };
    }
    await freshPage(shared);
    await shared.setViewportSize({ width, height });
    await openByAddress(shared, file);
    return { page: shared };
  };
}

/** Keeps in the page which chart presenter mode shows (window.presenterChart), which the studio keeps outside presenter mode too. */
async function watchPresenterChart(page: Page): Promise<void> {
  await page.evaluate(() => {
    const app = document.querySelector('.app')!;
    const w = window as unknown as { presenterChart: string };
    w.presenterChart = 'hidden';
    new MutationObserver(() => {
      if (app.classList.contains('chart-large')) w.presenterChart = 'large';
      else if (app.classList.contains('chart-hidden')) w.presenterChart = 'hidden';
    }).observe(app, { attributes: true, attributeFilter: ['class'] });
  });
}

/**
 * A page of the studio put back as a new page starts, whatever a test left open in it: the focus on the page, no
 * presenter mode (and its chart hidden for the next p, as at the start), no side by side, dialog or blank screen, the
 * default speed. Its run is the test's to open next (openByAddress: the tab and the lesson's opening follow the run).
 * Fails when the page still differs.
 */
export async function freshPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  if (await page.$('[data-testid=blank-screen]')) await page.click('[data-testid=blank-screen]');
  if ((await page.evaluate(() => (window as unknown as { presenterChart: string }).presenterChart)) === 'large') {
    if (!(await page.$('.app.presenter'))) await page.keyboard.press('p');
    await page.waitForSelector('.app.presenter.chart-large');
    await page.keyboard.press('g');
    await page.waitForSelector('.app.presenter.chart-hidden');
  }
  // Esc closes presenter mode's faults, the help or the picker, side by side, then presenter mode: one a press.
  const open = '.app.presenter, [data-testid=compare-view], [data-testid=help], [data-testid=picker], [data-testid=faults-dialog]';
  for (let i = 0; i < 5 && (await page.$(open)); i++) {
    await page.keyboard.press('Escape');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  // The inspector's tab stays open over a run without a lesson (a lesson opens on its own tab); a new page shows the log.
  if (await page.$('[data-testid=tab-inspector][aria-selected=true]')) await page.click('[data-testid=tab-log]');
  if ((await page.inputValue('[data-testid=speed]')) !== '60') await page.selectOption('[data-testid=speed]', '60');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  const left = await page.evaluate(
    (sel) => [...document.querySelectorAll(sel)].map((e) => e.getAttribute('data-testid') ?? e.className),
    `${open}, [data-testid=blank-screen]`,
  );
  if (left.length) throw new Error(`the reused page still shows ${left.join(', ')}`);
}
