// Read from the back of a room, on the projectors USERS.md names (1280x720 and 1024x768), in headless Chromium:
// the device screen is some 300 px wide or more with its words at 12 px or more in every layout a trainer uses (the
// studio, presenter mode and its faults, side by side with its timeline, in and out of presenter mode), and the
// who-acted chips (the event log, the narration, the class's choices) are at least 12 px and whole. Presenter mode's
// endings beside the large chart and side by side's narrations and table: projector-side-by-side.e2e.test.ts (a file
// of its own, so that the two run at once, one a worker).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROJECTORS, projectorPages, screens } from '../helpers/projector.ts';
import { chartReady, CONTEXT_OPTIONS, openByAddress, POLL, stepOnce, stepUntil } from '../helpers/studio.ts';

const { studio, reuse } = projectorPages();

/** Each who-acted chip on the page: where it is, its type size, and what of it is cut (by its own box or its row's). */
function chips(page: Page): Promise<Array<{ where: string; px: number; cut: string | null }>> {
  return page.$$eval('.src', (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const el = e as HTMLElement;
        const where = el.closest('.log') ? 'event log' : el.closest('.narration') ? 'narration' : el.closest('.choices') ? 'choices' : 'elsewhere';
        const r = el.getBoundingClientRect();
        // The box that shows it: the list for a log line (its lines do not wrap), else its own row.
        const holder = (el.closest('.log ol') ?? el.parentElement!).getBoundingClientRect();
        const cut =
          el.scrollWidth > el.clientWidth + 0.5
            ? `its text ${el.scrollWidth} px in ${el.clientWidth}`
            : r.left < holder.left - 0.5 || r.right > holder.right + 0.5
              ? `${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(holder.left)}-${Math.round(holder.right)}`
              : null;
        return { where, px: parseFloat(getComputedStyle(el).fontSize), cut };
      }),
  );
}

