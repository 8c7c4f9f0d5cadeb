// A trainer's own course: several lesson files of their own, imported at once, listed by Open… under "Your lessons" in
// their files' order, and moved between with the keyboard (o, ↓ or ↑, Enter). Before, Import took one file: a trainer
// with five lessons for a day imported each in turn from the file dialog, in front of the class.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, POLL, studioForTests } from '../helpers/studio.ts';
import { tempDir } from '../helpers/temp.ts';

const studio = studioForTests();

const lesson = (title: string, scenario: string) => `name: "${title} (file)"
seed: 3
scenario: ${scenario}
lesson:
  title: "${title}"
  introduction: "Before ${title}: what will the device do?"
  questions: ["What did it do?"]
`;

describe("a trainer's own course", () => {
  it('imports several lesson files at once, lists them in order under Your lessons, and ↓ Enter opens the next at its start', async () => {
    const dir = tempDir('own-course-');
    // Named so that a plain sort would put 10 before 2.
    const files = [
      ['10-device-preparation.yaml', 'Day 3: device preparation', 'device-preparation'],
      ['2-self-deploying.yaml', 'Day 2: self-deploying', 'self-deploying'],
      ['1-user-driven.yaml', 'Day 1: user-driven', 'user-driven'],
    ].map(([name, title, scenario]) => {
      writeFileSync(join(dir, name!), lesson(title!, scenario!));
      return join(dir, name!);
    });
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const title = () => page.getAttribute('[data-testid=run-title]', 'title');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    try {
      await page.goto(studio.url);
      await chartReady(page);
      await page.setInputFiles('[data-testid=import-file]', files);
      await expect.poll(title, POLL).toBe('Day 1: user-driven');
      expect(await page.textContent('[data-testid=info-message]')).toContain('Imported 3 of 3 files as a course');

      await page.keyboard.press('o');
      await page.waitForSelector('[data-testid=course]');
      expect(await page.$$eval('[data-testid=course] .file-name', (els) => els.map((e) => e.textContent))).toEqual(['Day 1: user-driven', 'Day 2: self-deploying', 'Day 3: device preparation']);
      // The keyboard starts on the lesson open, the first.
      await expect.poll(focused, POLL).toBe('course-0');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(title, POLL).toBe('Day 2: self-deploying');
      await page.waitForSelector('[data-testid=picker]', { state: 'detached' });
      expect((await page.textContent('[data-testid=step-counter]'))!.trim()).toMatch(/^step 0 \//);

      await page.keyboard.press('o');
      await expect.poll(focused, POLL).toBe('course-1');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(title, POLL).toBe('Day 3: device preparation');
      await chartReady(page);
      // And back up the list.
      await page.keyboard.press('o');
      await expect.poll(focused, POLL).toBe('course-2');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await expect.poll(title, POLL).toBe('Day 1: user-driven');
    } finally {
      await context.close();
    }
  }, 180_000);
});
