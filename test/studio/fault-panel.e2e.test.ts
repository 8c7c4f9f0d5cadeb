// The fault panel as a trainer reads it on the room's projector (1280x720), in a real headless
// Chromium: only faults that would change the run, each card with the code the run will show,
// and a failure file's codes named (only a lesson hides its ending).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, POLL, stepOnce, stepUntil, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();
let page: Page;
const consoleErrors: string[] = [];

async function openFile(slug: string): Promise<void> {
  await page.click('[data-testid=open-picker]');
  await page.click('[data-testid=tab-files]');
  await page.click(`[data-testid=file-${slug}]`);
  await page.waitForSelector('[data-testid=picker]', { state: 'detached' });
  await page.waitForSelector('[data-testid=chart][data-ready="1"] svg');
}
const offered = () => page.$$eval('[data-testid=faults] button.fault', (b) => b.map((x) => x.getAttribute('data-testid')!.slice('fault-'.length)));

beforeAll(async () => {
  const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
  page = await context.newPage();
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(studio.url);
  await page.waitForSelector('[data-testid=chart][data-ready="1"] svg');
}, 120_000);

describe('the fault panel (Chromium, 1280x720)', () => {
  it('on the unregistered device preparation run, offers no fault that changes nothing or needs an imported device', async () => {
    await openFile('device-preparation');
    await page.keyboard.press('Home');
    const seen = new Set<string>();
    do for (const id of await offered()) seen.add(id);
    while (await stepOnce(page));
    for (const id of ['not-registered', 'no-profile', 'profile-deleted', 'autopilot-blocked', 'object-deleted']) expect([...seen]).not.toContain(id);
    expect([...seen]).toEqual(expect.arrayContaining(['device-cap', 'policy-app-hangs', 'policy-script-fails']));
  });

  it('a fault with no error code shows none: "No internet connection" read network.unavailable in the red of a code, the event\'s name in the machines', async () => {
    await openFile('user-driven-entra');
    await page.keyboard.press('Home');
    const codes = new Map<string, string>();
    do
      for (const [id, code] of await page.$$eval('[data-testid=faults] button.fault', (b) => b.map((x) => [x.getAttribute('data-testid')!, x.querySelector('.fault-code')?.textContent ?? ''] as const)))
        codes.set(id, code);
    while (await stepOnce(page));
    expect(codes.get('fault-no-internet')).toBe('');
    expect([...codes].filter(([, code]) => /^[a-z]+\.[a-zA-Z]+$/.test(code))).toEqual([]);
  });

  it("a card says its code once: 'Windows Home edition 0x80180022' read '0x80180022' again under it, as the catalogue's message", async () => {
    await openFile('user-driven-entra');
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-home-edition]');
    const cards = await page.$$eval('[data-testid=faults] button.fault', (b) => b.map((x) => [x.querySelector('.fault-code')?.textContent ?? '', x.querySelector('.fault-msg')?.textContent ?? ''] as const));
    expect(cards.filter(([code, msg]) => code && msg.replace(/\u200b/g, '').toLowerCase() === code.replace(/\u200b/g, '').toLowerCase())).toEqual([]);
    expect(await page.textContent('[data-testid=fault-home-edition]')).toBe('Windows Home edition0x80180022');
    // Chosen, the error card's title said it twice too, '0x80180022 “0x80180022”': the code once, its meaning below.
    await page.click('[data-testid=fault-home-edition]');
    await page.waitForSelector('[data-testid=error-card]');
    expect(await page.textContent('[data-testid=error-card] .error-title')).toBe('0x80180022 ');
    expect(await page.textContent('[data-testid=error-card] dd')).toBe("The device runs Windows Home, and Home isn't supported.");
  });

  it("the error card says a code its message opens with once: 0x81039001 read '0x81039001 “0x81039001 E_AUTOPILOT_…”'", async () => {
    await openFile('self-deploying');
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-tpm-intermittent]');
    await page.click('[data-testid=fault-tpm-intermittent]');
    await page.waitForSelector('[data-testid=error-card]');
    expect(await page.textContent('[data-testid=error-card] .error-title')).toBe('0x81039001 “E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED”');
  });

  it("an app restarting inside its installer on device preparation: the card shows the policy's timeout, as the run then does", async () => {
    await openFile('device-preparation');
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-policy-app-hangs]');
    const card = page.locator('[data-testid=fault-policy-app-hangs]');
    // APDP_TIMEOUT is the simulator's name: Microsoft documents no code for the policy's timeout.
    expect(await card.locator('.fault-code').textContent()).toBe('no documented code (the simulator names it APDP_TIMEOUT)');
    expect(await card.textContent()).not.toContain('APP_REBOOT_HANG');
    expect(await card.textContent()).not.toContain('Setup could not be completed');
    await card.click();
    await page.keyboard.press('End');
    // The ending says it as the card did: it read 'Deployment failed · APDP_TIMEOUT', the name as a code.
    await expect.poll(() => page.textContent('[data-testid=outcome]'), POLL).toContain('Deployment failed · no documented code (the simulator names it APDP_TIMEOUT)');
    expect(await page.getAttribute('[data-testid=outcome] .fault-code', 'class')).toContain('sim-name');
  });

  it("a simulator's name is labelled as one, not shown as an error code; a documented code is shown as Windows shows it (self-deploying attestation)", async () => {
    await openFile('self-deploying');
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-clock-skew]');
    const card = (id: string) => page.locator(`[data-testid=fault-${id}] .fault-code`);
    // CLOCK_SKEW read in an error code's red as if the device showed it.
    expect(await card('clock-skew').textContent()).toBe('no documented code (the simulator names it CLOCK_SKEW)');
    expect(await card('clock-skew').getAttribute('class')).toContain('sim-name');
    expect(await card('clock-skew').evaluate((el) => getComputedStyle(el).color)).not.toBe(await card('tpm-vulnerable').evaluate((el) => getComputedStyle(el).color));
    expect(await card('tpm-vulnerable').textContent()).toBe('0x81039024');
    expect(await card('tpm-vulnerable').getAttribute('class')).not.toContain('sim-name');
  });

  it("side by side's outcome badge and the chips of the event log and of side by side's steps say a failure with no documented code as the narration does; a documented code keeps its chip", async () => {
    // Lesson 08 ends on ESP_TIMEOUT, the simulator's name: its log line and side by side's step showed it in a code's red
    // chip, and A's badge read 'failed · ESP_TIMEOUT · 1 h 12 min', as a code the class would meet on a device.
    const chips = () => page.$$eval('.code-chip', (els) => els.map((e) => e.textContent));
    // A new page, not a hash change: waiting for the chart on the same page could find the file before's, ready (under load).
    await page.goto('about:blank');
    await page.goto(`${studio.url}#scenario=lessons/08-esp-timeout-one-large-app.yaml`);
    await page.waitForSelector('[data-testid=chart][data-ready="1"] svg');
    await page.click('[data-testid=tab-log]');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid=outcome]');
    const said = 'no documented code (the simulator names it ESP_TIMEOUT)';
    expect(await page.locator('[data-testid=event-log] .fault-code.sim-name').allTextContents()).toEqual([said]);
    expect(await chips()).not.toContain('ESP_TIMEOUT');
    await page.keyboard.press('c');
    await page.waitForSelector('[data-testid=compare-a] [data-testid=compare-outcome]');
    expect(await page.textContent('[data-testid=compare-a] [data-testid=compare-outcome]')).toMatch(/^failed · no documented code \(the simulator names it ESP_TIMEOUT\) · 1 h 12 min$/);
    expect(await page.getAttribute('[data-testid=compare-a] [data-testid=compare-outcome] .fault-code', 'class')).toContain('sim-name');
    expect(await page.locator('[data-testid=compare-table] .fault-code.sim-name').allTextContents()).toEqual([said]);
    expect(await chips()).not.toContain('ESP_TIMEOUT');
    await page.keyboard.press('c');
    // Lesson 04 ends on 0x80070774, a code Microsoft documents: a chip in the log and the steps, a code in the badge.
    await page.goto('about:blank');
    await page.goto(`${studio.url}#scenario=lessons/04-hybrid-from-home-without-vpn.yaml`);
    await page.waitForSelector('[data-testid=chart][data-ready="1"] svg');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid=outcome]');
    await page.keyboard.press('c');
    await page.waitForSelector('[data-testid=compare-a] [data-testid=compare-outcome]');
    expect(await page.textContent('[data-testid=compare-a] [data-testid=compare-outcome] .fault-code:not(.sim-name)')).toBe('0x80070774');
    expect(await page.locator('[data-testid=compare-table] .code-chip').allTextContents()).toContain('0x80070774');
    await page.keyboard.press('c');
    await page.click('[data-testid=tab-log]');
    expect(await page.locator('[data-testid=event-log] .code-chip').allTextContents()).toContain('0x80070774');
  });

  it('a fault against the set-up is offered for a what-if and its card says so, in the panel and in presenter mode\'s list', async () => {
    // Self-deploying on a physical device with TPM 2.0 offered 'TPM attestation fails (no TPM 2.0, a VM)' beside the
    // firmware's and the clock's failures with nothing to tell them apart: it read as something this device could do.
    await openFile('self-deploying');
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-tpm-fails]');
    expect(await page.textContent('[data-testid=fault-tpm-fails] [data-testid=fault-whatif]')).toBe('What if: not this set-up, which has hardware.kind: physical');
    expect(await page.$('[data-testid=fault-tpm-vulnerable] [data-testid=fault-whatif]')).toBeNull();
    const faultsHeading = () => page.locator('[data-testid=faults] h3', { hasText: 'Inject a fault' }).textContent();
    expect(await faultsHeading()).toContain('a what-if, if the set-up were otherwise');
    await page.keyboard.press('p');
    await page.keyboard.press('f');
    await page.waitForSelector('[data-testid=faults-dialog] [data-testid=fault-tpm-fails] [data-testid=fault-whatif]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('p');
    await page.waitForSelector('.app:not(.presenter)');
    // A state with no such fault keeps the heading as it was.
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-no-internet]');
    expect(await faultsHeading()).toBe('Inject a fault only what can happen in this state');
  });

  it('f then Space strikes the fault it goes to, as Space presses any button the keyboard reached (it started the run playing instead)', async () => {
    await openFile('self-deploying');
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-tpm-fails]');
    const before = (await page.textContent('[data-testid=step-counter]'))!;
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? ''), POLL).toMatch(/^fault-/);
    await page.keyboard.press(' ');
    // The run forks at this step with that fault (it fails sooner: fewer steps), and is not playing.
    await expect.poll(async () => (await page.textContent('[data-testid=step-counter]'))!.split('/')[1], POLL).not.toBe(before.split('/')[1]);
    expect(await page.getAttribute('[data-testid=btn-play]', 'aria-pressed')).toBe('false');
  });

  it("f, then a step on (→) without striking, then Space plays: the fault f went to kept the focus, re-rendered as the next step's fault, and Space struck it", async () => {
    const total = async () => (await page.textContent('[data-testid=step-counter]'))!.split('/')[1];
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    await openFile('self-deploying');
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-tpm-fails]');
    const before = await total();
    await page.keyboard.press('f');
    await expect.poll(focused, POLL).toMatch(/^fault-/);
    // The trainer decides not to break it and steps on; the next step offers faults too (the TPM's own).
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid=faults] button.fault');
    expect(await focused()).not.toMatch(/^fault-/);
    await page.keyboard.press(' ');
    await expect.poll(() => page.getAttribute('[data-testid=btn-play]', 'aria-pressed'), POLL).toBe('true');
    await page.keyboard.press(' ');
    await expect.poll(() => page.getAttribute('[data-testid=btn-play]', 'aria-pressed'), POLL).toBe('false');
    // The same run, played: no fault struck.
    expect(await total()).toBe(before);
    // Struck with f and Space, or with the mouse, the next step's faults are not held either.
    for (const how of ['keyboard', 'mouse'] as const) {
      await openFile('self-deploying');
      await page.keyboard.press('Home');
      await stepUntil(page, '[data-testid=fault-no-internet]');
      if (how === 'keyboard') {
        await page.keyboard.press('f');
        await expect.poll(focused, POLL).toBe('fault-no-internet');
        await page.keyboard.press(' ');
      } else await page.click('[data-testid=fault-no-internet]');
      await expect.poll(total, POLL).not.toBe(before);
      expect(await focused(), how).not.toMatch(/^(fault|choice|possible)-/);
    }
  });

  it("'Can happen now' names a fault in the fault card's words: it read 'Wrong password at sign-in' beside the card's 'User mistypes the password'", async () => {
    await openFile('user-driven-entra');
    await page.keyboard.press('Home');
    let seen = 0;
    do {
      const chips = await page.$$eval('[data-testid=possible-now] button[title$="choose this"]', (b) => b.map((x) => x.textContent!.trim()));
      const cards = await page.$$eval('[data-testid=faults] .fault-label', (l) => l.map((x) => x.textContent!.trim()));
      for (const chip of chips) expect(cards).toContain(chip);
      seen += chips.length;
    } while (await stepOnce(page));
    expect(seen).toBeGreaterThan(0);
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-wrong-password]');
    expect(await page.textContent('[data-testid=possible-entra\\.invalidCredentials]')).toBe('User mistypes the password');
  });

  it("a failure file opened from the file list names its code: it is not a lesson's hidden ending", async () => {
    await openFile('failures-win32-msi-clash');
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-win32-msi]');
    const text = await page.textContent('[data-testid=fault-win32-msi]');
    expect(text).not.toContain("this lesson's error code");
    expect(text).toContain('ANOTHER_INSTALLATION_IN_PROGRESS');
    // A lesson still hides it: lesson 04's connector failures end in its code, 0x80070774.
    await page.click('[data-testid=open-picker]');
    await page.click('[data-testid=tab-lessons]');
    await page.click('[data-testid=file-lessons-04-hybrid-from-home-without-vpn]');
    await page.waitForSelector('[data-testid=picker]', { state: 'detached' });
    await page.keyboard.press('Home');
    await stepUntil(page, '[data-testid=fault-connector-down]');
    expect(await page.textContent('[data-testid=fault-connector-down]')).toContain("this lesson's error code");
    expect(consoleErrors).toEqual([]);
  });
});
