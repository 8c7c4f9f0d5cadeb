// The device screen, zoomed on a projector, and device preparation's OOBE beside classic Autopilot's.
//
// At 1280x720 zoomed to 150% (853x480 CSS px) the studio's device screen is 256 px wide and kept its words at 12 px:
// the sign-in page's Next, lesson 10's "That username looks like it belongs to another organization", the technician's
// Refresh and Next under lesson 06's configuration screen and device preparation's "This might take a while" ran past
// the screen's foot, cut (browser-zoom.e2e.test.ts walks user-driven-entra.yaml only, whose ESP scrolls).
//
// Device preparation has no Autopilot profile (domain §7 step 1), yet its sign-in page read "Welcome to Contoso!" beside
// the tenant's logo, as classic Autopilot's does (§2.1 U2: branding from the profile's tenant), while its narration said
// "with no Autopilot branding": the class could not see the difference.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, openByAddress, settled, stepOnce, stepUntil, studioForTests, whereIs } from '../helpers/studio.ts';

const studio = studioForTests();

/**
 * Words on the device screen that its edge cuts: a line of text outside the screen's box, where no box inside the
 * screen scrolls it (the ESP's list scrolls, and a row scrolled away is its own test's business).
 */
function cutByScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const screen = document.querySelector('[data-testid=device-screen] .screen');
    if (!screen) return ['no device screen'];
    const b = screen.getBoundingClientRect();
    const out: string[] = [];
    for (const e of screen.querySelectorAll<HTMLElement>('*')) {
      if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())) continue;
      let scrolled = false;
      for (let a = e.parentElement; a && a !== screen; a = a.parentElement) if (getComputedStyle(a).overflowY !== 'visible') scrolled = true;
      if (scrolled) continue;
      const r = [...e.getClientRects()].find((r) => r.height > 0 && (r.bottom > b.bottom + 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.left < b.left - 1));
      if (r) out.push(`"${e.textContent!.trim().slice(0, 40)}" ${Math.round(Math.max(r.bottom - b.bottom, r.right - b.right))} px past the screen's edge`);
    }
    return out;
  });
}

describe('device screens at 1280x720 zoomed to 150%', () => {
  it("keep every word and button inside the screen: device preparation's walk, lesson 06's configuration screen, lesson 10's tenant mismatch, a task sequence", async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async () => {
      await settled(page);
      for (const p of await cutByScreen(page)) problems.push(`${await whereIs(page)}: ${p}`);
    };
    try {
      await page.goto(`${studio.url}#scenario=device-preparation.yaml`);
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
      do await check();
      while (await stepOnce(page));
      for (const [file, steps] of [
        ['lessons/06-pre-provisioning-then-user-weeks-later.yaml', 5],
        ['lessons/10-tenant-mismatch.yaml', 6],
        ['existing-devices-entra.yaml', 6],
      ] as const) {
        await openByAddress(page, file);
        for (let i = 0; i < steps && (await stepOnce(page)); i++) await check();
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});

describe("device preparation's OOBE, beside classic Autopilot's", () => {
  it("is Windows' own, unbranded, until the user signs in; a registered device running classic keeps its organisation's welcome", async () => {
    const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const screen = () => page.textContent('[data-testid=device-screen] .screen');
    const logo = () => page.textContent('[data-testid=device-screen] .org-logo');
    try {
      await page.goto(`${studio.url}#scenario=device-preparation.yaml`);
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg', { timeout: 120_000 });
      await stepUntil(page, '[data-testid=screen-oobePages]');
      expect(await screen()).toContain('No Autopilot profile hides a page');
      expect(await logo()).toBe('?');
      await stepUntil(page, '[data-testid=screen-entraSignIn]');
      const signIn = await screen();
      expect(signIn).toContain("Let's set things up for your work or school");
      expect(signIn).not.toContain('Welcome to Contoso');
      expect(await logo()).toBe('?');

      await openByAddress(page, 'device-preparation-registered-runs-classic.yaml');
      await stepUntil(page, '[data-testid=screen-oobePages]');
      expect(await screen()).toContain('Pages the profile does not hide');
      await stepUntil(page, '[data-testid=screen-entraSignIn]');
      expect(await screen()).toContain('Welcome to Contoso!');
      expect(await logo()).toBe('C');

      // With no policy for the user, the sign-in joins Entra without provisioning: the desktop, with no policy's app.
      await openByAddress(page, 'failures/device-preparation-no-policy.yaml');
      await page.keyboard.press('End');
      await page.waitForSelector('[data-testid=screen-desktop]', { timeout: 15_000 });
      expect(await screen()).not.toContain('Company Portal');
    } finally {
      await context.close();
    }
  }, 180_000);
});
