// A diagram handed out on paper: the SVG `diagram --format svg` writes, opened as a file on another machine (no server,
// no network) and printed on A4. It kept its size in pixels and the page cut it: a 16:9 slide's 1920 px printed to the
// 1123 px of a landscape A4 page, its right two fifths lost (the Failed and OOBE ends of pre-provisioned at --fit 16:9).
// Printed, it now fits the page whole.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { slideSvg } from '../../src/cli/commands/diagram.ts';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp.ts';

/** An A4 page at 96 px an inch, as Chromium prints it (page.pdf's format A4, no margins). */
const A4 = { landscape: { width: 1123, height: 794 }, portrait: { width: 794, height: 1123 } };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('diagram --format svg printed on A4 from a file', () => {
  it.each([
    ['pre-provisioned --fit 16:9', { frame: { width: 1920, height: 1080 } }, A4.landscape],
    ['user-driven --state deviceEsp --fit 16:9', { root: 'deployment.deviceEsp', frame: { width: 1920, height: 1080 } }, A4.landscape],
    ['self-deploying (no --fit)', {}, A4.portrait],
  ] as const)('%s: the whole drawing on the page', async (what, opts, page) => {
    const scenario = what.split(' ')[0] as 'pre-provisioned';
    const file = join(tempDir('diagram-print-'), 'slide.svg');
    writeFileSync(file, await slideSvg(scenario, opts));
    const context = await browser.newContext({ offline: true, viewport: page });
    try {
      const p = await context.newPage();
      await p.goto(`file://${file}`);
      await p.emulateMedia({ media: 'print' });
      const box = await p.evaluate(() => {
        const r = document.documentElement.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
      expect(box.left).toBeGreaterThanOrEqual(-0.5);
      expect(box.top).toBeGreaterThanOrEqual(-0.5);
      expect(box.right, `the drawing's right edge on a page ${page.width} px wide`).toBeLessThanOrEqual(page.width + 0.5);
      expect(box.bottom, `the drawing's foot on a page ${page.height} px high`).toBeLessThanOrEqual(page.height + 0.5);
      // And one page of it, not the first of several.
      const pdf = (await p.pdf({ format: 'A4', landscape: page === A4.landscape, printBackground: true })).toString('latin1');
      expect(/\/Count (\d+)/.exec(pdf)?.[1]).toBe('1');
    } finally {
      await context.close();
    }
  });
});
