// Presenter mode's f opens the faults possible now over the device; the focus went to the first button in the page's
// order, a choice the class can make where there is one (lesson 01's Apps: 'User leaves the ESP before setup finishes'),
// and Space then forked the run on that choice, where docs/trainers.md says f goes to the faults and Space strikes the
// one reached, as the studio's f does. It now goes to the first fault.
import { describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, POLL, stepUntil, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

describe("presenter mode's f", () => {
  it('goes to the first fault, not a choice before it, and Space strikes it', async () => {
    const page = await (await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } })).newPage();
    try {
      await page.goto(`${studio.url}#scenario=lessons/01-first-user-driven-deployment.yaml&presenter`);
      await page.waitForSelector('.app.presenter [data-testid=narration-core]', POLL);
      // The device ESP's Apps, where the user can leave the ESP and an app can fail.
      await stepUntil(page, async () => (await page.textContent('[data-testid=state-title]'))?.trim() === 'Apps');
      await page.keyboard.press('f');
      await page.waitForSelector('[data-testid=faults-dialog] [data-testid=choices]', POLL);
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
      await expect.poll(focused, POLL).toMatch(/^fault-/);
      const fault = (await focused())!.slice('fault-'.length);
      await page.keyboard.press(' ');
      await page.waitForSelector('[data-testid=faults-dialog]', { state: 'detached' });
      // The run's address carries what was struck: that fault, not a choice.
      const struck = () =>
        page.evaluate(() => {
          const m = /^#run=([^&]*)/.exec(location.hash);
          return m ? (JSON.parse(atob(m[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { faults: Array<{ fault: string }> }).faults.map((f) => f.fault) : [];
        });
      await expect.poll(struck, POLL).toEqual([fault]);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
