// The backtest's charts keep every bar and the simulated line inside the plot: the y axis ran to the
// last round value under the tallest bin, so the mode of 8 of the sample's 9 charts ran over the top
// gridline and into the key.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-calplot-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('no bar and no point of the simulated line is drawn above the top gridline', async () => {
  const file = join(dir, 'fit.html');
  const r = await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--check', '--html', file);
  expect(r.code, r.err).toBe(0);
  const figures = readFileSync(file, 'utf8').split('<figure>').slice(1).filter((f) => f.includes('class="sim"'));
  expect(figures.length).toBeGreaterThanOrEqual(6);
  for (const f of figures) {
    const title = /<figcaption>(.*?)<\/figcaption>/.exec(f)![1];
    // The gridlines run across the plot; the top one is the highest share labelled.
    const top = Math.min(...[...f.matchAll(/<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="[\d.]+" class="grid"\/>/g)].map((m) => Number(m[1])));
    // The bars are drawn before the line, the key's swatch after it.
    const plot = f.slice(0, f.indexOf('class="sim"'));
    const bars = [...plot.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="[\d.]+" class="obs"\/>/g)].map((m) => Number(m[1]));
    const line = [.../[ML][\d.]+,([\d.]+)/g[Symbol.matchAll](/<path d="([^"]+)" class="sim"\/>/.exec(f)![1]!)].map((m) => Number(m[1]));
    expect(bars.length, title).toBeGreaterThan(5);
    expect(Math.min(...bars, ...line), title).toBeGreaterThanOrEqual(top);
  }
}, 60_000);
