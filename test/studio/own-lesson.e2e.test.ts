// A trainer's own lesson (a scenario file with a `lesson:` block, written as docs/trainers.md says) opened in the studio
// with `autopilot-sim studio my-lesson.yaml` or Import: it ran under its name with no Lesson tab, no opening at step 0,
// no lesson in the presenter's view and no hidden ending, because the run's file (the address's #run=, a shared link,
// the presenter's view's copy, an exported run) left the lesson out and the studio knew only the lessons built into it.
// The run's file now carries the lesson, checked as a lesson file is, so each of those shows it as a built-in lesson's.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { studioHash } from '../../src/cli/commands/studio.ts';
import { fromBase64Url, shareHash } from '../../src/studio/app/run.ts';
import { chartReady, CONTEXT_OPTIONS, POLL, studioForTests } from '../helpers/studio.ts';
import { tempDir } from '../helpers/temp.ts';

const studio = studioForTests();

const TITLE = 'Why our pilot VM never finishes';
const NOTE = 'Point at the Securing your hardware row: the step a VM cannot pass.';
const LESSON = `name: Our VM pilot
scenario: self-deploying
hardware: { kind: vm, tpm: "2.0", vCpus: 2, memoryGb: 4 }
seed: 7
expect:
  status: failed
  errorCode: "0x800705B4"
lesson:
  title: ${TITLE}
  introduction: Our team tried self-deploying mode on a test VM before buying kiosks. Watch where it stops.
  questions:
    - What does 0x800705B4 tell you here?
    - What would a physical kiosk with TPM 2.0 do differently?
  suggestedFaults: [tpm-fails]
  notice:
    - at: devicePreparation
      text: "${NOTE}"
`;

let file = '';
beforeAll(() => {
  file = join(tempDir('own-lesson-'), 'my-lesson.yaml');
  writeFileSync(file, LESSON);
});

const newPage = async (): Promise<Page> => (await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } })).newPage();
const counter = (page: Page) => page.textContent('[data-testid=step-counter]').then((t) => t!.trim());

/** The Lesson tab open on the lesson's card, its ending hidden while the run has not shown it. */
async function showsLesson(page: Page, hidden: boolean): Promise<void> {
  await page.waitForSelector('[data-testid=tab-lesson][aria-selected=true]', POLL);
  expect(await page.textContent('[data-testid=lesson-title]')).toBe(TITLE);
  const card = (await page.textContent('[data-testid=lesson-card]'))!;
  expect(card).toContain('What would a physical kiosk with TPM 2.0 do differently?');
  if (hidden) expect(card).not.toContain('0x800705B4');
  else expect(card).toContain('0x800705B4');
}

describe("a trainer's own lesson in the studio", () => {
  it('opened as `studio my-lesson.yaml` opens it: the Lesson tab, its opening, its notes, its hidden ending, and all again after a reload', async () => {
    const page = await newPage();
    try {
      await page.goto(`${studio.url}${await studioHash(file)}`);
      await chartReady(page);
      await showsLesson(page, true);
      // The opening: the clicker's back at step 0.
      expect(await counter(page)).toMatch(/^step 0 \//);
      await page.keyboard.press('ArrowLeft');
      const opening = await page.waitForSelector('[data-testid=lesson-opening]', POLL);
      expect(await opening.textContent()).toContain(TITLE);
      expect(await opening.textContent()).not.toContain('0x800705B4');
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-testid=lesson-opening]', { state: 'detached' });
      // The presenter's view: the lesson, its notes, how it ends.
      const notes = await page.context().newPage();
      await notes.goto(`${studio.url}?view=notes`);
      await notes.waitForSelector('[data-testid=notes][data-ready="1"]', POLL);
      expect(await notes.textContent('[data-testid=notes-lesson] h2')).toBe(TITLE);
      expect(await notes.textContent('[data-testid=notes-notice]')).toContain(NOTE);
      expect(await notes.textContent('[data-testid=notes-expect]')).toContain('0x800705B4');
      // Stepped from the presenter's view to the note's state, where it shows under "Point out now"; then to the end,
      // where the run has shown the code; then a reload: the address carries the lesson.
      const step = async () => {
        const before = await counter(page);
        await notes.click('[data-testid=notes-step]');
        await expect.poll(() => counter(page), POLL).not.toBe(before);
        const now = await counter(page);
        await expect.poll(() => notes.textContent('[data-testid=notes-counter]').then((t) => t!.trim()), POLL).toBe(now);
      };
      for (let i = 0; i < 20 && !(await notes.$('[data-testid=notes-point-out]')); i++) await step();
      expect(await notes.textContent('[data-testid=notes-point-out]')).toContain(NOTE);
      while (!/^step (\d+) \/ \1$/.test(await counter(page))) await step();
      const at = await counter(page);
      await expect.poll(() => page.evaluate(() => location.hash.startsWith('#run=')), POLL).toBe(true);
      await expect.poll(() => page.evaluate(() => (JSON.parse(atob(location.hash.slice(5).replace(/-/g, '+').replace(/_/g, '/'))) as { cursor: number }).cursor), POLL).toBe(Number(/\d+/.exec(at)![0]));
      await page.reload();
      await chartReady(page);
      expect(await counter(page)).toBe(at);
      await showsLesson(page, false);
    } finally {
      await page.context().close();
    }
  }, 180_000);

  it('opened with Import, and exported, carries its lesson: the exported run opens with the Lesson tab too', async () => {
    const page = await newPage();
    try {
      await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
      await chartReady(page);
      await page.setInputFiles('[data-testid=import-file]', file);
      await showsLesson(page, true);
      await page.click('[data-testid=btn-step]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-run]')]);
      const saved = join(dirname(file), download.suggestedFilename());
      await download.saveAs(saved);
      const exported = readFileSync(saved, 'utf8');
      const run = JSON.parse(exported) as { lesson?: { title: string }; expect?: { errorCode: string }; cursor: number };
      expect(run.lesson?.title).toBe(TITLE);
      expect(run.expect?.errorCode).toBe('0x800705B4');
      // A student's studio: the exported run imported, at its step, with the lesson.
      const other = await newPage();
      try {
        await other.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
        await chartReady(other);
        await other.setInputFiles('[data-testid=import-file]', { name: 'my-lesson.autopilot-run.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
        await showsLesson(other, true);
        expect(await counter(other)).toMatch(new RegExp(`^step ${run.cursor} /`));
      } finally {
        await other.context().close();
      }
    } finally {
      await page.context().close();
    }
  }, 180_000);

  it('a link whose lesson is wrong says which field, as a lesson file does, and opens the default run', async () => {
    const run = JSON.parse(fromBase64Url((await studioHash(file)).slice('#run='.length))) as Record<string, unknown> & { lesson: Record<string, unknown> };
    const page = await newPage();
    try {
      await page.goto(`${studio.url}${shareHash({ ...run, lesson: { ...run.lesson, suggestedFaults: ['tpm-fail'] } } as never)}`);
      await chartReady(page);
      const error = page.locator('[data-testid=import-error]');
      await expect.poll(() => error.textContent(), POLL).toMatch(/^The link is not a valid run file: field "lesson\.suggestedFaults\[0\]": expected a fault's id.*got "tpm-fail": did you mean tpm-fails\?(?!\.)/);
      expect(await page.locator('[data-testid=tab-lesson]').count()).toBe(0);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
