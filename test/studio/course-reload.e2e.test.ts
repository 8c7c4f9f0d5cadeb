// A trainer's own course (several lesson files imported at once) was lost on a reload: the address carries the run
// open, not the course, and Open… listed only the lessons built in afterwards. The tab now keeps the course.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, POLL, studioForTests } from '../helpers/studio.ts';
import { tempDir } from '../helpers/temp.ts';

const studio = studioForTests();

/** A lesson file of the trainer's own (JSON is YAML too). */
const lesson = (title: string, scenario: string) =>
  JSON.stringify({ name: `${title} (file)`, seed: 3, scenario, lesson: { title, introduction: `Before ${title}: what will it do?`, questions: ['What did it do?'] } });

describe("a trainer's own course and a reload", () => {
  it('lists the course under Your lessons again after a reload of the tab, the lesson open marked, and opens its next lesson', async () => {
    const dir = tempDir('course-reload-');
    const files: string[] = [];
    for (const [i, scenario] of ['user-driven', 'self-deploying'].entries()) {
      files.push(join(dir, `${i + 1}-${scenario}.yaml`));
      writeFileSync(files[i]!, lesson(`Day ${i + 1}: ${scenario}`, scenario));
    }
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const title = () => page.getAttribute('[data-testid=run-title]', 'title');
    try {
      await page.goto(studio.url);
      await chartReady(page);
      const before = await page.evaluate(() => location.hash);
      await page.setInputFiles('[data-testid=import-file]', files);
      await expect.poll(title, POLL).toBe('Day 1: user-driven');
      // The address follows the run open (the first lesson), which the reload brings back.
      await expect.poll(() => page.evaluate(() => location.hash), POLL).not.toBe(before);
      await page.reload();
      await chartReady(page);
      await expect.poll(title, POLL).toBe('Day 1: user-driven');
      await page.keyboard.press('o');
      await page.waitForSelector('[data-testid=picker]');
      expect(await page.$$eval('[data-testid=course] .file-name', (els) => els.map((e) => e.textContent))).toEqual(['Day 1: user-driven', 'Day 2: self-deploying']);
      // The lesson open is marked, and the keyboard starts on it: the run a reload brings back is known by its lesson
      // (the address carries the run, not the course file it came from, and no file was marked).
      expect(await page.$$eval('[data-testid=course] .file.selected', (els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['course-0']);
      expect(await page.getAttribute('[data-testid=course-0]', 'aria-current')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('course-0');
      await page.click('[data-testid=course-1]');
      await expect.poll(title, POLL).toBe('Day 2: self-deploying');
    } finally {
      await context.close();
    }
  }, 180_000);
});
