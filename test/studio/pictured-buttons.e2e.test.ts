// The buttons drawn on the device screen ("Yes", "Next", "Try again", the technician's "Reseal", device preparation's
// "Retry") do nothing and take no focus: they are part of the picture of what the person at the device sees. A screen
// reader announced each as a button, one it could not press. They read as the picture's now (a list "Buttons on the
// screen" in the region), while the studio's real controls for them, the choices under the narration ("User presses Try
// again"), stay buttons. Read from the accessibility tree (ariaSnapshot, getByRole), in one page load.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, chartReady, openByAddress, stepOnce, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();
let page: Page;

beforeAll(async () => {
  const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
  page = await context.newPage();
  await page.goto(`${studio.url}#scenario=failures/esp-timeout-large-app.yaml`);
  await chartReady(page);
}, 180_000);

const device = () => page.getByRole('region', { name: 'What the person at the device sees' });

/** Walk the open run to its end: at each step the device screen's buttons in the accessibility tree, and the words drawn as buttons on it. */
async function walk(each?: () => Promise<void>): Promise<{ buttons: string[]; pictured: Set<string> }> {
  const buttons: string[] = [];
  const pictured = new Set<string>();
  do {
    await each?.();
    for (const b of await device().getByRole('button').all()) buttons.push(`${await b.textContent()} at ${await page.textContent('[data-testid=step-counter]')}`);
    for (const t of await device().getByRole('list', { name: 'Buttons on the screen' }).getByRole('listitem').allTextContents()) pictured.add(t.trim());
  } while (await stepOnce(page));
  return { buttons, pictured };
}

describe("the device screen's buttons to a screen reader", () => {
  it("the ESP's error page: its Try again and Collect logs a list in the picture; the choices under the narration buttons", async () => {
    let tree = '';
    let narration = '';
    const { buttons, pictured } = await walk(async () => {
      if (tree || !(await page.$('[data-testid=esp-buttons]'))) return;
      tree = await device().ariaSnapshot();
      narration = await page.getByRole('region', { name: 'Narration' }).ariaSnapshot();
    });
    expect(buttons).toEqual([]);
    // OOBE's Yes and Next, the sign-in's Next and the error page's buttons were all drawn.
    for (const b of ['Yes', 'Next', 'Try again', 'Collect logs']) expect(pictured).toContain(b);
    expect(tree).toContain('list "Buttons on the screen"');
    expect(tree).toContain('listitem: Try again');
    expect(tree).not.toContain('button');
    expect(narration).toContain('button "User presses Try again"');
  });

  it("the technician's screens and device preparation's: no button in the picture either", async () => {
    const seen = new Set<string>();
    for (const file of ['pre-provisioned-entra.yaml', 'failures/device-preparation-app-fails.yaml']) {
      await openByAddress(page, file);
      const { buttons, pictured } = await walk();
      expect(buttons, file).toEqual([]);
      for (const p of pictured) seen.add(p);
    }
    for (const b of ['Reseal', 'Retry']) expect(seen).toContain(b);
  });
});
