// The studio in a real headless Chromium, served by the studio's own server: load it, step
// a deployment to the desktop and back, inject a fault, open a lesson, compare two runs,
// export and import a run, restore one from a link; and no console errors throughout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { overflowingLabels } from '../helpers/browser.ts';
import { CONTEXT_OPTIONS, POLL, referenceSteps, stepOnce, stepUntil, studioForTests } from '../helpers/studio.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAULTS_BY_WAIT } from '../../src/world/failure-modes.ts';
import { tempDir } from '../helpers/temp.ts';

/** A read after a key press or a click waits for the page to re-render (a busy machine renders late). */

const STEPS = referenceSteps();
/** What a first attestation can meet: all but the failure of a retry after the technician pressed Reset (§2.3 T9b). */
const TPM_FAULTS = (FAULTS_BY_WAIT['tpm.attest'] ?? []).filter((f) => !f.after).map((f) => `fault-${f.id}`);

const studio = studioForTests();
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

function watch(p: Page): void {
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
}

const kind = (p: Page = page) => p.getAttribute('[data-testid=device-screen]', 'data-kind');
const counter = async (p: Page = page) => (await p.textContent('[data-testid=step-counter]'))!.trim();
const chartReady = (p: Page = page, id = 'chart') => p.waitForSelector(`[data-testid=${id}][data-ready="1"] svg`);

/** "Follow" keeps the active (or failed) state inside the visible part of the chart. */
const activeInView = (p: Page = page) =>
  p.waitForFunction(() => {
    const a = document.querySelector('[data-testid=chart] .sc-active, [data-testid=chart] .sc-failed');
    const c = document.querySelector('[data-testid=chart] .chart-canvas');
    if (!a || !c) return false;
    const r = a.getBoundingClientRect();
    const v = c.getBoundingClientRect();
    return r.width > 0 && r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
  });

async function openFile(slug: string, tab: 'lessons' | 'files' = 'files'): Promise<void> {
  await page.click('[data-testid=open-picker]');
  await page.click(`[data-testid=tab-${tab}]`);
  await page.click(`[data-testid=file-${slug}]`);
  await page.waitForSelector('[data-testid=picker]', { state: 'detached' });
  await chartReady();
}

beforeAll(async () => {
  context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  watch(page);
}, 120_000);