describe('the who-acted chips on a projector', () => {
  it.each(PROJECTORS)("at %ix%i, in the event log, the narration and the choices, read at 12 px or more and are whole, as is the narration's phase badge", async (w, h) => {
    // Lesson 08 to its ESP error page: a long log, the narration's chip, and the class's choices (Try again, Reset…).
    const page = await reuse(w, h, 'lessons/08-esp-timeout-one-large-app.yaml');
    await page.click('[data-testid=tab-log]');
    await stepUntil(page, '[data-testid=choices] .src');
    const all = await chips(page);
    expect(new Set(all.map((c) => c.where))).toEqual(new Set(['event log', 'narration', 'choices']));
    expect(all.filter((c) => c.px < 12).map((c) => `${c.where}: ${c.px} px`)).toEqual([]);
    expect(all.filter((c) => c.cut).map((c) => `${c.where}: ${c.cut}`)).toEqual([]);
    // The narration's phase badge beside the step's title, as large (it was 11.2 px at 1280x720).
    await page.keyboard.press('Home');
    await page.waitForSelector('[data-testid=phase-badge]');
    expect(await page.$eval('[data-testid=phase-badge]', (e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(12);
    // And every word of the narration: what can happen now was 10.5 px at 1280x720 ('Wired network connects'), the
    // error's code chip and the outcome's code 11.6 px (ESP_TIMEOUT), a finding's code 11 (lesson 11).
    const small: string[] = [];
    const narration = async (where: string) => {
      const n = await smallestWords(page, '[data-testid=narration]');
      if (n.px < 12) small.push(`${where}: ${n.what} at ${n.px} px`);
    };
    await narration('lesson 08, power on');
    await stepUntil(page, '[data-testid=narration-code]');
    await narration("lesson 08, the app's timeout");
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid=outcome]');
    await narration('lesson 08, its end');
    await openByAddress(page, 'lessons/11-success-is-not-everything.yaml');
    await stepUntil(page, '[data-testid=finding]');
    await narration('lesson 11, a finding');
    expect(small).toEqual([]);
  }, 120_000);
});

describe('the device screen on a projector', () => {
  it.each(PROJECTORS)('at %ix%i, in every layout a trainer uses, is 300 px wide or more and its words 12 px or more, none cut short', async (w, h) => {
    // Lesson 08's ESP error page: the stage's narration at its longest (the error card), the ESP's smallest words.
    const page = await reuse(w, h, 'lessons/08-esp-timeout-one-large-app.yaml');
    await stepUntil(page, '[data-testid=esp-error-message]');
    const problems: string[] = [];
    const check = async (layout: string, count: number) => {
      await expect.poll(async () => (await screens(page)).length, POLL).toBe(count);
      for (const [i, s] of (await screens(page)).entries()) {
        if (s.width < 299.5) problems.push(`${layout}, screen ${i + 1}: ${Math.round(s.width)} px wide`);
        if (s.smallest < 12) problems.push(`${layout}, screen ${i + 1}: ${s.what} at ${s.smallest} px`);
        // The ESP's section status was cut short on the error page ('Working on i…', 'Waiting for previous st…').
        for (const c of s.cut) problems.push(`${layout}, screen ${i + 1}: ${c}`);
      }
    };
    await check('studio', 1);
    await page.keyboard.press('p');
    await page.waitForSelector('.app.presenter');
    await check('presenter mode', 1);
    await page.keyboard.press('f');
    await page.waitForSelector('[data-testid=faults-dialog]');
    await check('presenter mode, faults open', 1);
    await page.keyboard.press('Escape');
    await page.keyboard.press('p');
    await page.waitForSelector('.app:not(.presenter)');
    await page.keyboard.press('c');
    await page.waitForSelector('[data-testid=compare-table]');
    await check('side by side', 2);
    await page.keyboard.press('p');
    await page.waitForSelector('.app.presenter.comparing');
    // Its ESP error page keeps every row its failure stopped at 12 px too (lesson 02: classroom.e2e.test.ts).
    await check('side by side in presenter mode', 2);
    // With the charts shown (g): at 1280x720 screen, narration and chart had a third of each column, the screens 281 px.
    await page.keyboard.press('g');
    await page.waitForSelector('.app.presenter.comparing.chart-large');
    await check('side by side in presenter mode with the charts', 2);
    expect(problems).toEqual([]);
  }, 120_000);
});

/**
 * What a projector, which washes out light greys, would lose: each word of the statechart and of the device screen
 * under WCAG AA's contrast against what is drawn under it (4.5:1; 3:1 for large type), and each line of the chart under
 * 3:1 against the fill of the deepest phase drawn (a drawing's lines, WCAG 1.4.11).
 */
function lowContrast(page: Page, least = { text: 4.5, line: 3 }, scopes = '.screen, [data-testid=compare-table]'): Promise<string[]> {
  return page.evaluate(([least, scopes]) => {
    const parse = (c: string) => {
      const p = /rgba?\(([^)]+)\)/.exec(c)?.[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return p ? { r: p[0]!, g: p[1]!, b: p[2]!, a: p[3] ?? 1 } : null;
    };
    type Rgb = { r: number; g: number; b: number; a: number };
    const over = (top: Rgb, under: Rgb): Rgb => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
    const lum = (c: Rgb) => [c.r, c.g, c.b].map((v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const ratio = (a: Rgb, b: Rgb) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    const out: string[] = [];
    // The chart: a word on its own ground (a label's box, a state's box), else on the drawing's.
    const chart = document.querySelector('[data-testid=chart] .chart-canvas svg');
    if (chart) {
      const bg = parse(getComputedStyle(chart.querySelector('.sc-bg')!).fill)!;
      for (const t of chart.querySelectorAll('text')) {
        if (!t.textContent!.trim() || t.classList.contains('sc-toggle')) continue;
        const rect = t.parentElement!.querySelector(':scope > rect, :scope > circle');
        const ground = rect && Number(getComputedStyle(rect).opacity) === 1 ? parse(getComputedStyle(rect).fill)! : bg;
        const r = ratio(parse(getComputedStyle(t).fill)!, ground);
        if (r < least.text) out.push(`chart: '${t.textContent}' ${r.toFixed(2)}:1`);
      }
      const phases = [...chart.querySelectorAll('.sc-compound > rect')].map((r) => parse(getComputedStyle(r).fill)!);
      const deepest = phases.reduce((d, p) => (lum(p) < lum(d) ? p : d), bg);
      for (const p of chart.querySelectorAll('.sc-edge path')) {
        const r = ratio(parse(getComputedStyle(p).stroke)!, deepest);
        if (r < least.line) out.push(`chart: line of ${p.closest('[data-edge]')!.getAttribute('data-event')} ${r.toFixed(2)}:1`);
      }
      // The borders that say where the device is (the active or failed state's, its phases', the visited trail's) and
      // those that say which phase a state is in.
      for (const b of chart.querySelectorAll(':is(.sc-active, .sc-failed, .sc-ancestor, .sc-visited, .sc-compound) > :is(rect, circle:not(.sc-inner))')) {
        const r = ratio(parse(getComputedStyle(b).stroke)!, deepest);
        if (r < least.line) out.push(`chart: border of ${b.parentElement!.getAttribute('class')} ${r.toFixed(2)}:1`);
      }
    }
    // The device screen and side by side's table of steps: each word on the colours of the elements under it, up to the
    // first opaque one.
    for (const screen of document.querySelectorAll(scopes)) {
      const walker = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        // A control that cannot be used now (disabled) is exempt (WCAG 1.4.3).
        if (!n.textContent!.trim() || el.closest('.st, svg, :disabled') || !el.getClientRects().length) continue;
        const layers: Rgb[] = [];
        let gradient = false;
        for (let a: Element | null = el; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.backgroundImage !== 'none') gradient = true;
          // A shade painted as an inset shadow over the whole box (side by side's current step) lies over its background.
          const shade = /(rgba?\([^)]+\)) 0px 0px 0px (\d+)px inset/.exec(s.boxShadow);
          if (shade && Number(shade[2]) >= 999) layers.push(parse(shade[1]!)!);
          const c = parse(s.backgroundColor);
          if (c && c.a > 0) layers.push(c);
          if (gradient || (c && c.a === 1)) break;
        }
        if (gradient) continue;
        const ground = layers.reverse().reduce((u, l) => over(l, u), { r: 255, g: 255, b: 255, a: 1 });
        let opacity = 1;
        for (let a: Element | null = el; a && a !== screen; a = a.parentElement) opacity *= Number(getComputedStyle(a).opacity);
        const s = getComputedStyle(el);
        const fg = parse(s.color)!;
        const r = ratio(over({ ...fg, a: fg.a * opacity }, ground), ground);
        const large = parseFloat(s.fontSize) >= 24 || (Number(s.fontWeight) >= 700 && parseFloat(s.fontSize) >= 18.66);
        if (r < (large ? 3 : 4.5)) out.push(`${screen.matches('.screen') ? 'screen' : screen.matches('[data-testid=compare-table]') ? 'steps' : screen.getAttribute('data-testid')}: '${n.textContent!.trim().slice(0, 40)}' ${r.toFixed(2)}:1`);
      }
    }
    // The studio's own secondary words (.muted), on its panels.
    for (const m of document.querySelectorAll<HTMLElement>('.app .muted')) {
      if (!m.textContent!.trim() || !m.getClientRects().length || m.closest('.screen')) continue;
      let ground: Rgb | null = null;
      for (let a: Element | null = m; a && !ground; a = a.parentElement) {
        const c = parse(getComputedStyle(a).backgroundColor);
        if (c && c.a === 1) ground = c;
      }
      const r = ratio(parse(getComputedStyle(m).color)!, ground ?? { r: 255, g: 255, b: 255, a: 1 });
      if (r < least.text) out.push(`muted: '${m.textContent!.trim().slice(0, 40)}' ${r.toFixed(2)}:1`);
    }
    return [...new Set(out)];
  }, [least, scopes] as const);
}

describe('contrast on a projector', () => {
  it("the chart's words read at WCAG AA and its lines at 3:1 or more; the device's words, on the ESP's error page and the technician's green screen, at AA", async () => {
    // Before: the transitions' words 4.44:1 (#6b7785 on their ground), their lines 1.84:1 on a nested phase, and the
    // technician's green screen's field names 4.02:1 (white at 80%) and its Reseal button 4.30:1.
    const page = await reuse(1280, 720, 'lessons/08-esp-timeout-one-large-app.yaml');
    await stepUntil(page, '[data-testid=esp-buttons]');
    await page.click('[data-testid=chart-expand-all]');
    await page.waitForSelector('[data-testid=chart][data-ready="1"] svg:not(:has(.sc-collapsed))');
    expect(await lowContrast(page)).toEqual([]);
    await openByAddress(page, 'pre-provisioned-entra.yaml');
    await stepUntil(page, '[data-testid=screen-technicianSuccess], .screen-green');
    expect(await lowContrast(page)).toEqual([]);
  }, 120_000);
});

describe('contrast side by side', () => {
  it("the table of steps reads at WCAG AA: the steps still to come, the first difference's row and its flag", async () => {
    // Before: the steps to come at half opacity (1.99:1 for their times and states), the first difference's times and
    // states 4.30:1 on its amber, and its 'first difference' flag white on amber 3.19:1.
    const page = await reuse(1280, 720, 'lessons/02-self-deploying-on-a-vm.yaml');
    await page.keyboard.press('c');
    await page.waitForSelector('[data-testid=compare-table] [data-testid=first-difference]');
    await stepOnce(page);
    await stepOnce(page);
    expect(await page.locator('[data-testid=compare-table] tr.future').count()).toBeGreaterThan(2);
    expect(await lowContrast(page)).toEqual([]);
  }, 60_000);
});

describe('contrast at the first difference and on the current step', () => {
  it("side by side's current step and first difference read at WCAG AA, the simulator's name for a failure with no documented code among them", async () => {
    // Before: at lesson 08's first difference (the ESP timing out, 'no documented code (the simulator names it
    // ESP_TIMEOUT)') that name read 3.76:1 on the current step's shade over the amber (4.30:1 on the amber alone), and a
    // current step's time and state 4.47:1 (4.24:1 on a row that differs).
    const page = await reuse(1280, 720, 'lessons/08-esp-timeout-one-large-app.yaml');
    await page.keyboard.press('c');
    await page.waitForSelector('[data-testid=compare-table] [data-testid=first-difference]');
    await page.click('[data-testid=jump-difference]');
    await page.waitForSelector('[data-testid=compare-table] tr.current.first-diff .sim-name');
    expect(await lowContrast(page)).toEqual([]);
    await stepOnce(page);
    await page.waitForSelector('[data-testid=compare-table] tr.current.differs:not(.first-diff)');
    expect(await lowContrast(page)).toEqual([]);
    await page.keyboard.press('Home');
    await page.waitForSelector('[data-testid=compare-table] tr.current:not(.differs)');
    expect(await lowContrast(page)).toEqual([]);
  }, 60_000);

  it("the Windows 365 portal's 'Provisioned with warnings' reads at WCAG AA", async () => {
    // Before: its yellow on the portal's white, 2.62:1.
    const page = await reuse(1280, 720, 'failures/windows-365-provisioned-with-warnings.yaml');
    await stepUntil(page, async () => (await page.locator('[data-testid=cloudpc-status]', { hasText: 'Provisioned with warnings' }).count()) > 0);
    expect(await lowContrast(page)).toEqual([]);
  }, 60_000);
});

describe('the event log', () => {
  /** The log's lines other than the current one that stand taller than one line (a blank band in the list). */
  const tallLines = (page: Page) =>
    page.$$eval('.log li:not(.current)', (lis) => {
      const one = Math.min(...lis.map((li) => li.getBoundingClientRect().height));
      return lis.filter((li) => li.getBoundingClientRect().height > one + 2).map((li) => `${li.textContent!.replace(/\s+/g, ' ').slice(0, 60)}: ${Math.round(li.getBoundingClientRect().height)} px, one line ${Math.round(one)} px`);
    });
  for (const [width, height] of PROJECTORS) {
    it(`at ${width}x${height}, keeps each line not current one line high, a failure with no documented code among them`, async () => {
      // Before: the line of a failure the simulator names (ESP_TIMEOUT, APDP_APP_FAILED), once another was current, stood
      // 58 px high at 1280x720, its words squeezed to nothing breaking at each underscore, a blank line above its event.
      const page = await reuse(width, height, 'lessons/08-esp-timeout-one-large-app.yaml');
      await page.click('[data-testid=tab-log]');
      await page.keyboard.press('End');
      await page.waitForSelector('.log li.current:last-child');
      await expect.poll(() => page.locator('.log li:not(.current) .sim-name').count(), POLL).toBeGreaterThan(0);
      expect(await tallLines(page)).toEqual([]);
      await openByAddress(page, 'device-preparation.yaml');
      await stepUntil(page, '[data-testid=fault-policy-app-fails]');
      await page.click('[data-testid=fault-policy-app-fails]');
      if (!(await page.locator('.log li').first().isVisible())) await page.click('[data-testid=tab-log]');
      await page.keyboard.press('End');
      await page.waitForSelector('.log li.current:last-child');
      await expect.poll(() => page.locator('.log li:not(.current) .sim-name').count(), POLL).toBeGreaterThan(0);
      expect(await tallLines(page)).toEqual([]);
    }, 90_000);
  }
});

describe('contrast on a failure', () => {
  it("the failure's card under the narration reads at WCAG AA, its grey words and the simulator's name for the code among them", async () => {
    // Before: the grey words on the failure's pink ('·', 'as the file expects', 'no documented code (the simulator names
    // it ESP_TIMEOUT)') 4.498:1.
    const page = await reuse(1280, 720, 'lessons/08-esp-timeout-one-large-app.yaml');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid=narration] .sim-name');
    expect(await lowContrast(page, undefined, '[data-testid=narration]')).toEqual([]);
  }, 60_000);
});

