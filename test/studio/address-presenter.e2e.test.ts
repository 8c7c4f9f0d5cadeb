// The address a trainer reloads, shares or types: presenter mode is in it (a reload, a trainer's F5 before class or a
// crash, lost it: the class saw the studio's chrome and small type), and the lesson already open, its address typed or
// pasted again, starts over (it stayed at its step with its faults).
import { describe, expect, it } from 'vitest';
import { counter } from '../helpers/classroom.ts';
import { chartReady, CONTEXT_OPTIONS, POLL, stepOnce, studioForTests } from '../helpers/studio.ts';
import { fromBase64Url, splitAddress } from '../../src/studio/app/run.ts';

const studio = studioForTests();
const LESSON = '#scenario=lessons/02-self-deploying-on-a-vm.yaml';
const FIRST = '#scenario=lessons/01-first-user-driven-deployment.yaml';

describe('the address and presenter mode', () => {
  it('keeps presenter mode, and the chart shown or hidden, through a reload and a shared link; Esc takes it out', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const hash = () => page.evaluate(() => location.hash);
    try {
      await page.goto(`${studio.url}${LESSON}`);
      await chartReady(page);
      await page.keyboard.press('p');
      await expect.poll(hash, POLL).toBe(`${LESSON}&presenter`);
      for (let i = 0; i < 3; i++) await stepOnce(page);
      // The address is written a quarter of a second after the last step: the one at step 3, presenting.
      const held = async () => {
        const { run, presenter } = splitAddress(await hash());
        return run.startsWith('#run=') ? { cursor: (JSON.parse(fromBase64Url(run.slice(5))) as { cursor: number }).cursor, presenter } : null;
      };
      await expect.poll(held, POLL).toEqual({ cursor: 3, presenter: 'hidden' });
      expect(await hash()).toMatch(/^#run=[\w-]+&presenter$/);
      await page.reload();
      await page.waitForSelector('.app.presenter.chart-hidden');
      expect(await counter(page)).toMatch(/^step 3 \//);
      expect(await page.evaluate(() => document.body.classList.contains('presenter'))).toBe(true);
      // The chart shown large (g): a link opened in another window presents it so.
      await page.keyboard.press('g');
      await expect.poll(hash, POLL).toMatch(/&presenter=chart$/);
      const shared = await context.newPage();
      try {
        await shared.goto(`${studio.url}${await hash()}`);
        await shared.waitForSelector('.app.presenter.chart-large');
        expect(await counter(shared)).toMatch(/^step 3 \//);
      } finally {
        await shared.close();
      }
      // Esc ends the show, and the address says so: a reload then opens the studio.
      await page.keyboard.press('Escape');
      await expect.poll(hash, POLL).toMatch(/^#run=[\w-]+$/);
      await page.reload();
      await page.waitForSelector('[data-testid=studio]:not(.presenter)');
      expect(await counter(page)).toMatch(/^step 3 \//);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('starts the lesson over when its address is typed again, in presenter mode as it was', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}${FIRST}`);
      await chartReady(page);
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter');
      for (let i = 0; i < 5; i++) await stepOnce(page);
      // A fault struck from the faults over the device (f): the run forks, as a class's "what if" does.
      await page.keyboard.press('f');
      await page.click('[data-testid=faults-dialog] button.fault');
      await expect.poll(() => counter(page), POLL).toMatch(/^step 6 \//);
      expect(await page.locator('[data-testid=injected]').count()).toBe(1);
      await expect.poll(() => page.evaluate(() => location.hash.slice(0, 5)), POLL).toBe('#run=');
      // The trainer types the lesson's address (as its link reads, without presenter mode).
      await page.goto(`${studio.url}${FIRST}`);
      await expect.poll(() => counter(page), POLL).toMatch(/^step 0 \//);
      expect(await page.locator('[data-testid=injected]').count()).toBe(0);
      expect(await page.textContent('[data-testid=run-title]')).toMatch(/^Your first Autopilot deployment/);
      expect(await page.$('.app.presenter')).not.toBeNull();
      await expect.poll(() => page.evaluate(() => location.hash), POLL).toBe(`${FIRST}&presenter`);
    } finally {
      await context.close();
    }
  }, 120_000);
});
