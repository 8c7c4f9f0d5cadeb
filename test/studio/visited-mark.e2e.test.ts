// The visited trail on a washed-out projector: the states the device has been in were told from the others by colour
// alone (a pale blue fill at 1.14:1 against white, a border 1.8 px against 1.2 px at 1.26:1 in greyscale), and a class
// could not see where the device had been. Each visited state now carries a mark (a ✓ in a dark disc inside its top
// right corner; src/studio/svg.ts's .sc-mark), the active state none; the mark keeps 3:1 or more against the state's fill with
// the page greyed and washed out, and it lies clear of every label on the chart, the whole machine open, at 1024x768.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { chartReady, CONTEXT_OPTIONS, openByAddress, POLL, stepOnce, studioForTests } from '../helpers/studio.ts';

const studio = studioForTests();

/** Each state's mark meeting what else is drawn: a transition's words, its own label or ▸, another state; or outside its own box. */
const clashes = (page: Page) =>
  page.evaluate(() => {
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const chart = document.querySelector('[data-testid=chart] svg')!;
    const words = [...chart.querySelectorAll('.sc-edge text')].filter((t) => t.textContent!.trim()).map((t) => ({ what: `'${t.textContent}'`, box: t.getBoundingClientRect() }));
    const boxes = [...chart.querySelectorAll('g[data-state]:not(.sc-compound)')].map((g) => ({ id: g.getAttribute('data-state')!, box: g.querySelector(':scope > rect, :scope > circle')!.getBoundingClientRect() }));
    const out: string[] = [];
    for (const g of chart.querySelectorAll('g[data-state]')) {
      const m = g.querySelector(':scope > .sc-mark');
      if (!m) continue;
      const id = g.getAttribute('data-state')!;
      const box = m.getBoundingClientRect();
      if (box.width < 10) out.push(`${id}: its mark not drawn`);
      for (const t of g.querySelectorAll(':scope > text')) if (meets(box, t.getBoundingClientRect())) out.push(`${id}: its mark over its '${t.textContent}'`);
      const own = g.querySelector(':scope > rect')!.getBoundingClientRect();
      if (box.left < own.left || box.right > own.right || box.top < own.top || box.bottom > own.bottom) out.push(`${id}: its mark outside its box`);
      for (const w of words) if (meets(box, w.box)) out.push(`${id}: its mark over ${w.what}`);
      for (const b of boxes) if (b.id !== id && meets(box, b.box)) out.push(`${id}: its mark over ${b.id}`);
    }
    return out;
  });

/** Every state's mark shown, visited or not, to check where each would lie. */
const SHOW_ALL = '.chart-canvas .sc-mark { display: inline !important }';
const WASHED_OUT = 'html { filter: grayscale(1) contrast(0.6) brightness(1.2) }';

it('each visited state carries a mark that survives a grey, washed-out projector, clear of the labels', async () => {
  const context = await studio.browser.newContext({ ...CONTEXT_OPTIONS, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  try {
    await page.goto(studio.url);
    await chartReady(page);
    await openByAddress(page, 'lessons/01-first-user-driven-deployment.yaml');
    for (let i = 0; i < 14; i++) expect(await stepOnce(page)).toBe(true);

    // Which states show a mark: the visited ones drawn as boxes (leaves, closed phases; a transient state's pill has
    // none), not the active one.
    const marks = () =>
      page.$$eval('[data-testid=chart] g[data-state]:is(.sc-leaf, .sc-collapsed):not(.sc-transient)', (gs) =>
        gs.map((g) => {
          const m = g.querySelector(':scope > .sc-mark');
          const r = m?.getBoundingClientRect();
          return { id: g.getAttribute('data-state')!, visited: g.classList.contains('sc-visited'), active: g.matches('.sc-active, .sc-failed'), shown: !!m && getComputedStyle(m).display !== 'none' && r!.width > 8 };
        }),
      );
    await expect.poll(async () => (await marks()).filter((m) => m.visited && !m.active).length, POLL).toBeGreaterThanOrEqual(4);
    const now = await marks();
    expect(now.filter((m) => m.shown !== (m.visited && !m.active)).map((m) => `${m.id}: ${m.shown ? 'marked' : 'unmarked'}`)).toEqual([]);

    // Clear of the labels as the chart stands, phases closed around the one the device is in.
    const showAll = await page.addStyleTag({ content: SHOW_ALL });
    expect(await clashes(page)).toEqual([]);
    await showAll.evaluate((s) => (s as HTMLStyleElement).remove());

    // Greyed and washed out, as a classroom projector shows it: the mark's disc against its state's own fill.
    await page.addStyleTag({ content: WASHED_OUT });
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid=chart] .chart-canvas');
      return c !== null && !c.classList.contains('moving');
    });
    // The phase the device is in, once laid out and in view, shows Network connections visited above Apps.
    const visitedInView = () => page.evaluate(() => {
      const c = document.querySelector('[data-testid=chart] .chart-canvas')!.getBoundingClientRect();
      for (const g of document.querySelectorAll('[data-testid=chart] g.sc-visited.sc-leaf:not(.sc-active, .sc-transient)')) {
        const m = g.querySelector(':scope > .sc-mark circle')!.getBoundingClientRect();
        const r = g.querySelector(':scope > rect')!.getBoundingClientRect();
        if (m.left > c.left + 2 && m.right < c.right - 2 && m.top > c.top + 2 && m.bottom < c.bottom - 2 && r.left > c.left + 2)
          return { id: g.getAttribute('data-state')!, mark: { x: m.left + m.width / 2 - 2, y: m.top + m.height / 2 - 4, width: 4, height: 2 }, fill: { x: r.left + 4, y: r.top + r.height / 2 - 1, width: 3, height: 2 } };
      }
      return null;
    });
    await expect.poll(visitedInView, POLL).not.toBeNull();
    const inView = await visitedInView();
    const luminance = async (clip: { x: number; y: number; width: number; height: number }) => {
      const png = (await page.screenshot({ clip })).toString('base64');
      return page.evaluate(async (src) => {
        const img = new Image();
        img.src = `data:image/png;base64,${src}`;
        await img.decode();
        const c = Object.assign(document.createElement('canvas'), { width: img.width, height: img.height });
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        let sum = 0;
        for (let i = 0; i < d.length; i += 4) sum += 0.2126 * lin(d[i]!) + 0.7152 * lin(d[i + 1]!) + 0.0722 * lin(d[i + 2]!);
        return sum / (d.length / 4);
      }, png);
    };
    const [mark, fill] = [await luminance(inView!.mark), await luminance(inView!.fill)];
    const ratio = (Math.max(mark, fill) + 0.05) / (Math.min(mark, fill) + 0.05);
    expect(ratio, `${inView!.id}'s mark against its fill, greyed and washed out`).toBeGreaterThanOrEqual(3);
    // The legend says what the mark is: its visited swatch carries it.
    expect(await page.$eval('.legend .lg-visited', (i) => getComputedStyle(i, '::after').content)).toBe('"✓"');

    // Every state's mark shown at once, the whole machine open, on a 4:3 projector: none meets a transition's words,
    // its own state's label or ▸, or another state, and each lies inside its own state's box.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.click('[data-testid=chart-expand-all]');
    await page.addStyleTag({ content: SHOW_ALL });
    await expect
      .poll(() => page.$$eval('[data-testid=chart] g[data-compound]', (gs) => gs.filter((g) => g.classList.contains('sc-collapsed')).length), POLL)
      .toBe(0);
    expect(await clashes(page)).toEqual([]);
  } finally {
    await context.close();
  }
}, 240_000);
