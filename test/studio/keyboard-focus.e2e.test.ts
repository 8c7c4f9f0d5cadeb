// A trainer with only a keyboard or a clicker: every control Tab reaches shows where the focus
// is with a ring that reads at 3:1 or more against what lies around it (WCAG 1.4.11), on the
// studio's dark top bar as on its light panels, in the studio and in presenter mode.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, stepUntil, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

/**
 * Tab from the page's start until the focus comes round again; for each control, what is wrong
 * with its focus ring: none drawn, or its colour under 3:1 against the ground it is drawn on (the
 * nearest box behind it with a colour, the colours of a gradient each).
 */
async function focusRingProblems(page: Page): Promise<{ reached: string[]; problems: string[] }> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const name = `${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20)}]`;
      const rgb = (c: string) => (/rgba?\(([^)]+)\)/.exec(c)?.[1] ?? '0,0,0,0').split(/[\s,/]+/).filter(Boolean).map(Number);
      const lum = (c: number[]) => c.slice(0, 3).map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      const ratio = (a: number[], b: number[]) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
      const s = getComputedStyle(el);
      if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 1) return { name, problem: `${name}: no focus ring` };
      const ring = rgb(s.outlineColor);
      // The ground: the ring lies outside the control (outline-offset), on its parent's boxes.
      for (let a = el.parentElement; a; a = a.parentElement) {
        const as = getComputedStyle(a);
        const colours = [...as.backgroundImage.matchAll(/rgba?\([^)]+\)/g)].map((m) => rgb(m[0]));
        const bg = rgb(as.backgroundColor);
        const grounds = colours.length ? colours : bg[3] === 0 ? [] : [bg];
        if (!grounds.length) continue;
        const worst = Math.min(...grounds.map((g) => ratio(ring, g)));
        return { name, problem: worst < 3 ? `${name}: ring ${s.outlineColor} at ${worst.toFixed(2)}:1 on ${a.className || a.tagName}` : null };
      }
      return { name, problem: null };
    });
    if (!r) continue;
    if (reached.includes(r.name)) break;
    reached.push(r.name);
    if (r.problem) problems.push(r.problem);
  }
  return { reached, problems };
}

describe('the keyboard alone', () => {
  it('every control Tab reaches shows a focus ring at 3:1 or more against its ground, in the studio, on an error page and in presenter mode', async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      await page.goto(`${studio.url}#scenario=user-driven-entra.yaml`);
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
      const problems: string[] = [];
      const inStudio = await focusRingProblems(page);
      // The top bar, the chart's tools, the choices and faults, the step controls: all reached.
      for (const id of ['open-picker', 'presenter-toggle', 'help-toggle', 'chart-fit', 'btn-play', 'btn-step', 'scrub', 'speed']) expect(inStudio.reached.some((n) => n.includes(`[${id}]`)), id).toBe(true);
      problems.push(...inStudio.problems.map((p) => `studio: ${p}`));
      // An error page: its buttons on the device screen.
      await stepUntil(page, '[data-testid=fault-app-fails]');
      await page.click('[data-testid=fault-app-fails]');
      await page.waitForSelector('[data-testid=esp-buttons]');
      problems.push(...(await focusRingProblems(page)).problems.map((p) => `error page: ${p}`));
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter');
      problems.push(...(await focusRingProblems(page)).problems.map((p) => `presenter mode: ${p}`));
      expect([...new Set(problems)]).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
