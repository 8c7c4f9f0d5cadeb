// A trainer's slips in the studio's page: an address typed with a lesson's name mistyped, and a lesson file with an error
// imported. Each says what was wrong and what was meant, in the page, with no stack trace. And a lesson's notes (what to
// notice) show in the presenter's view at the steps in their state, never in the class's window.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { STUDIO_DIR } from '../../src/studio/server.ts';
import { chartReady, CONTEXT_OPTIONS, POLL, studioForTests } from '../helpers/studio.ts';
import { tempDir } from '../helpers/temp.ts';

const studio = studioForTests();
let page: Page;

beforeAll(async () => {
  page = await (await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } })).newPage();
}, 120_000);

describe("a trainer's slips in the page", () => {
  it("an address with a lesson's name mistyped names the lesson meant", async () => {
    // Before: 'No bundled scenario file lessons/01-first-user-drivn-deployment.yaml: the studio opened the default run.', and the
    // trainer went to the file list to find the name.
    await page.goto(`${studio.url}#scenario=lessons/01-first-user-drivn-deployment.yaml`);
    await chartReady(page);
    await expect.poll(() => page.textContent('[data-testid=import-error]'), POLL).toContain('No bundled scenario file lessons/01-first-user-drivn-deployment.yaml (did you mean lessons/01-first-user-driven-deployment?): the studio opened the default run.');
  });

  it("a lesson file imported with a suggested fault mistyped says which, and the fault meant", async () => {
    const lesson = readFileSync(join(import.meta.dirname, '../../scenarios/lessons/01-first-user-driven-deployment.yaml'), 'utf8');
    const file = join(tempDir('lesson-'), 'my-lesson.yaml');
    writeFileSync(file, lesson.replace('suggestedFaults: [no-licence,', 'suggestedFaults: [no-license,'));
    await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
    await chartReady(page);
    await page.setInputFiles('[data-testid=import-file]', file);
    const error = page.locator('[data-testid=import-error]');
    await expect.poll(() => error.textContent(), POLL).toMatch(/my-lesson\.yaml:\d+: lesson\.suggestedFaults\[0\]: .*got "no-license": did you mean no-licence\?/);
    expect(await error.textContent()).not.toMatch(/\bat \S+ \(/);
  });
});

describe("a lesson's notes in the presenter's view", () => {
  it('shows what to point out at the steps in its state, and the class\'s window never shows it', async () => {
    const context = page.context();
    await page.goto(`${studio.url}#scenario=lessons/02-self-deploying-on-a-vm.yaml`);
    await chartReady(page);
    const [notes] = await Promise.all([context.waitForEvent('page'), page.click('[data-testid=open-notes]')]);
    try {
      await notes.waitForSelector('[data-testid=notes][data-ready="1"]');
      const said = 'Point at the first row, Securing your hardware';
      // Listed with the lesson from the start, not yet under "Point out now".
      expect(await notes.textContent('[data-testid=notes-notice]')).toContain(`Secure hardware: ${said}`);
      expect(await notes.$('[data-testid=notes-point-out]')).toBeNull();
      for (let i = 0; i < 30 && !(await notes.$('[data-testid=notes-point-out]')); i++) {
        await notes.click('[data-testid=notes-step]');
        await notes.waitForFunction((n) => document.querySelector('[data-testid=notes-counter]')!.textContent!.startsWith(`step ${n} `), i + 1);
      }
      expect(await notes.textContent('[data-testid=notes-point-out]')).toContain(said);
      expect(await page.textContent('body')).not.toContain(said);
    } finally {
      await notes.close();
    }
  });
});

describe('the studio page opened as a file', () => {
  // A trainer mailed dist/studio/index.html to the class, or double-clicked it: the browser loads no script from file://
  // and the page stayed white, with nothing saying what it is.
  it('says what it is and how to open it, at 1280x720, with no scroll; served, the studio replaces those words', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    try {
      const filePage = await context.newPage();
      await filePage.goto(pathToFileURL(join(STUDIO_DIR, 'index.html')).href);
      await filePage.waitForSelector('[data-testid=boot]', { state: 'visible', timeout: 10_000 });
      const said = await filePage.innerText('body');
      expect(said).toContain('autopilot-sim studio');
      expect(said).toContain('npx autopilot-sim studio');
      expect(said).toContain('.autopilot-run.json');
      expect(await filePage.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1280, 720]);
      // Served, the studio draws in their place (and the server's policy, which allows no inline script, logs nothing).
      const served = await context.newPage();
      const errors: string[] = [];
      served.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await served.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
      await chartReady(served);
      expect(await served.$('[data-testid=boot]')).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