describe('contrast in the file picker', () => {
  it("each word of the picker reads at WCAG AA, the open file's path and seed among them", async () => {
    // Before: the open file's path and seed, grey on its light blue, 4.46:1.
    const page = await reuse(1280, 720, 'lessons/08-esp-timeout-one-large-app.yaml');
    await page.keyboard.press('o');
    await page.waitForSelector('[data-testid=picker] .file.selected .file-path');
    expect(await lowContrast(page, undefined, '[data-testid=picker]')).toEqual([]);
    await page.click('[data-testid=tab-build]');
    expect(await lowContrast(page, undefined, '[data-testid=picker]')).toEqual([]);
  }, 60_000);
});

describe('contrast asked for by the system', () => {
  it("with prefers-contrast: more (Increase contrast, a contrast theme) the chart's words and the studio's secondary words read at 7:1 (WCAG AAA), its lines at 4.5:1", async () => {
    // Before: the same greys as without it (the muted words 5.14:1, the chart's words on the trail and the ways out now 5.28 and 5.86:1).
    const more = await studio.browser.newContext({ ...CONTEXT_OPTIONS, contrast: 'more' });
    try {
      const page = await more.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`${studio.url}#scenario=lessons/08-esp-timeout-one-large-app.yaml`);
      await chartReady(page);
      await stepUntil(page, '[data-testid=esp-buttons]');
      // Every phase open: every line and word, the trail's and the ways out now among them, on the deepest phase.
      await page.click('[data-testid=chart-expand-all]');
      await page.waitForSelector('[data-testid=chart][data-ready="1"] svg:not(:has(.sc-collapsed))');
      await page.waitForSelector('[data-testid=chart] .sc-taken.sc-edge-label');
      expect((await lowContrast(page, { text: 7, line: 4.5 })).filter((p) => !p.startsWith('screen:'))).toEqual([]);
    } finally {
      await more.close();
    }
  }, 120_000);

  it('in a Windows contrast theme (forced colours) the device screen keeps its monitor and its failed row its red', async () => {
    // Before: the theme repainted the monitor's frame as the page's ground and every ESP status glyph alike.
    const forced = await studio.browser.newContext({ ...CONTEXT_OPTIONS, forcedColors: 'active' });
    try {
      const page = await forced.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`${studio.url}#scenario=lessons/02-self-deploying-on-a-vm.yaml`);
      await chartReady(page);
      await stepUntil(page, '[data-testid=esp-buttons]');
      expect(await page.$eval('[data-testid=device-screen] .monitor', (m) => getComputedStyle(m).backgroundColor)).toBe('rgb(29, 31, 34)');
      expect(await page.$eval('[data-testid=device-screen] .st-fail', (m) => getComputedStyle(m).backgroundColor)).toBe('rgb(196, 43, 28)');
    } finally {
      await forced.close();
    }
  }, 120_000);
});

