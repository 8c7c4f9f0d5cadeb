// npm run bench:studio — how long one step takes in the studio, in a real headless Chromium:
// from the key press to the view re-rendered, styled and laid out (the work a step costs;
// the target is under 16 ms, one frame), for every step of a run forward and back. The time
// to the second painted frame after it, which includes waiting for the frame clock, is printed too.
// `--json` prints, as its last line: { "steps", "medianMs", "p95Ms", "maxMs" }.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startStudioServer, STUDIO_DIR } from '../src/studio/server.ts';

if (!existsSync(`${STUDIO_DIR}index.html`)) execFileSync('npm', ['run', 'build:studio'], { stdio: 'inherit' });
const { server, url } = await startStudioServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid=chart][data-ready="1"] svg');
  const timings: number[] = [];
  const paints: number[] = [];
  for (const key of ['ArrowRight', 'ArrowLeft']) {
    for (let i = 0; i < 3; i++) {
      for (;;) {
        const { ms, painted, moved } = await page.evaluate(async (k) => {
          const before = document.querySelector('[data-testid=step-counter]')!.textContent;
          const t0 = performance.now();
          document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
          // The view re-renders after the handler (a task later at most); then force style and layout.
          await new Promise((r) => {
            const c = new MessageChannel();
            c.port1.onmessage = r;
            c.port2.postMessage(0);
          });
          document.body.getBoundingClientRect();
          const work = performance.now() - t0;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return { ms: work, painted: performance.now() - t0, moved: document.querySelector('[data-testid=step-counter]')!.textContent !== before };
        }, key);
        if (!moved) break;
        timings.push(ms);
        paints.push(painted);
      }
      if (key === 'ArrowRight') break;
      break;
    }
  }
  timings.sort((a, b) => a - b);
  const q = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))]!;
  const result = { steps: timings.length, medianMs: Number(q(0.5).toFixed(1)), p95Ms: Number(q(0.95).toFixed(1)), maxMs: Number(timings[timings.length - 1]!.toFixed(1)) };
  paints.sort((a, b) => a - b);
  process.stderr.write(`studio: ${result.steps} steps forward and back; work per step (key press to rendered, styled and laid out): median ${result.medianMs} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms; to the second painted frame: median ${paints[Math.floor(paints.length / 2)]!.toFixed(1)} ms\n`);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await browser.close();
  server.close();
}
