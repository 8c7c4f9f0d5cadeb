// A site that starts at its own hour (sites[].startHour): a global firm's regions each start in their own morning. A fleet
// had one rollout window for every site, so six regions behind one proxy all started at hour 0 and a file could not say
// otherwise (startHour was an unknown field): the links and the connector saw every region's morning at once.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { parseFleet } from '../../src/fleet/load.ts';
import { planFleet } from '../../src/fleet/plan.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderFleetMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/** Two regions, each 300 laptops, whose downloads cross a cloud proxy's link (internetVia). */
const regions = (o: { emea?: number; apac?: number; window?: number; proxyMbps?: number; incident?: string }) =>
  [
    'name: Regions',
    'seed: 5',
    'scenario: user-driven',
    'environment:',
    '  apps:',
    '    - { name: Microsoft 365 Apps, type: win32, target: device, sizeMb: 1500 }',
    '    - { name: Company Portal, type: store, target: device, sizeMb: 50 }',
    'sites:',
    `  - { name: Cloud proxy, share: 0, bandwidthMbps: ${o.proxyMbps ?? 200} }`,
    `  - { name: EMEA, share: 1, bandwidthMbps: 10000, internetVia: Cloud proxy${o.emea !== undefined ? `, startHour: ${o.emea}` : ''} }`,
    `  - { name: APAC, share: 1, bandwidthMbps: 10000, internetVia: Cloud proxy${o.apac !== undefined ? `, startHour: ${o.apac}` : ''} }`,
    'groups: [{ name: Laptops, count: 600 }]',
    `rollout: { windowHours: ${o.window ?? 4} }`,
    ...(o.incident ? [`sharedWorld: { incident: ${o.incident} }`] : []),
    '',
  ].join('\n');

const proxy = (r: Awaited<ReturnType<typeof runFleet>>) => r.loads.find((l) => l.kind === 'link' && l.name === 'Cloud proxy')!;