describe('studio in Chromium', () => {
  it('loads with the reference run and draws a well-formed statechart', async () => {
    await page.goto(studio.url);
    await chartReady();
    expect(await page.textContent('[data-testid=run-title]')).toBe('User-driven, Entra join');
    await expect.poll(() => kind(), POLL).toBe('oobeStart');
    await expect.poll(() => counter(), POLL).toBe(`step 0 / ${STEPS}`);
    const parsed = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid=chart] svg')!;
      const doc = new DOMParser().parseFromString(new XMLSerializer().serializeToString(svg), 'image/svg+xml');
      return { ok: doc.querySelector('parsererror') === null, root: doc.documentElement.nodeName, states: doc.querySelectorAll('[data-state]').length };
    });
    expect(parsed).toEqual({ ok: true, root: 'svg', states: expect.any(Number) });
    // The phase the device is in is drawn open, the others closed (Focus phase).
    expect(parsed.states).toBeGreaterThan(10);
    await page.waitForSelector('[data-testid=chart] g[data-state="deployment"].sc-collapsed');
    await page.waitForSelector('[data-testid=chart] .sc-active[data-state="oobe.networkGate"]');
    // Every label fits its box in the browser's own font (bold, as a label the class can click is
    // drawn), so no label runs into the next; the same in the whole chart.
    const overflowing = () => overflowingLabels(page, '[data-testid=chart] svg');
    expect(await overflowing()).toEqual([]);
    await page.click('[data-testid=chart-expand-all]');
    await page.waitForSelector('[data-testid=chart][data-ready="1"] svg g[data-state="deployment"]:not(.sc-collapsed)');
    expect(await overflowing()).toEqual([]);
    await page.click('text=Focus phase');
  });

  it('steps a user-driven Entra deployment to the desktop, and back', async () => {
    await stepUntil(page, async () => (await kind()) === 'entraSignIn');
    expect(await page.textContent('[data-testid=screen-entraSignIn]')).toContain('Welcome to Contoso!');
    await stepUntil(page, async () => (await kind()) === 'desktop');
    await expect.poll(() => counter(), POLL).toBe(`step ${STEPS} / ${STEPS}`);
    expect(await page.textContent('[data-testid=outcome]')).toContain('Deployment succeeded');
    await page.waitForSelector('[data-testid=chart] .sc-active[data-state="succeeded"]');
    await activeInView();
    expect(await page.textContent('[data-testid=intune-record]')).toContain('Succeeded');
    // Who acted, with virtual timestamps.
    const log = await page.$$eval('[data-testid=log-entry]', (els) => els.map((e) => e.textContent ?? ''));
    expect(log).toHaveLength(STEPS + 1);
    expect(log[4]).toMatch(/0:03:26\s*user\s*User finishes the OOBE pages/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => counter(), POLL).toBe(`step ${STEPS - 1} / ${STEPS}`);
    await expect.poll(() => kind(), POLL).toBe('esp');
    expect(await page.textContent('[data-testid=esp-accountSetup]')).toContain('Account setup');
    expect(await page.textContent('[data-testid=esp-deviceSetup]')).toContain('Complete');
    await page.click('[data-testid=btn-back]');
    await expect.poll(() => counter(), POLL).toBe(`step ${STEPS - 2} / ${STEPS}`);
  });

  it('injects a TPM attestation failure in a self-deploying run: 0x800705B4 on the screen', async () => {
    await openFile('self-deploying');
    expect(await page.textContent('[data-testid=run-title]')).toBe('Self-deploying');
    // The faults panel lists only what can happen in the current state.
    await stepUntil(page, '[data-testid=fault-tpm-fails]');
    expect(await page.$$eval('[data-testid=faults] button', (b) => b.map((x) => x.getAttribute('data-testid')))).toEqual(TPM_FAULTS);
    expect(await page.textContent('[data-testid=esp-devicePreparation]')).toContain('Securing your hardware (Working on it…)');
    await page.click('[data-testid=fault-tpm-fails]');
    const prep = await page.textContent('[data-testid=esp-devicePreparation]');
    expect(prep).toContain('Securing your hardware (Failed: 0x800705b4)');
    expect(prep).toContain("Joining your organization's network (Previous step failed)");
    expect((await page.textContent('[data-testid=device-screen]'))!.toUpperCase()).toContain('0X800705B4');
    expect(await page.textContent('[data-testid=esp-error-message]')).toBe('Setup could not be completed. Please try again or contact your support person for help.');
    // Exactly the buttons this ESP profile allows: no reset, no continue anyway.
    expect(await page.$$eval('[data-testid=esp-buttons] .pictured-btn', (b) => b.map((x) => x.textContent))).toEqual(['Collect logs', 'Try again']);
    expect(await page.textContent('[data-testid=narration-code]')).toBe('0x800705B4');
    expect(await page.textContent('[data-testid=error-card]')).toContain('TPM 2.0');
    expect(await page.textContent('[data-testid=injected]')).toContain('1 change');
    await page.waitForSelector('[data-testid=chart] .sc-failed[data-state="deployment.deviceEsp.errorPage"]');
    await activeInView();
  });

  it('opens a lesson', async () => {
    await openFile('lessons-08-esp-timeout-one-large-app', 'lessons');
    expect(await page.textContent('[data-testid=lesson-title]')).toBe('One large app against the 60-minute ESP timeout');
    expect(await page.textContent('[data-testid=lesson-card]')).toContain('Ask the class');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    // This ESP profile allows reset and continue anyway: all four buttons.
    expect(await page.$$eval('[data-testid=esp-buttons] .pictured-btn', (b) => b.map((x) => x.textContent))).toEqual(['Collect logs', 'Reset device', 'Try again', 'Continue anyway']);
    await page.keyboard.press('End');
    await expect.poll(() => page.textContent('[data-testid=outcome]'), POLL).toContain('ESP_TIMEOUT');
  });

  it('compares two runs side by side and marks the first difference', async () => {
    await openFile('lessons-02-self-deploying-on-a-vm', 'lessons');
    await page.keyboard.press('Home');
    await page.click('[data-testid=open-compare]');
    await page.waitForSelector('[data-testid=compare-view]');
    await page.selectOption('[data-testid=compare-source]', 'file:self-deploying.yaml');
    const first = await page.waitForSelector('[data-testid=first-difference]');
    expect(await first.textContent()).toContain('first difference');
    await page.click('[data-testid=jump-difference]');
    const step = Number((await first.textContent())!.match(/^\d+/)![0]);
    await expect.poll(() => counter(), POLL).toMatch(new RegExp(`^step ${step} / `));
    // Both sides move together.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => counter(), POLL).toMatch(new RegExp(`^step ${step + 1} / `));
    await chartReady(page, 'chart-a');
    await chartReady(page, 'chart-b');
    const a = await page.textContent('[data-testid=compare-a]');
    const b = await page.textContent('[data-testid=compare-b]');
    expect(a).toContain('Self-deploying on a lab VM');
    expect(b).toContain('Self-deploying');
    await page.keyboard.press('End');
    await expect.poll(() => page.textContent('[data-testid=compare-a]'), POLL).toContain('0x800705B4');
    expect(await page.textContent('[data-testid=compare-b]')).toContain('succeeded');
    await page.click('[data-testid=compare-close]');
    await page.waitForSelector('[data-testid=compare-view]', { state: 'detached' });
  });

  it('exports a run and imports it again; malformed files show which field is wrong', async () => {
    await openFile('self-deploying');
    await stepUntil(page, '[data-testid=fault-tpm-intermittent]');
    await page.click('[data-testid=fault-tpm-intermittent]');
    const at = await counter();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-run]')]);
    const dir = tempDir('studio-e2e-');
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const run = JSON.parse(readFileSync(file, 'utf8'));
    expect(run).toMatchObject({ format: 'autopilot-sim-run', version: 1, name: 'Self-deploying', seed: 1, faults: [{ fault: 'tpm-intermittent' }] });

    await openFile('user-driven-entra');
    expect(await page.textContent('[data-testid=run-title]')).toBe('User-driven, Entra join');
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('[data-testid=info-message]');
    expect(await page.textContent('[data-testid=run-title]')).toBe('Self-deploying');
    await expect.poll(() => counter(), POLL).toBe(at);
    expect(await page.textContent('[data-testid=device-screen]')).toContain('0x81039001');

    const bad = async (name: string, content: string) => {
      await page.setInputFiles('[data-testid=import-file]', { name, mimeType: 'application/json', buffer: Buffer.from(content) });
      return (await page.waitForSelector('[data-testid=import-error]')).textContent();
    };
    expect(await bad('wrong-seed.json', JSON.stringify({ ...run, seed: 'forty-two' }))).toContain('field "seed"');
    expect(await bad('wrong-env.json', JSON.stringify({ ...run, environment: { hardware: { tpm: '3.0' } } }))).toContain('field "environment.hardware.tpm"');
    expect(await bad('not-json.json', '{ this is not json')).toContain('is not JSON');
    expect(await bad('huge.json', JSON.stringify({ pad: 'x'.repeat(300 * 1024) }))).toContain('at most 256 KB');
    // The run that was open stays open.
    expect(await page.textContent('[data-testid=run-title]')).toBe('Self-deploying');
  });

  it('a share link reproduces the run in a fresh page', async () => {
    // Its own page load: run alone (vitest -t), it found no studio open.
    await page.goto(studio.url);
    await chartReady();
    await openFile('self-deploying');
    await stepUntil(page, '[data-testid=fault-tpm-fails]');
    await page.click('[data-testid=fault-tpm-fails]');
    const at = await counter();
    await page.click('[data-testid=share-link]');
    const link = await page.inputValue('[data-testid=share-url]');
    expect(link).toMatch(/#run=[A-Za-z0-9_-]+$/);
    const fresh = await context.newPage();
    watch(fresh);
    await fresh.goto(link);
    await chartReady(fresh);
    expect(await fresh.textContent('[data-testid=run-title]')).toBe('Self-deploying');
    await expect.poll(() => counter(fresh), POLL).toBe(at);
    expect(await fresh.textContent('[data-testid=esp-devicePreparation]')).toContain('(Failed: 0x800705b4)');
    // A damaged link says so, and the studio still opens.
    await fresh.goto(`${studio.url}#run=@@@`);
    await fresh.reload();
    expect(await fresh.textContent('[data-testid=import-error]')).toContain('damaged');
    await chartReady(fresh);
    await fresh.close();
  });

  it('keyboard: help, presenter mode, play and pause', async () => {
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=help]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=help]', { state: 'detached' });
    await page.keyboard.press('p');
    await page.waitForFunction(() => document.body.classList.contains('presenter'));
    expect(await page.getAttribute('[data-testid=presenter-toggle]', 'aria-pressed')).toBe('true');
    // A key pressed right after another, before the page has painted, acts on the state the first
    // left: here Escape closes the help and p, in the same task, toggles presenter mode.
    const quick = await page.evaluate(`(async () => {
      const key = (k) => document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      key('?');
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
      const helpOpen = document.querySelector('[data-testid=help]') !== null;
      key('Escape');
      await null; await null; await null;
      key('p');
      await null; await null; await null;
      return { helpOpen, helpAfter: document.querySelector('[data-testid=help]') !== null, presenter: document.querySelector('[data-testid=presenter-toggle]').getAttribute('aria-pressed') };
    })()`);
    expect(quick).toEqual({ helpOpen: true, helpAfter: false, presenter: 'false' });
    await page.waitForFunction(() => !document.body.classList.contains('presenter'));
    await page.keyboard.press('Home');
    const start = await counter();
    await page.selectOption('[data-testid=speed]', '7200');
    await page.locator('[data-testid=speed]').blur();
    await page.keyboard.press(' ');
    await page.waitForFunction((s) => document.querySelector('[data-testid=step-counter]')!.textContent!.trim() !== s, start);
    await page.keyboard.press(' ');
    await expect.poll(() => page.getAttribute('[data-testid=btn-play]', 'aria-pressed'), POLL).toBe('false');
  });

  it('shows a finding on the step that causes it, and in the outcome', async () => {
    await page.goto(studio.url);
    await chartReady();
    await openFile('user-driven-adfs-assigned-user');
    await stepUntil(page, '[data-testid=narration] [data-finding=ASSIGNED_USER_NOT_ENFORCED]');
    expect(await page.textContent('[data-testid=finding]')).toContain('pre-assigned user is not enforced');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid=outcome].outcome-succeeded');
    expect(await page.textContent('[data-testid=outcome-findings]')).toMatch(/2 findings.*ASSIGNED_USER_NOT_ENFORCED.*SHOWN_AS_ENTRA_REGISTERED/);
    // In words, as the narration's finding card says them: the outcome gave the two ids alone (lesson 11's ending).
    expect(await page.textContent('[data-testid=outcome-findings] [data-finding=ASSIGNED_USER_NOT_ENFORCED]')).toContain('the pre-assigned user is not enforced');
    expect(await page.textContent('[data-testid=outcome-findings] [data-finding=SHOWN_AS_ENTRA_REGISTERED]')).toContain('shows as "Microsoft Entra registered" rather than joined');
  });

  it('the chart zooms, pans, fits the whole drawing and collapses a phase', async () => {
    await page.goto(studio.url);
    await chartReady();
    const box = (sel: string) =>
      page.evaluate((q) => {
        const r = document.querySelector(q)!.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
      }, sel);
    const node = '[data-testid=chart] g[data-state="oobe.networkGate"] > rect';
    // The panels beside the chart settle after it is drawn (later on a busy machine): a view kept while the canvas changes
    // size shows the same part of the drawing at another scale, which would read as a zoom or a pan that went wrong.
    await page.waitForFunction(
      () =>
        new Promise<boolean>((done) => {
          const c = document.querySelector('[data-testid=chart] .chart-canvas')!;
          const a = c.getBoundingClientRect();
          setTimeout(() => requestAnimationFrame(() => {
            const b = c.getBoundingClientRect();
            done(a.width === b.width && a.height === b.height);
          }), 200);
        }),
    );
    const before = await box(node);
    await page.click('[data-testid=chart-zoom-in]');
    const zoomed = await box(node);
    expect(zoomed.w).toBeGreaterThan(before.w * 1.2);
    // Drag the canvas: the drawing follows the pointer.
    const canvas = await box('[data-testid=chart] .chart-canvas');
    await page.mouse.move(canvas.x + canvas.w / 2, canvas.y + canvas.h / 2);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.w / 2 + 80, canvas.y + canvas.h / 2 + 40, { steps: 4 });
    await page.mouse.up();
    const panned = await box(node);
    expect(panned.x - zoomed.x).toBeCloseTo(80, 0);
    expect(panned.y - zoomed.y).toBeCloseTo(40, 0);
    expect(await page.getAttribute('[data-testid=chart-follow]', 'aria-pressed')).toBe('false');
    // Whole chart: the whole drawing inside the canvas.
    await page.click('[data-testid=chart-fit-all]');
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid=chart] svg')!.getBoundingClientRect();
      const c = document.querySelector('[data-testid=chart] .chart-canvas')!.getBoundingClientRect();
      return s.left >= c.left - 1 && s.right <= c.right + 1 && s.top >= c.top - 1 && s.bottom <= c.bottom + 1 && (s.width > c.width * 0.9 || s.height > c.height * 0.9);
    });
    // Collapse the OOBE phase by its title, and expand it again.
    const states = () => page.locator('[data-testid=chart] g[data-state]').count();
    const all = await states();
    await page.click('[data-testid=chart] g[data-state="oobe"] > text.sc-title');
    await page.waitForSelector('[data-testid=chart] g[data-state="oobe"].sc-collapsed');
    expect(await states()).toBeLessThan(all);
    // Expand all: every state of the machine, more than the focused drawing showed.
    await page.click('[data-testid=chart-expand-all]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=chart] g[data-state]').length > Math.max(40, n), all);
  });

  it('the chart glides to the active state, and jumps when the system asks for less motion (prefers-reduced-motion), where nothing spins either', async () => {
    /**
     * Open the studio, zoom in (the next state and its labels no longer fit the view), step once,
     * and tell whether the chart was marked moving (a glide) and whether a spinner spins.
     */
    const stepAndWatch = async (reducedMotion: 'reduce' | 'no-preference') => {
      const p = await context.newPage();
      watch(p);
      try {
        await p.emulateMedia({ reducedMotion });
        await p.goto(studio.url);
        await chartReady(p);
        await p.evaluate(() => {
          const c = document.querySelector('[data-testid=chart] .chart-canvas')!;
          const w = window as unknown as { moved: boolean };
          w.moved = false;
          new MutationObserver(() => (w.moved ||= c.classList.contains('moving'))).observe(c, { attributes: true, attributeFilter: ['class'] });
        });
        for (let i = 0; i < 3; i++) await p.click('[data-testid=chart-zoom-in]');
        await stepOnce(p);
        await activeInView(p);
        // Past the glide (320 ms) and the canvas's 400 ms mark: whatever moved has stopped.
        await p.waitForFunction(() => !document.querySelector('[data-testid=chart] .chart-canvas')!.classList.contains('moving'));
        const moved = await p.evaluate(() => (window as unknown as { moved: boolean }).moved);
        const spinner = await p.evaluate(() => {
          const el = document.createElement('div');
          el.className = 'st-spin';
          document.body.append(el);
          const name = getComputedStyle(el).animationName;
          el.remove();
          return name;
        });
        return { moved, spinner };
      } finally {
        await p.close();
      }
    };
    expect(await stepAndWatch('no-preference')).toEqual({ moved: true, spinner: 'spin' });
    expect(await stepAndWatch('reduce')).toEqual({ moved: false, spinner: 'none' });
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
