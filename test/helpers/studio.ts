// What the studio's browser tests share: the built app, rebuilt when its sources are newer, the
// reference run's length as the model gives it (not a number copied into each test), and
// stepping a page forward until a condition holds.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { STUDIO_DIR } from '../../src/studio/server.ts';
import { newestMtime } from './newest.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Build dist/studio when it is missing or older than its sources. */
export function ensureStudioBuilt(): void {
  const index = join(STUDIO_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(['src', 'machines', 'scenarios'])) return;
  execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'src/studio/vite.config.ts'], { cwd: repo, stdio: 'pipe' });
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

/** Press → once and wait for the step counter to move (false, with no press, at the last step). */
export async function stepOnce(page: Page): Promise<boolean> {
  const before = (await page.textContent(STEP_COUNTER))!.trim();
  const [, at, last] = /(\d+) \/ (\d+)/.exec(before) ?? [];
  if (at !== undefined && at === last) return false;
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(([sel, b]) => document.querySelector(sel!)?.textContent?.trim() !== b, [STEP_COUNTER, before] as const);
  return true;
}

/**
 * Press → until `done()` holds, a step at a time (stepOnce), so a step shown for one press is
 * never skipped: checking a page that has not re-rendered yet (as on a busy machine) would read
 * the step before and press past the one looked for.
 */
export async function stepUntil(page: Page, done: () => Promise<boolean>, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    if (!(await stepOnce(page))) break;
  }
  throw new Error('never reached the expected step');
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
