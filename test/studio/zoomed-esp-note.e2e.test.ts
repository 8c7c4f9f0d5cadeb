// At 1280x720 zoomed to 150% (853x480 CSS px), a self-deploying device's ESP error page with the simulator's note under
// it (what the code means, which the page does not say: the device's Entra object deleted, 0x801C03F3, domain §2.6 S3)
// showed its message, its buttons and the note, and no ESP row: the note took its two lines' height from the device,
// whose screen fell from 256 to 177 px wide and its list of rows to nothing. At 1280x720 the page shows the failed row.
// The device keeps the size it has without a note; the narration, which scrolls, gives up the note's height. One page load.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, chartReady, espRows, layoutProblems, studioForTests, stepUntil } from '../helpers/studio.ts';

const studio = studioForTests();
let page: Page;

beforeAll(async () => {
  const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
  page = await context.newPage();
  await page.goto(`${studio.url}#scenario=self-deploying.yaml`);
  await chartReady(page);
}, 180_000);

describe('zoomed to 150%, a self-deploying ESP error page with a note under it', () => {
  it('shows its failed row whole, with the message, the buttons and the note; the step title and controls stay in view', async () => {
    await stepUntil(page, '[data-testid=fault-object-deleted]');
    await page.click('[data-testid=fault-object-deleted]');
    await stepUntil(page, '[data-testid=esp-buttons]');
    expect(await page.textContent('[data-testid=sim-note]')).toContain("Entra can't find the device object");
    const rows = await espRows(page);
    const failed = rows.filter((r) => /Failed: 0x801c03f3/i.test(r.text));
    expect(failed.map((r) => r.seen), JSON.stringify(rows)).toEqual(['whole']);
    expect(failed[0]!.underButtons).toBe(false);
    // The screen as wide as without a note (256 px), its message and buttons on it.
    const { width, outside } = await page.$eval('[data-testid=device-screen] .screen', (s) => {
      const b = s.getBoundingClientRect();
      const outside = ['esp-error-message', 'esp-buttons'].filter((id) => {
        const r = s.querySelector(`[data-testid=${id}]`)!.getBoundingClientRect();
        return r.top < b.top || r.bottom > b.bottom + 0.5 || r.left < b.left || r.right > b.right + 0.5;
      });
      return { width: b.width, outside };
    });
    expect(width).toBeGreaterThan(250);
    expect(outside).toEqual([]);
    expect(
      await layoutProblems(page, {
        'device screen': '[data-testid=device-screen] .monitor',
        note: '[data-testid=sim-note]',
        'step title': '[data-testid=state-title]',
        'step controls': '[data-testid=transport]',
      }),
    ).toEqual([]);
  });
});
