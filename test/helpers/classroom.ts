// What the classroom tests share (classroom.e2e.test.ts, classroom-bugs.e2e.test.ts): the studio, one browser context
// for a file, its pages' console watched, and the step counter.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll } from 'vitest';
import { CONTEXT_OPTIONS, reusedPage, studioForTests } from './studio.ts';

/**
 * The studio and one context for a test file, and its pages: `reuse`, one page for the tests that can share it (each
 * opens its file by address in it), `open` and `newPage` a page of a test's own. Pages of one context share the browser's Cache Storage,
 * where the studio keeps the chart layouts it has drawn (a context per test laid out every chart again: about two
 * seconds of CPU a page). Each page's console errors and warnings are kept in `consoleErrors`, for the file's last test.
 * Call it at the top of the file.
 */
export function classroomPages() {
  const studio = studioForTests();
  const consoleErrors: string[] = [];
  let context: BrowserContext;
  beforeAll(async () => {
    context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, acceptDownloads: true });
  }, 180_000);
  const watch = (p: Page): void => {
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  };
  /** A page of the file's context, its console watched. */
  const newPage = async (): Promise<Page> => {
    const page = await context.newPage();
    watch(page);
    return page;
  };
  /** A page at a size on a bundled file, its chart drawn. */
  const open = async (width: number, height: number, file: string): Promise<{ context: BrowserContext; page: Page }> => {
    const page = await newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`${studio.url}#scenario=${file}`);
    await page.waitForSelector('[data-testid=chart][data-ready="1"] svg');
    return { context, page };
  };
  /** The file's one reused page at a size, on a bundled file (reusedPage). */
  const reuse = reusedPage(async (width, height, file) => (await open(width, height, file)).page);
  return { studio, consoleErrors, newPage, open, reuse, watch };
}

export const counter = async (p: Page) => (await p.textContent('[data-testid=step-counter]'))!.trim();
