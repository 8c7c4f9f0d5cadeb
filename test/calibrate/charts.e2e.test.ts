// The calibration report's charts as a reader sees them in a browser: observed bars and the simulated line
// with a key, minutes on evenly spaced round ticks, the share on a left axis, and every label whole, inside its
// chart and apart from the others (the last minute label sat on the unit, the ticks fell at 19, 37, 56, 74).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-calcharts-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the backtest charts have a key, round minute ticks, a share axis, and whole labels apart', async () => {
  const file = join(dir, 'fit.html');
  const r = await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--check', '--html', file);
  expect(r.code, r.err).toBe(0);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const charts = await page.$$eval('figure svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')].map((t) => ({ s: t.textContent!, r: t.getBoundingClientRect(), anchor: t.getAttribute('text-anchor'), y: Number(t.getAttribute('y')) }));
        const problems: string[] = [];
        for (const t of texts) if (t.r.left < box.left - 1 || t.r.right > box.right + 1) problems.push(`"${t.s}" runs outside the chart`);
        texts.forEach((a, i) =>
          texts.slice(i + 1).forEach((b) => {
            if (Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left) > 1 && Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top) > 1) problems.push(`"${a.s}" overlaps "${b.s}"`);
          }),
        );
        // The minute ticks: the labels centred on the axis, left to right.
        const axisY = Math.max(...texts.filter((t) => t.anchor === 'middle' && /^\d+$/.test(t.s)).map((t) => t.y));
        const minutes = texts.filter((t) => t.anchor === 'middle' && t.y === axisY && /^\d+$/.test(t.s)).map((t) => Number(t.s));
        return { problems, words: texts.map((t) => t.s), minutes };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(6);
    for (const c of charts) {
      expect(c.problems).toEqual([]);
      expect(c.words).toEqual(expect.arrayContaining(['observed', 'simulated', 'minutes', 'share of deployments', '0%']));
      // Evenly spaced round values: a step of 1, 2, 2.5 or 5 times a power of ten, from 0.
      expect(c.minutes.length).toBeGreaterThanOrEqual(3);
      expect(c.minutes[0]).toBe(0);
      const step = c.minutes[1]! - c.minutes[0]!;
      expect(c.minutes.every((m, i) => m === i * step)).toBe(true);
      expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((f: number) => [1, 2, 2.5, 5].includes(f));
    }
  } finally {
    await browser.close();
  }
}, 60_000);
