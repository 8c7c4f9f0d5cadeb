// npm run bench:studio — how long one step takes in the studio, in a real headless Chromium.
//
// A step's work is measured inside one task: the key press, the view's re-render (Preact
// renders in a microtask), then style and layout forced with getBoundingClientRect. Nothing
// else can run in between, so the figure is the step's own main-thread work; the target is
// under 16 ms, one frame. The time to the second painted frame after the key press is printed
// too (it includes waiting for the frame clock).
//
// Two ways of stepping, over the bundled default run (user-driven, Entra join: OOBE, ESP,
// desktop), forward to the end and back to the start:
//   paced: a step every 350 ms, as a trainer pressing → or play at its fastest does (3 passes);
//   held:  the next step as soon as the previous one is painted, as a held-down arrow key (1 pass).
// One pass forward first warms the page up and is not counted.
// `--json` prints, as its last line: { paced: { steps, medianMs, p95Ms, maxMs }, held: {...} }.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.ts';
import { startStudioServer, STUDIO_DIR } from '../src/studio/server.ts';

const PACE_MS = 350;

interface Sample {
  work: number;
  painted: number;
}

/** One key press, measured in the page (a string, so no bundler helper leaks into it). */
const STEP = (key: string) => `(async () => {
  const counter = () => document.querySelector('[data-testid=step-counter]').textContent;
  const before = counter();
  const t0 = performance.now();
  document.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true }));
  await null; await null; await null;
  document.body.getBoundingClientRect();
  const work = performance.now() - t0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return { work, painted: performance.now() - t0, moved: counter() !== before };
})()`;

async function pass(page: Page, pauseMs: number): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const key of ['ArrowRight', 'ArrowLeft']) {
    for (;;) {
      const r = (await page.evaluate(STEP(key))) as Sample & { moved: boolean };
      if (!r.moved) break;
      out.push({ work: r.work, painted: r.painted });
      if (pauseMs) await page.waitForTimeout(pauseMs);
    }
  }
  return out;
}

function summary(samples: Sample[]) {
  const w = samples.map((s) => s.work).sort((a, b) => a - b);
  const p = samples.map((s) => s.painted).sort((a, b) => a - b);
  const q = (a: number[], f: number) => Number(a[Math.min(a.length - 1, Math.floor(f * a.length))]!.toFixed(1));
  return { steps: w.length, medianMs: q(w, 0.5), p95Ms: q(w, 0.95), maxMs: q(w, 1), paintedMedianMs: q(p, 0.5) };
}

if (!existsSync(`${STUDIO_DIR}index.html`)) execFileSync('npm', ['run', 'build:studio'], { stdio: 'inherit' });
const { server, url } = await startStudioServer({ port: 0 });
const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid=chart][data-ready="1"] svg');
  await pass(page, 0);
  const paced: Sample[] = [];
  for (let i = 0; i < 3; i++) paced.push(...(await pass(page, PACE_MS)));
  const held = await pass(page, 0);
  const result = { paced: summary(paced), held: summary(held) };
  for (const [name, s] of Object.entries(result)) {
    process.stderr.write(
      `studio ${name.padEnd(5)} ${String(s.steps).padStart(3)} steps: work per step (key press to rendered, styled and laid out) median ${s.medianMs} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms; to the second painted frame: median ${s.paintedMedianMs} ms\n`,
    );
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await browser.close();
  server.close();
}
