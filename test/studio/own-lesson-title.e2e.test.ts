// A trainer's own lesson (a scenario file with a `lesson:` block) ran under its file's `name` ("Our VM pilot") in the
// studio's title, the presenter's view and an export's file name, where a lesson built into the studio runs under its
// lesson's title. And the presenter's view opened on a hand-edited link whose lesson fails its checks said "Waiting for
// the studio…" for ever, where the studio's window names the field.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { studioHash } from '../../src/cli/commands/studio.ts';
import { fromBase64Url, shareHash } from '../../src/studio/app/run.ts';
import { chartReady, CONTEXT_OPTIONS, POLL, studioForTests } from '../helpers/studio.ts';
import { tempDir } from '../helpers/temp.ts';

const studio = studioForTests();

const TITLE = 'Why our pilot VM never finishes';
const LESSON = `name: Our VM pilot
scenario: self-deploying
hardware: { kind: vm, tpm: "2.0", vCpus: 2, memoryGb: 4 }
seed: 7
lesson:
  title: ${TITLE}
  introduction: Our team tried self-deploying mode on a test VM. Watch where it stops.
  questions: [What does 0x800705B4 tell you here?]
  suggestedFaults: [tpm-fails]
`;

let file = '';
beforeAll(() => {
  file = join(tempDir('own-lesson-title-'), 'my-lesson.yaml');
  writeFileSync(file, LESSON);
});

describe("a trainer's own lesson is named by its lesson's title", () => {
  it('in the run title, the presenter\'s view and the exported file\'s name', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    try {
      const page = await context.newPage();
      await page.goto(`${studio.url}${await studioHash(file)}`);
      await chartReady(page);
      expect(await page.getAttribute('[data-testid=run-title]', 'title')).toBe(TITLE);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-run]')]);
      expect(download.suggestedFilename()).toBe('why-our-pilot-vm-never-finishes.autopilot-run.json');
      const notes = await context.newPage();
      await notes.goto(`${studio.url}?view=notes`);
      await notes.waitForSelector('[data-testid=notes][data-ready="1"]', POLL);
      expect(await notes.textContent('[data-testid=notes-title]')).toBe(TITLE);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("the presenter's view on a link whose lesson fails its checks", () => {
  it('says which field is wrong, as the studio does, instead of waiting', async () => {
    const run = JSON.parse(fromBase64Url((await studioHash(file)).slice('#run='.length))) as Record<string, unknown> & { lesson: Record<string, unknown> };
    const bad = shareHash({ ...run, lesson: { ...run.lesson, suggestedFaults: ['tpm-fail'] } } as never);
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    try {
      const notes = await context.newPage();
      await notes.goto(`${studio.url}?view=notes${bad}`);
      const error = notes.locator('[data-testid=notes-error]');
      await expect.poll(() => error.textContent().catch(() => null), POLL).toMatch(/^The link is not a valid run file: field "lesson\.suggestedFaults\[0\]": .*got "tpm-fail": did you mean tpm-fails\?/);
    } finally {
      await context.close();
    }
  }, 120_000);
});