/** The smallest words under `scope` (each text's own element; not the ESP's status glyphs), and what they say. */
function smallestWords(page: Page, scope: string): Promise<{ px: number; what: string }> {
  return page.$$eval(scope, (roots) => {
    let px = Infinity;
    let what = '';
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (!n.textContent!.trim() || el.closest('.st, .org-logo') || !el.getClientRects().length) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < px) [px, what] = [size, `"${n.textContent!.trim().slice(0, 40)}"`];
      }
    }
    return { px, what };
  });
}

/** The type size on screen of the chart's active state's words: the drawing's scale times their size. */
function chartWordsPx(page: Page): Promise<number> {
  return page.$eval('[data-testid=chart]', (chart) => {
    const k = new DOMMatrix(getComputedStyle(chart.querySelector('.chart-canvas svg')!).transform).a;
    const text = chart.querySelector('g.sc-active > text, g.sc-failed > text')!;
    return k * parseFloat(getComputedStyle(text).fontSize);
  });
}

describe("presenter mode's words", () => {
  it.each(PROJECTORS)("at %ix%i, what the class reads is 14 px or more: the device and the whole narration with the chart hidden, and with the chart large the device, the narration and the chart, and lesson 11's findings whole above the step controls", async (w, h) => {
    // Before, at 1024x768: the device's smallest words 13.2 px; under the narration the error's code 10.8 px and what can
    // happen now 9.7 px beside the large chart; the chart's words at lesson 06's technician Apps step 13.7 px (its ways
    // out run wide, and the view zoomed out to keep them whole beside an 84 px minimap).
    const page = await reuse(w, h, 'lessons/02-self-deploying-on-a-vm.yaml');
    await stepUntil(page, '[data-testid=esp-error-message]');
    await page.keyboard.press('p');
    await page.waitForSelector('.app.presenter.chart-hidden');
    const problems: string[] = [];
    const check = async (layout: string, scope: string) => {
      const s = await smallestWords(page, scope);
      if (s.px < 14) problems.push(`${layout}, ${scope}: ${s.what} at ${s.px} px`);
    };
    await check('chart hidden', '[data-testid=device-screen] .screen');
    await check('chart hidden', '[data-testid=narration]');
    await page.keyboard.press('g');
    await chartReady(page, '.app.presenter.chart-large [data-testid=chart]');
    await check('chart large', '[data-testid=narration]');
    // Beside the large chart the device's words were the studio's 12 px (its ESP rows 12.6), the smallest in the room.
    await check('chart large', '[data-testid=device-screen] .screen');
    if ((await chartWordsPx(page)) < 14) problems.push(`chart large: lesson 02's chart at ${await chartWordsPx(page)} px`);
    await openByAddress(page, 'lessons/06-pre-provisioning-then-user-weeks-later.yaml', '.app.presenter.chart-large [data-testid=chart]');
    await stepUntil(page, async () => (await page.textContent('[data-testid=state-title]'))?.trim() === 'Apps');
    await page.waitForSelector('[data-testid=chart] g.sc-active[data-state$="deviceSetup.apps"]');
    await expect.poll(() => page.$eval('[data-testid=chart] .chart-canvas', (c) => c.classList.contains('moving')), POLL).toBe(false);
    const apps = await chartWordsPx(page);
    if (apps < 14) problems.push(`chart large: lesson 06's technician Apps step at ${apps.toFixed(1)} px`);
    // A finding under the narration (its name, remedy and link were 12.9 and 12.6 px), and the ending with its
    // findings, its code and 'as the file expects'.
    // By its address, waiting for its own run (the page still showed lesson 06's drawn chart when the goto returned).
    await openByAddress(page, 'lessons/11-success-is-not-everything.yaml', '.app.presenter.chart-large [data-testid=chart]');
    await stepUntil(page, '[data-testid=finding]');
    await check('chart large, a finding', '[data-testid=narration]');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid=outcome-findings]');
    await check('chart large, the ending', '[data-testid=narration]');
    // Its findings whole in the narration, above the step controls (the second ran 64 px under them at 1280x720, the
    // device as wide as the stage), and the device, yielding height to them, still 300 px wide.
    const ending = await page.evaluate(() => {
      const box = (e: Element) => e.getBoundingClientRect();
      const narration = box(document.querySelector('[data-testid=narration]')!);
      const controls = box(document.querySelector('.transport')!);
      const below = Math.min(narration.bottom, controls.top);
      const cut = [...document.querySelectorAll('[data-testid=outcome-findings] li')]
        .filter((li) => box(li).bottom > below + 0.5 || box(li).top < narration.top)
        .map((li) => `${li.getAttribute('data-finding')} ends at ${Math.round(box(li).bottom)} px, the narration's room at ${Math.round(below)}`);
      return { cut, screen: box(document.querySelector('[data-testid=device-screen] .screen')!).width };
    });
    problems.push(...ending.cut.map((c) => `chart large, lesson 11's ending: ${c}`));
    if (ending.screen < 299.5) problems.push(`chart large, lesson 11's ending: the screen ${Math.round(ending.screen)} px wide`);
    expect(problems).toEqual([]);
  }, 120_000);
});

