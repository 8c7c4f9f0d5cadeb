// A chain of stores, each on its own thin link: run and compare printed a paragraph for every saturated store link, in
// every format (a 200-store chain's run report: 166 of them, 2,152 lines). Past three, the three with the longest waits
// are in full and one line counts the rest; --json keeps every warning.
import { describe, expect, it } from 'vitest';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { compareFleets } from '../../src/fleet/analysis.ts';
import { warningsShown, type Warning } from '../../src/fleet/bottlenecks.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderComparison } from '../../src/report/compare.ts';
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
const counted = /(\d+) more site links are saturated the same way: 10 Mbps each, where a download waits up to [\d,]+ minutes \(on Store \d's link[^)]*\)\. Fix: about [\d,–]+ Mbps each \(sites\.\\?<name>\.bandwidthMbps, or Delivery Optimization peer caching\)\. --json lists every one\./;

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
