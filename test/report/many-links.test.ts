// A chain of stores, each on its own thin link: run and compare printed a paragraph for every saturated store link, in
// every format (a 200-store chain's run report: 166 of them, 2,152 lines). Past three, the three with the longest waits
// are in full and one line counts the rest; --json keeps every warning.
import { describe, expect, it } from 'vitest';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { compareFleets } from '../../src/fleet/analysis.ts';
import { LINKS_KEPT, LOAD_ROWS, loadsShown, warningsShown, type Warning } from '../../src/fleet/bottlenecks.ts';
import { foldedSitesNote, renderFleet, SITE_ROWS, SITES_KEPT, sitesShown } from '../../src/report/fleet.ts';
import { foldedSiteDifferencesNote, renderComparison, siteDifferencesShown } from '../../src/report/compare.ts';
import { renderComparisonMarkdown, renderFleetMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';

const STORES = 8;
const chain = () =>
  loadFleet(
    'chain.yaml',
    `scenario: user-driven\nenvironment:\n  apps:\n    - { name: Microsoft 365 Apps, type: win32, sizeMb: 2500 }\n    - { name: POS client, type: win32, sizeMb: 400 }\nsites:\n  - &store { name: Store 1, bandwidthMbps: 10 }\n${Array.from({ length: STORES - 1 }, (_, i) => `  - { name: Store ${i + 2}, <<: *store }`).join('\n')}\ngroups:\n  - { name: Tills, count: ${STORES * 4} }\n`,
  );

/** The page's text as read: its entities decoded. */
const text = (html: string) => html.replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const paragraphs = (s: string) => s.match(/Store \d's link is saturated/g)?.length ?? 0;
const counted = /(\d+) more site links are saturated the same way: 10 Mbps each, where a download waits up to [\d,]+ minutes \(on Store \d's link[^)]*\)\. Fix: about [\d,–]+ Mbps each \(sites\.\\?<name>\.bandwidthMbps, or Delivery Optimization peer caching, which the model does not simulate \(write the link speed it would give as bandwidthMbps\)\)\. --json lists every one\./;

describe('many saturated site links in run and compare', () => {
  it("run's report, in every format, gives the three longest waits in full and counts the rest", async () => {
    const r = await runFleet(chain(), {});
    const links = r.warnings.filter((w) => w.kind === 'link-saturated');
    expect(links.length).toBeGreaterThan(4);
    const wait = (w: Warning) => r.loads.find((l) => l.name === w.resource)!.maxQueueMinutes;
    const longest = [...links].sort((a, b) => wait(b) - wait(a)).slice(0, 3);
    for (const out of [renderFleet(r), renderFleet(r, { columns: 80 }).replace(/\n */g, ' '), renderFleetMarkdown(r), text(renderFleetHtml(r))]) {
      expect(paragraphs(out)).toBe(3);
      for (const w of longest) expect(out).toContain(`${w.resource}'s link is saturated`);
      expect(out.match(counted)?.[1]).toBe(String(links.length - 3));
    }
    // --json keeps every one; three or fewer are each in full, as they were.
    expect(JSON.parse(JSON.stringify(r)).warnings.filter((w: Warning) => w.kind === 'link-saturated')).toHaveLength(links.length);
    const three = { warnings: r.warnings.filter((w) => w.kind !== 'link-saturated' || longest.includes(w)), loads: r.loads };
    expect(warningsShown(three)).toEqual(three.warnings);
  });

  it("compare's report, in every format, counts each run's links past three", async () => {
    const fleet = chain();
    const c = await compareFleets({ label: 'today', fleet }, { label: 'longer ESP', fleet, environment: { esp: { timeoutMinutes: 120 } } }, {});
    for (const side of [c.a, c.b]) expect(side.report.warnings.filter((w) => w.kind === 'link-saturated').length).toBeGreaterThan(4);
    for (const out of [renderComparison(c), renderComparisonMarkdown(c)]) {
      expect(paragraphs(out)).toBeLessThanOrEqual(6);
      expect(out.match(new RegExp(counted.source, 'g'))!.length).toBeGreaterThanOrEqual(1);
    }
    // The page shows A's loads and their warnings, and B's, each folded.
    const html = text(renderFleetHtml(c.a.report, { compare: c }));
    expect(paragraphs(html)).toBe(6);
    expect(html.match(new RegExp(counted.source, 'g'))!.length).toBe(2);
  });
});

describe('many site links in the loads table and hour lines', () => {
  const STORES_MANY = LOAD_ROWS + 4;
  const many = () =>
    loadFleet(
      'chain.yaml',
      `scenario: user-driven\nenvironment:\n  apps:\n    - { name: POS client, type: win32, sizeMb: 900 }\nsites:\n  - &store { name: Store 1, bandwidthMbps: 10 }\n${Array.from({ length: STORES_MANY - 1 }, (_, i) => `  - { name: Store ${i + 2}, <<: *store${i % 3 ? '' : ', bandwidthMbps: 40'} }`).join('\n')}\ngroups:\n  - { name: Tills, count: ${STORES_MANY * 3} }\n`,
    );
  // A row or an hour line of one store's link, in any format.
  const linkRows = (s: string) => s.match(/Store \d+ link\b/g)?.length ?? 0;

  it('keep the links with the longest waits and fold the rest in one row and one line, in every format', async () => {
    const r = await runFleet(many(), {});
    expect(r.loads.filter((l) => l.kind === 'link')).toHaveLength(STORES_MANY);
    const { shown, folded } = loadsShown(r);
    const rest = r.loads.filter((l) => l.kind === 'link' && !shown.includes(l));
    expect(folded!.links).toBe(STORES_MANY - LINKS_KEPT);
    expect(rest).toHaveLength(STORES_MANY - LINKS_KEPT);
    // The kept ones wait at least as long as any folded one; the folded row's figures are the others' ranges.
    const kept = shown.filter((l) => l.kind === 'link');
    expect(Math.min(...kept.map((l) => l.maxQueueMinutes))).toBeGreaterThanOrEqual(Math.max(...rest.map((l) => l.maxQueueMinutes)));
    expect(folded!.capacity).toEqual([10, 40]);
    expect(folded!.maxQueueMinutes).toEqual([Math.min(...rest.map((l) => l.maxQueueMinutes)), Math.max(...rest.map((l) => l.maxQueueMinutes))]);
    for (const h of folded!.hours) expect(h.utilisation).toBe(Math.max(0, ...rest.map((l) => l.hours[h.hour]?.utilisation ?? 0)));
    const name = `${STORES_MANY - LINKS_KEPT} more site links`;
    const terminal = renderFleet(r);
    // A row and an hour line for each kept link, and for the folded ones.
    expect(linkRows(terminal)).toBe(2 * LINKS_KEPT);
    expect(terminal.match(new RegExp(`${name}`, 'g'))!.length).toBeGreaterThanOrEqual(2);
    const md = renderFleetMarkdown(r);
    expect(md.match(/^\| Store \d+ link \|/gm)).toHaveLength(LINKS_KEPT);
    expect(md).toMatch(new RegExp(`^\\| ${name} \\| 10–40 Mbps \\|`, 'm'));
    const html = text(renderFleetHtml(r));
    expect(html.match(/id="chart-load-\d+"/g)).toHaveLength(LINKS_KEPT + 1);
    expect(html).toContain(`>${name}<`);
    // --json keeps every load.
    expect(JSON.parse(JSON.stringify(r)).loads).toHaveLength(STORES_MANY);
  });

  it('keep every link up to LOAD_ROWS', async () => {
    const r = await runFleet(chain(), {});
    expect(loadsShown(r)).toEqual({ shown: r.loads, folded: null });
  });
});

describe('many sites in the site table and charts', () => {
  // Sixteen stores, one with a thin link its devices time out on: the table keeps the eight with the lowest success
  // and pools the rest in one row.
  const STORES_MANY = SITE_ROWS + 4;
  const stores = () =>
    loadFleet(
      'stores.yaml',
      `scenario: user-driven\nenvironment:\n  apps:\n    - { name: POS client, type: win32, sizeMb: 900, failureProbability: 0.1 }\nsites:\n  - { name: Store 1, bandwidthMbps: 1 }\n${Array.from({ length: STORES_MANY - 1 }, (_, i) => `  - { name: Store ${i + 2} }`).join('\n')}\ngroups:\n  - { name: Tills, count: ${STORES_MANY * 10} }\n`,
    );

  it('keep the sites with the lowest success and pool the rest in one row, in every format', async () => {
    const r = await runFleet(stores(), {});
    expect(r.sites).toHaveLength(STORES_MANY);
    const { shown, folded } = sitesShown(r.sites);
    expect(shown).toHaveLength(SITES_KEPT);
    // The thin link's store is kept; every kept one succeeds no more than any pooled one.
    expect(shown.map((x) => x.name)).toContain('Store 1');
    const rest = r.sites.filter((x) => !shown.includes(x));
    expect(Math.max(...shown.map((x) => x.successRate))).toBeLessThanOrEqual(Math.min(...rest.map((x) => x.successRate)));
    // The pooled row: the rest's devices and successes added up.
    expect(folded).toMatchObject({ name: `${STORES_MANY - SITES_KEPT} more sites`, devices: rest.reduce((n, x) => n + x.devices, 0), succeeded: rest.reduce((n, x) => n + x.succeeded, 0) });
    expect(folded!.histogram.reduce((n, [, k]) => n + k, 0)).toBe(rest.reduce((n, x) => n + x.histogram.reduce((m, [, k]) => m + k, 0), 0));
    const name = `${STORES_MANY - SITES_KEPT} more sites`;
    const storeRows = (s: string) => s.match(/^│ Store \d+ +│/gm)?.length ?? 0;
    const terminal = renderFleet(r);
    expect(storeRows(terminal)).toBe(SITES_KEPT);
    expect(terminal).toMatch(new RegExp(`│ ${name} +│ ${folded!.devices} +│`));
    expect(terminal).toContain(foldedSitesNote(folded!));
    const md = renderFleetMarkdown(r);
    expect(md.match(/^\| Store \d+ \|/gm)).toHaveLength(SITES_KEPT);
    expect(md).toMatch(new RegExp(`^\\| ${name} \\| ${folded!.devices} \\|`, 'm'));
    const html = text(renderFleetHtml(r));
    expect(html.match(/id="chart-site-\d+"/g)).toHaveLength(SITES_KEPT + 1);
    // The page's site table has no top failure: its note does not speak of one.
    expect(html).toContain(foldedSitesNote(folded!, false));
    expect(html).not.toContain(foldedSitesNote(folded!));
    // --json keeps every site.
    expect(JSON.parse(JSON.stringify(r)).sites).toHaveLength(STORES_MANY);
  });

  it("compare keeps the sites whose success moves most and pools the rest in each run, in every format", async () => {
    const fleet = stores();
    const c = await compareFleets({ label: 'today', fleet }, { label: 'faster store 1', fleet: { ...fleet, sites: fleet.sites.map((x) => (x.name === 'Store 1' ? { ...x, bandwidthMbps: 100 } : x)) } }, {});
    expect(c.sites).toHaveLength(STORES_MANY);
    const { shown, folded } = siteDifferencesShown(c);
    expect(shown).toHaveLength(SITES_KEPT);
    const rest = c.sites.filter((x) => !shown.includes(x));
    const moved = (x: (typeof c.sites)[number]) => Math.abs(x.success.difference ?? 0);
    expect(Math.min(...shown.map(moved))).toBeGreaterThanOrEqual(Math.max(...rest.map(moved)));
    // The pooled row is the rest's devices and successes in each run, differenced as any site's.
    const pooled = (r: typeof c.a.report) => r.sites.filter((x) => rest.some((y) => y.name === x.name));
    const rate = (xs: ReturnType<typeof pooled>) => xs.reduce((n, x) => n + x.succeeded, 0) / xs.reduce((n, x) => n + x.devices, 0);
    expect(folded!.name).toBe(`${STORES_MANY - SITES_KEPT} more sites`);
    expect(folded!.success.a).toBeCloseTo(rate(pooled(c.a.report)), 10);
    expect(folded!.success.b).toBeCloseTo(rate(pooled(c.b.report)), 10);
    const siteRows = (s: string) => s.match(/^[│|] Store \d+ +[│|]/gm)?.length ?? 0;
    for (const out of [renderComparison(c), renderComparisonMarkdown(c)]) {
      expect(siteRows(out)).toBe(SITES_KEPT);
      expect(out).toContain(foldedSiteDifferencesNote(folded!));
    }
    expect(text(renderFleetHtml(c.a.report, { compare: c }))).toContain(foldedSiteDifferencesNote(folded!));
  });

  it('keep every site up to SITE_ROWS', async () => {
    const r = await runFleet(chain(), {});
    expect(sitesShown(r.sites)).toEqual({ shown: r.sites, folded: null });
  });
});