describe("side by side's choice of B", () => {
  it.each(PROJECTORS)('at %ix%i, shows the option chosen whole', async (w, h) => {
    // Lesson 05 opens beside 'Classic Autopilot → device preparation (device not registered)': a select of 360 px at most
    // showed 'Classic Autopilot → device preparation (device r'.
    const page = await reuse(w, h, 'lessons/05-win32-and-msi-mix.yaml');
    await page.keyboard.press('c');
    await page.waitForSelector('[data-testid=compare-source]');
    const fit = await page.$eval('[data-testid=compare-source]', (s) => {
      const select = s as HTMLSelectElement;
      const option = select.options[select.selectedIndex]!;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(select).font;
      // The option's words, and the arrow and padding beside them (16 px).
      return { text: option.text, needs: Math.ceil(ctx.measureText(option.text).width) + 16, has: select.clientWidth, bar: select.closest('.cmp-bar')!.getBoundingClientRect().right - select.getBoundingClientRect().right };
    });
    expect(fit.text).toMatch(/device preparation/);
    expect(fit.has, `'${fit.text}' needs ${fit.needs} px`).toBeGreaterThanOrEqual(fit.needs);
    expect(fit.bar).toBeGreaterThanOrEqual(0);
  }, 60_000);
});

describe("the simulator's note under the device", () => {
  it.each(PROJECTORS)('at %ix%i, is whole above the narration however long it is, and the device beside it 300 px wide or more', async (w, h) => {
    // The longest cause a bundled file ends on (170 characters: four lines at 1024x768) and the logon screen's
    // description (three): with room for two lines they ran 36 and 20 px under the narration's top.
    const problems: string[] = [];
    for (const file of ['failures/wlidsvc-disabled.yaml', 'failures/hybrid-home-no-vpn.yaml']) {
      const page = await reuse(w, h, file);
      await page.keyboard.press('End');
      await page.waitForSelector('[data-testid=sim-note]');
      const m = await page.evaluate(() => {
        const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        return { note: box('[data-testid=sim-note]').bottom, wrap: box('[data-testid=device-wrap]').bottom, narration: box('[data-testid=narration]').top, screen: box('[data-testid=device-screen] .screen').width };
      });
      if (m.note > m.wrap + 0.5 || m.note > m.narration) problems.push(`${file}: the note ends at ${Math.round(m.note)} px, the narration starts at ${Math.round(m.narration)}`);
      if (m.screen < 299.5) problems.push(`${file}: the screen ${Math.round(m.screen)} px wide`);
    }
    // Side by side in presenter mode: lesson 04 beside its compareWith, whose B ends on the logon screen's note (three
    // lines ran 16 px over B's narration at 1024x768).
    const page = await reuse(w, h, 'lessons/04-hybrid-from-home-without-vpn.yaml');
    await page.keyboard.press('c');
    await page.waitForSelector('[data-testid=compare-b] .screen');
    await page.keyboard.press('End');
    await page.keyboard.press('p');
    await page.waitForSelector('.app.presenter.comparing [data-testid=compare-b] [data-testid=sim-note]');
    await expect
      .poll(
        () =>
          page.$eval('[data-testid=compare-b]', (b) => {
            // How far the note and B's narration overlap (beside each other at 1280x720, one under the other at 1024x768).
            const n = b.querySelector('[data-testid=sim-note]')!.getBoundingClientRect();
            const t = b.querySelector('.cmp-narr')!.getBoundingClientRect();
            return Math.max(0, Math.min(n.right, t.right) - Math.max(n.left, t.left)) * Math.max(0, Math.min(n.bottom, t.bottom) - Math.max(n.top, t.top));
          }),
        POLL,
      )
      .toBe(0);
    // And B's screen keeps 300 px beside its note (270 px at 1024x768, the note at presenter type, 19 px).
    const b = await page.$eval('[data-testid=compare-b] .screen', (e) => e.getBoundingClientRect().width);
    if (b < 299.5) problems.push(`side by side in presenter mode: B's screen ${Math.round(b)} px wide`);
    // With the charts shown (g), B's note under its screen left each column's narration 2 px at 1280x720 (the columns
    // share their rows): each keeps three lines or more in view, and B's screen 300 px.
    await page.keyboard.press('g');
    await page.waitForSelector('.app.presenter.comparing.chart-large [data-testid=compare-b] [data-testid=sim-note]');
    for (const n of await page.$$eval('.cmp-col .cmp-narr', (ns) => ns.map((e) => ({ has: e.clientHeight, line: parseFloat(getComputedStyle(e).lineHeight) || 1.4 * parseFloat(getComputedStyle(e).fontSize) })))) {
      if (n.has < 3 * n.line) problems.push(`side by side with the charts: a narration shows ${n.has} px, under three lines (${Math.round(3 * n.line)})`);
    }
    const bg = await page.$eval('[data-testid=compare-b] .screen', (e) => e.getBoundingClientRect().width);
    if (bg < 299.5) problems.push(`side by side with the charts: B's screen ${Math.round(bg)} px wide`);
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('side by side in presenter mode', () => {
  it.each(PROJECTORS)("at %ix%i, a long title or outcome over a column leaves its screen 300 px wide or more, the two screens at one height with the charts hidden or shown and in the studio, their narration whole, and the words over and under them at 14 px or more", async (w, h) => {
    // Lessons 05 and 12 end beside 'Classic Autopilot → device preparation (device not registered)': over B the title
    // took two lines at presenter type (20 px) and A's outcome, 'failed · ANOTHER_INSTALLATION_IN_PROGRESS · 24 min',
    // two: B's screen was 288 px wide at 1024x768, and the two screens stood at different heights.
    const problems: string[] = [];
    for (const file of ['lessons/05-win32-and-msi-mix.yaml', 'lessons/12-classic-or-device-preparation.yaml']) {
      const page = await reuse(w, h, file);
      await page.keyboard.press('c');
      await page.waitForSelector('[data-testid=compare-b] .screen');
      await page.keyboard.press('End');
      await page.waitForSelector('[data-testid=compare-b] .badge');
      const check = async (layout: string, presenter: boolean) => {
        const boxes = await page.$$eval('.cmp-col .screen', (ss) => ss.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
        boxes.forEach((b, i) => {
          if (b.width < 299.5) problems.push(`${file}, ${layout}: screen ${'AB'[i]} ${Math.round(b.width)} px wide`);
        });
        // The two screens at one height (the columns share their rows). With the charts hidden A's stood 32 px higher
        // at 1280x720, 51 at 1024x768 (before dc6e11e); with them shown (g) 32 and 51 px, and in the studio 47 and 48
        // px at 1024x768 (lessons 05 and 12).
        if (Math.abs(boxes[0]!.top - boxes[1]!.top) > 0.5) problems.push(`${file}, ${layout}: screen A's top at ${Math.round(boxes[0]!.top)} px, B's at ${Math.round(boxes[1]!.top)}`);
        // Each column's narration whole, not scrolled: at 1024x768 B's had 77 px of its 81 with the charts hidden, 100
        // of 122 with them shown, and 42 of 89 in the studio (29 in lesson 12); at 1280x720 with the charts shown 10 of
        // 112 (under B's screen, a line lower than A's).
        for (const n of await page.$$eval('.cmp-col .cmp-narr', (ns) => ns.map((e) => ({ has: e.clientHeight, needs: e.scrollHeight })))) {
          if (n.needs > n.has + 1) problems.push(`${file}, ${layout}: a narration in ${n.has} px of the ${n.needs} it needs`);
        }
        // And what the class reads over and under them at 14 px: the outcomes and the clocks were 12.3 and 12.6 px at 1024x768.
        // Measured once presenter mode's type has settled (up to 3 s): a fresh-clone CI run at d49d92c's successor read
        // '"Succeeded" at 9.8 px' in lesson 12 right after the presenter class was set, which 3 runs by hand never showed;
        // type that stays small still fails here.
        if (presenter) await page.waitForFunction((scope) => [...document.querySelectorAll(scope)].every((root) => [root, ...root.querySelectorAll('*')].every((el) => !el.getClientRects().length || el.closest('.st, .org-logo') || ![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()) || parseFloat(getComputedStyle(el).fontSize) >= 14)), '.cmp-col .cmp-head, .cmp-col .cmp-narr', { timeout: 3_000 }).catch(() => undefined);
        const words = await smallestWords(page, '.cmp-col .cmp-head, .cmp-col .cmp-narr');
        if (presenter && words.px < 14) problems.push(`${file}, ${layout}: ${words.what} at ${words.px} px`);
      };
      await check('the studio', false);
      await page.keyboard.press('p');
      await page.waitForSelector('.app.presenter.comparing.chart-hidden');
      await check('presenter mode', true);
      await page.keyboard.press('g');
      await page.waitForSelector('.app.presenter.comparing.chart-large');
      await check('presenter mode with the charts', true);
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('the sign-in page on a projector', () => {
  it.each(PROJECTORS)("at %ix%i, in the studio and in presenter mode, keeps the account typed in whole inside its box", async (w, h) => {
    // Lesson 10 ends on the sign-in page with 'adele.vance@fabrikam.onmicrosoft.com' typed in: in presenter mode at
    // 1280x720 it ran 22 px past the sign-in box's edge (to 600 px, the box ending at 578), over its border.
    const page = await reuse(w, h, 'lessons/10-tenant-mismatch.yaml');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid=signin-error]');
    const problems: string[] = [];
    const check = async (layout: string) => {
      const m = await page.$eval('.ms-input', (input) => {
        const range = document.createRange();
        range.selectNodeContents(input);
        const words = range.getBoundingClientRect();
        const box = input.closest('.ms-signin')!.getBoundingClientRect();
        return { text: input.textContent, right: words.right, box: box.right - 1 };
      });
      if (m.right > m.box + 0.5) problems.push(`${layout}: '${m.text}' ends at ${Math.round(m.right)} px, its box at ${Math.round(m.box)}`);
    };
    await check('the studio');
    await page.keyboard.press('p');
    await page.waitForSelector('.app.presenter.chart-hidden');
    await check('presenter mode');
    await page.keyboard.press('g');
    await page.waitForSelector('.app.presenter.chart-large');
    await check('presenter mode with the chart');
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('a narration longer than its room', () => {
  it('says there is more below while there is, in presenter mode at 1280x720', async () => {
    // Lesson 08's ESP error page: its error card's remedy and the class's choices under it were cut mid-line at the
    // narration's foot, which read as its end.
    const page = await reuse(1280, 720, 'lessons/08-esp-timeout-one-large-app.yaml');
    await page.keyboard.press('p');
    await page.waitForSelector('.app.presenter');
    await stepUntil(page, '[data-testid=error-card]');
    const more = page.locator('[data-testid=narration-more]');
    await expect.poll(() => more.evaluate((e) => e.classList.contains('more-below')), POLL).toBe(true);
    expect(await more.evaluate((e) => getComputedStyle(e, '::after').content)).toBe('"more below ↓"');
    // The cue leaves once the words are scrolled to their end, and comes back on the way up.
    await more.evaluate((e) => e.scrollTo(0, e.scrollHeight));
    await expect.poll(() => more.evaluate((e) => e.classList.contains('more-below')), POLL).toBe(false);
    await more.evaluate((e) => e.scrollTo(0, 0));
    await expect.poll(() => more.evaluate((e) => e.classList.contains('more-below')), POLL).toBe(true);
    // A step whose narration fits has none (power on).
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator('.more-below').count(), POLL).toBe(0);
  }, 60_000);
});

describe('a narration that fits once more', () => {
  it("says no more 'more below' once its room holds its words again", async () => {
    // The tab adds its own line to what the box scrolls: a box given back the room its words need kept the tab, and a
    // scroll, for as long as it was shown (side by side's narrations after presenter mode gave them their room).
    const page = await reuse(1280, 720, 'lessons/08-esp-timeout-one-large-app.yaml');
    const more = page.locator('[data-testid=narration-more]');
    const needs = await more.evaluate((e) => e.scrollHeight);
    await more.evaluate((e, h) => (e.style.maxHeight = `${h - 20}px`), needs);
    await expect.poll(() => more.evaluate((e) => e.classList.contains('more-below')), POLL).toBe(true);
    await more.evaluate((e, h) => (e.style.maxHeight = `${h + 1}px`), needs);
    await expect.poll(() => more.evaluate((e) => e.classList.contains('more-below')), POLL).toBe(false);
  }, 60_000);
});
