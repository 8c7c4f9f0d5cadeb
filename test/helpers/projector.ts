// What the projector tests share (projector-reading.e2e.test.ts, projector-side-by-side.e2e.test.ts): the two
// projectors USERS.md names, a page of the studio at one of their sizes, and the device screens' widths and words.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, reusedPage, studioForTests } from './studio.ts';

export const PROJECTORS = [
  [1280, 720],
  [1024, 768],
] as const;

/**
 * The studio and one browser context for a test file (its pages share the chart layouts kept in Cache Storage), and
 * `open`: a page of it at a size, on a bundled file, its chart drawn; `reuse`: the file's one page shared by the tests
 * that can share it, at a size, on a bundled file opened by its address (reusedPage). Call it at the top of the file.
 */
export function projectorPages(): {
  readonly studio: ReturnType<typeof studioForTests>;
  open(width: number, height: number, file: string): Promise<Page>;
  reuse(width: number, height: number, file: string): Promise<Page>;
} {
  const studio = studioForTests();
  let context: BrowserContext;
  beforeAll(async () => {
    context = await studio.browser.newContext(CONTEXT_OPTIONS);
  }, 180_000);
  const open = async (width: number, height: number, file: string): Promise<Page> => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`${studio.url}#scenario=${file}`);
    await chartReady(page);
    return page;
  };
  const shared = reusedPage(open);
  return { studio, open, reuse: async (width, height, file) => (await shared(width, height, file)).page };
}

/**
 * Each device screen on the page: its width, the smallest of its words (not the status circles' glyphs or the logo's
 * letter), and the words it cuts short (an ellipsis: 'Working on i…').
 */
export function screens(page: Page): Promise<Array<{ width: number; smallest: number; what: string; cut: string[] }>> {
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