describe('a site that starts at its own hour (sites[].startHour)', () => {
  it("starts its devices over the window from its hour, each device keeping its place in the window (the same draw as with no start hour)", () => {
    const flat = planFleet(parseFleet('regions.yaml', regions({})));
    const staggered = planFleet(parseFleet('regions.yaml', regions({ apac: 17 })));
    let apac = 0;
    for (let i = 0; i < 600; i++) {
      const a = flat.device(i);
      const b = staggered.device(i);
      expect(b.site).toBe(a.site);
      const offset = b.site === 2 ? 17 * 3_600_000 : 0;
      expect(b.startMs).toBe(a.startMs + offset);
      expect(staggered.siteStartMs(i)).toBe(offset);
      if (b.site === 2) apac++;
    }
    expect(apac).toBeGreaterThan(200);
  });

  it("spreads what the sites share over the day: two regions on one proxy that saturate it at hour 0 do not when the second starts 12 hours later", async () => {
    const together = await runFleet(parseFleet('regions.yaml', regions({ proxyMbps: 400 })));
    const apart = await runFleet(parseFleet('regions.yaml', regions({ apac: 12, proxyMbps: 400 })));
    expect(together.warnings.some((w) => w.kind === 'link-saturated' && w.resource === 'Cloud proxy')).toBe(true);
    expect(apart.warnings.some((w) => w.kind === 'link-saturated' && w.resource === 'Cloud proxy')).toBe(false);
    expect(proxy(apart).totalDemand).toBeCloseTo(proxy(together).totalDemand, -2);
    expect(proxy(apart).peakDemand).toBeLessThan(proxy(together).peakDemand * 0.7);
    expect(apart.successRate).toBeGreaterThan(together.successRate + 0.1);
    // Hour by hour: EMEA's morning, a quiet gap, then APAC's from hour 12.
    const hours = proxy(apart).hours.map((h) => h.utilisation);
    expect(hours[1]).toBeGreaterThan(0.3);
    expect(hours[9]).toBe(0);
    expect(hours[13]).toBeGreaterThan(0.3);
  });

  it("advises a slower rollout for the sites as they start: two regions 12 hours apart on a proxy that each saturates alone need a shorter window than the two at once", async () => {
    const together = await runFleet(parseFleet('regions.yaml', regions({ proxyMbps: 200 })));
    const apart = await runFleet(parseFleet('regions.yaml', regions({ apac: 12, proxyMbps: 200 })));
    const needed = (r: typeof together) => r.warnings.find((w) => w.kind === 'link-saturated' && w.resource === 'Cloud proxy')!.windowHoursNeeded!;
    expect(needed(apart)).toBeLessThan(needed(together));
    // The advice holds: the file at that window saturates the proxy no more.
    const advised = await runFleet(parseFleet('regions.yaml', regions({ apac: 12, proxyMbps: 200, window: needed(apart) })));
    expect(advised.warnings.some((w) => w.kind === 'link-saturated' && w.resource === 'Cloud proxy')).toBe(false);
  });

  it("advises a connector window that holds for the sites as they start: two regions 5 hours apart, each over 4 hours, overlap once the window stretches", async () => {
    // Each region alone asks 25 requests/h of a 20/h connector; the advice was 7 hours (the window times the busiest hour's
    // use), where both regions ask at once from hour 5, and the queue grew (81 to 95 minutes in the hospital group's trial).
    const waves = (window: number) =>
      parseFleet(
        'waves.yaml',
        ['name: Two waves', 'seed: 2', 'environment:', '  profile: { joinType: hybrid }', '  apps: [{ name: Portal, type: store, sizeMb: 10 }]', 'sites:', '  - { name: East, share: 1 }', '  - { name: West, share: 1, startHour: 5 }', 'groups: [{ name: Laptops, count: 200 }]', `rollout: { windowHours: ${window} }`, 'sharedWorld: { connectorRequestsPerHour: 20 }', ''].join('\n'),
      );
    const saturated = (await runFleet(waves(4))).warnings.find((w) => w.kind === 'connector-saturated')!;
    expect(saturated.windowHoursNeeded).toBeGreaterThan(4);
    const advised = await runFleet(waves(saturated.windowHoursNeeded!));
    expect(advised.warnings.filter((w) => w.kind === 'connector-saturated')).toEqual([]);
    expect(advised.successRate).toBeGreaterThan(0.95);
    // Where every site starts at once the rule is the one it was: the window times the busiest hour's use, a tenth to spare.
    const { busiestHourShare } = await import('../../src/fleet/bottlenecks.ts');
    expect(busiestHourShare([0, 0], [0.5, 0.5], 8)).toBeCloseTo(1 / 8, 9);
    expect(busiestHourShare([0, 5], [0.5, 0.5], 4)).toBeCloseTo(0.5 / 4, 9);
    expect(busiestHourShare([0, 5], [0.5, 0.5], 7)).toBeCloseTo(1 / 7, 9);
    expect(busiestHourShare([0, 5], [0.5, 0.5], 0)).toBe(0.5);
  });

  it('shifts the whole rollout alike, past the fortnight the load is measured over: the same figures and the same advice (a slower rollout, placed again by the start rule) at hour 0 and at hour 400', async () => {
    const at0 = await runFleet(parseFleet('regions.yaml', regions({ emea: 0, apac: 0 })));
    const at400 = await runFleet(parseFleet('regions.yaml', regions({ emea: 400, apac: 400 })));
    const w0 = at0.warnings.find((w) => w.kind === 'link-saturated')!;
    const w400 = at400.warnings.find((w) => w.kind === 'link-saturated')!;
    expect(w0.text).toMatch(/a rollout window of about \d+ hours/);
    expect(w400.text).toBe(w0.text);
    expect(w400.windowHoursNeeded).toBe(w0.windowHoursNeeded);
    expect(at400.successRate).toBe(at0.successRate);
    expect(proxy(at400).maxQueueMinutes).toBe(proxy(at0).maxQueueMinutes);
    expect(proxy(at400).peakDemand).toBe(proxy(at0).peakDemand);
  });

  it('is said in every format: each site with its hour and when the last devices start (siteStarts in --json); absent where every site starts at hour 0', async () => {
    const r = await runFleet(parseFleet('regions.yaml', regions({ apac: 8.5 })));
    expect(r.siteStarts!.sites).toEqual([
      { site: 'Cloud proxy', startHour: 0 },
      { site: 'EMEA', startHour: 0 },
      { site: 'APAC', startHour: 8.5 },
    ]);
    const text = "Sites start at their own hours (sites[].startHour): Cloud proxy at hour 0, EMEA at hour 0, APAC at hour 8.5; each site's devices start over the 4-hour window from its hour, so the last devices start by hour 12.5.";
    expect(r.siteStarts!.text).toBe(text);
    expect(renderFleet(r, { columns: 200 }).replace(/\x1b\[[0-9;]*m/g, '').replace(/\s+/g, ' ')).toContain(text);
    expect(renderFleetMarkdown(r).replace(/\\/g, '').replace(/\s+/g, ' ')).toContain(text);
    expect(renderFleetHtml(r)).toContain(text.replace(/'/g, '&#39;'));
    const flat = await runFleet(parseFleet('regions.yaml', regions({})));
    expect(flat.siteStarts).toBeUndefined();
  });

  it("with no window, each site's devices start at once at its hour, and the all-at-once warning says so (not 'every device starts at hour 0')", async () => {
    const r = await runFleet(parseFleet('regions.yaml', regions({ apac: 12, window: 0 })));
    const w = r.warnings.find((x) => x.kind === 'all-at-once')!;
    expect(w.text).toMatch(/^Each site's devices start at once, at its startHour: the file gives no rollout window .*so each site's devices ask the site links at once\./);
    expect(r.siteStarts!.text).toContain("each site's devices start at once at its hour (no rollout window), so the last devices start by hour 12.");
  });

  it('an incident after the window but inside a later site\'s hours is not called after the rollout: it reads the rollout to the last start', async () => {
    // EMEA's window ends at hour 4, APAC's at 24: an Intune incident over hours 10-30 fails APAC's requests.
    const r = await runFleet(parseFleet('regions.yaml', regions({ apac: 20, incident: '{ service: intune, startHour: 10, endHour: 30, failureShare: 1 }' })));
    expect(r.warnings.some((w) => w.kind === 'incident-without-effect')).toBe(false);
    const quiet = await runFleet(parseFleet('regions.yaml', regions({ apac: 20, incident: '{ service: intune, startHour: 200, endHour: 210, failureShare: 1 }' })));
    expect(quiet.warnings.find((w) => w.kind === 'incident-without-effect')!.text).toContain('after the rollout window (devices start over hours 0–24)');
  });

  it('a start hour written wrong is told the file, the field and what is expected, in one line', () => {
    const wrong = (v: string) => () => parseFleet('regions.yaml', regions({}).replace('internetVia: Cloud proxy }', `internetVia: Cloud proxy, startHour: ${v} }`));
    expect(wrong('-7')).toThrow(/^regions\.yaml:\d+: sites\[1\]\.startHour: expected >= 0, got -7$/);
    expect(wrong('"08:00"')).toThrow(/^regions\.yaml:\d+: sites\[1\]\.startHour: expected number, got "08:00" \(a clock time\): write the hours after the rollout's start that the site's devices begin, such as 8 for a region whose morning comes 8 hours after the first's$/);
    // Written as the hour on a clock ('5pm', '8:30 am'): the same hint, not 'expected number' alone.
    for (const v of ['5pm', '8:30 am', '"9 AM"']) expect(wrong(v), v).toThrow(/ \(a clock time\): write the hours after the rollout's start that the site's devices begin, such as 8 /);
    // A time zone, as a global firm's architect first writes a region, is told the field the fleet has.
    const zone = () => parseFleet('regions.yaml', regions({}).replace('internetVia: Cloud proxy }', 'internetVia: Cloud proxy, timeZone: UTC+8 }'));
    expect(zone).toThrow(/^regions\.yaml:\d+: sites\[1\]\.timeZone: unknown field here: it is a site's start in the rollout, sites\[\]\.startHour: the hours after the rollout's start that its devices begin, not a zone \(a region whose morning comes 8 hours after the first's: startHour: 8\)$/);
    expect(wrong('17h')).toThrow(/^regions\.yaml:\d+: sites\[1\]\.startHour: expected number, got "17h" \(text with a unit\): write 17, in hours as the field's name says$/);
  });

  it("compare and sweep give the sites' own starts as run does, in every format (they gave none)", async () => {
    const dir = tempDir('site-start-');
    const file = join(dir, 'regions.yaml');
    writeFileSync(file, regions({ apac: 12 }).replace('count: 600', 'count: 40'));
    const starts = 'Sites start at their own hours (sites[].startHour): ';
    for (const format of [[], ['--markdown']]) {
      const c = await cli('compare', file, '--scenarios', 'user-driven,pre-provisioned', '--devices', '40', ...format);
      expect(c.code, c.err).toBe(0);
      // (Markdown escapes the brackets.)
      expect(c.out.replace(/\s+/g, ' ').replace(/\\/g, '')).toContain(`${starts}Cloud proxy at hour 0, EMEA at hour 0, APAC at hour 12;`);
      const s = await cli('sweep', file, '--vary', 'rollout.windowHours=2,4', '--devices', '40', ...format);
      expect(s.code, s.err).toBe(0);
      // The window differs by value: each value's own line.
      expect(s.out.replace(/\s+/g, ' ').replace(/\\/g, '')).toMatch(/at 2: Sites start at their own hours .* APAC at hour 12;.*at 4: Sites start at their own hours .* APAC at hour 12;/);
    }
  });
});
