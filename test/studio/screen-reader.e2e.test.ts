// A class with people who use a screen reader: each control has a name that says what it does, the device screen and
// the chart are named, and each step is announced once, whole, with its number. The chart's zoom buttons were named "+"
// and "−" and the help button "?" (their tooltips are not their names); the narration's whole region was live, so each
// changed piece of it was read on its own (the clock, the event, the list of what can happen now), and no step's number.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, POLL, stepOnce, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();
let page: Page;

beforeAll(async () => {
  const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
  page = await context.newPage();
  await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
  await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
}, 180_000);

describe('a screen reader in the studio', () => {
  it('names the chart tools, the help button, the device screen and the chart', async () => {
    const tree = await page.locator('body').ariaSnapshot();
    for (const name of ['Zoom in', 'Zoom out', 'Keyboard shortcuts']) expect(tree).toContain(`button "${name}"`);
    expect(tree).not.toMatch(/button "[+−?]"/);
    expect(tree).toContain('region "What the person at the device sees"');
    expect(tree).toContain('region "Narration"');
    expect(tree).toMatch(/img "Statechart: the device is at [A-Z]/);
  });

  it('announces each step once, whole: its number, title and narration in one status; the narration no longer live piece by piece', async () => {
    const status = page.getByRole('status');
    expect(await status.count()).toBe(1);
    expect(await page.getAttribute('[data-testid=narration]', 'aria-live')).toBeNull();
    expect(await status.getAttribute('aria-atomic')).toBe('true');
    await stepOnce(page);
    const [title, narration, counter] = await Promise.all(['state-title', 'narration-text', 'step-counter'].map((id) => page.textContent(`[data-testid=${id}]`)));
    const [, at, last] = /step (\d+) \/ (\d+)/.exec(counter!)!;
    await expect.poll(() => status.textContent(), POLL).toContain(`Step ${at} of ${last}.`);
    const said = (await status.textContent())!;
    expect(said).toContain(title!);
    expect(said).toContain(narration!);
    // And the chart's name follows the device.
    expect(await page.getAttribute('[data-testid=chart] .chart-canvas', 'aria-label')).toBe(`Statechart: the device is at ${title}`);
  });
});
