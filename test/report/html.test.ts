// The HTML fleet report: self-contained, escaped, deterministic, and it really renders in a
// browser (headless Chromium driven by playwright-core; see test/helpers/browser.ts).
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../helpers/browser.ts';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult, SweepResult } from '../../src/fleet/analysis-types.ts';
import { runFleet } from '../../src/fleet/index.ts';
import type { FleetReport } from '../../src/fleet/report.ts';
import { esc, linearSweepTicks, rebin, renderFleetHtml } from '../../src/report/html.ts';
import { tempDir } from '../helpers/temp.ts';

const HOSTILE = '<script>alert(1)</script>';
const ATTR_BREAKER = '"><img src=x onerror=alert(2)>';

/** The headline format the architects asked for: "97.2% (96.8–97.6%)". */
const headline = (r: FleetReport) => {
  const p = (x: number) => (x * 100).toFixed(1);
  return `${p(r.successRate)}% (${p(r.successInterval95[0])}–${p(r.successInterval95[1])}%)`;
};

const percentiles = (p50: number | null, p90: number | null) => ({ p50, p75: p90, p90, p99: p90, mean: p50 });

/** A small hand-made report with user strings in every place a user string can reach. */
function syntheticReport(over: Partial<FleetReport> = {}): FleetReport {
  const histogram: Array<[number, number]> = [];
  for (let i = 0; i < 160; i++) histogram.push([40 + i * 0.25, 1 + ((i * 7) % 13)]);
  histogram.push([2000, 2]); // a long tail: goes to the overflow count
  const slice = (name: string) => ({
    name,
    devices: 500,
    succeeded: 486,
    successRate: 0.972,
    successInterval95: [0.9544, 0.9829] as [number, number],
    firstTimeRightRate: 0.95,
    meanMinutesToDesktop: 55.2,
    meanEndUserMinutes: 50.1,
    topFailure: { id: `ESP_TIMEOUT|deviceSetup|${HOSTILE}`, code: 'ESP_TIMEOUT', phase: 'deviceSetup', cause: HOSTILE, causeSummary: HOSTILE, devices: 9, shareOfDevices: 0.018 },
    p50: 54.1,
    p90: 66.9,
    histogram: histogram.slice(0, 100),
    successEnds: { desktop: 486, signInScreen: 0, readyForNextUser: 0, cloudPcStatus: 0 },
  });
  return {
    name: `Fleet ${HOSTILE}`,
    devices: 1000,
    seed: 7,
    sharedLoadModelled: true,
    durationsNote: "Durations are estimates.",
    succeeded: 972,
    failed: 20,
    fellBackToOobe: 8,
    stopped: 0,
    successRate: 0.972,
    successInterval95: [0.968, 0.976],
    firstTimeRight: 950,
    firstTimeRightRate: 0.95,
    timeToDesktop: { total: percentiles(54.125, 66.875), endUser: percentiles(50.125, 60.125), technician: percentiles(0, 0) },
    schemaVersion: 2,
    phaseMinutes: { accountSetup: 4.4, deviceSetup: 34.9, devicePreparation: 4.75, identity: 4.9, oobe: 7.1, [`weird${HOSTILE}`]: 1 },
    phases: [],
    loads: [],
    warnings: [],
    failures: [
      { id: 'a', phase: 'deviceSetup', phaseLabel: 'ESP: device setup', code: 'ESP_TIMEOUT', message: 'Setup could not be completed.', cause: `app ${ATTR_BREAKER} timed out`, causeSummary: `app ${ATTR_BREAKER} timed out`, parameters: [], devices: 20, share: 0.7143, cumulativeShare: 0.7143, shareOfDevices: 0.02, exampleDevice: 3 },
      { id: 'b', phase: '', phaseLabel: 'unknown phase', code: `X${HOSTILE}`, message: '[a description, not on-screen text]', cause: 'fell back', causeSummary: 'fell back', parameters: [], devices: 8, share: 0.2857, cumulativeShare: 1, shareOfDevices: 0.008, exampleDevice: 41 },
    ],
    findings: [{ id: `F${HOSTILE}`, text: `finding ${ATTR_BREAKER}`, devices: 12, shareOfSucceeded: 0.0123 }],
    groups: [slice(HOSTILE), slice('Knowledge workers')],
    sites: [slice(`Site & ${ATTR_BREAKER}`)],
    histogram,
    successEnds: { desktop: 972, signInScreen: 0, readyForNextUser: 0, cloudPcStatus: 0 },
    ...over,
  };
}

const sweep: SweepResult = {
  field: `apps${HOSTILE}`,
  scale: 'categorical',
  rows: [4, 8, 12, `sixteen ${HOSTILE}`].map((value, i) => ({
    value,
    devices: 1000,
    successRate: 0.98 - i * 0.1,
    successInterval95: [0.97 - i * 0.1, 0.99 - i * 0.1] as [number, number],
    p50: 50 + i * 5,
    p90: i === 3 ? null : 60 + i * 8,
    meanEndUserMinutes: 52 + i,
    topFailure: i ? { id: 'x', code: 'ESP_TIMEOUT', phase: 'deviceSetup', cause: 'the ESP timer ran out', causeSummary: 'the ESP timer ran out', devices: i * 100, shareOfDevices: i / 10 } : null,
    saturated: [],
  })),
  finding: `Past 12 apps the 60-minute ESP times out for 10% of devices ${HOSTILE}.`,
};

const compare: CompareResult = {
  a: { label: `Today ${HOSTILE}`, report: syntheticReport() },
  b: { label: 'Fixed VPN package', report: syntheticReport() },
  paired: true,
  differences: [
    { metric: 'successRate', label: 'success rate', unit: 'share', a: 0.938, b: 0.984, difference: 0.046, interval95: [0.033, 0.059] },
    { metric: 'p90MinutesToDesktop', label: `p90 minutes to desktop ${HOSTILE}`, unit: 'minutes', a: 64.9, b: 60.1, difference: -4.8, interval95: [-6.1, -3.4] },
    { metric: 'pairedEndUserMinutes', label: 'end-user minutes (mean of paired differences)', unit: 'minutes', a: null, b: null, difference: 0, interval95: null },
  ],
  groups: [],
  sites: [],
};

const CHARTS = ['chart-histogram', 'chart-cdf', 'chart-phases', 'chart-pareto'];

describe('renderFleetHtml: unit checks', () => {
  const report = syntheticReport();
  const html = renderFleetHtml(report, { sweep, compare, title: `Design ${HOSTILE}` });

  it('is one complete HTML document', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.match(/<html/g)).toHaveLength(1);
  });

  it('is self-contained: no external resource, no script, no link', () => {
    expect(html).not.toMatch(/\b(src|href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<[^>]*\s(src|href|xlink:href)\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio)\b/i);
    expect(html).not.toMatch(/@import|url\(|@font-face/i);
    // The only URL is the SVG namespace (an identifier, never fetched).
    expect([...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]).every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('draws the charts as inline SVG', () => {
    for (const id of [...CHARTS, 'chart-sweep-success', 'chart-sweep-p90']) expect(html).toMatch(new RegExp(`<svg id="${id}"[^>]*viewBox=`));
    // Histogram bars, the CDF path with p50/p90, Pareto bars and cumulative line.
    const svg = (id: string) => html.slice(html.indexOf(`<svg id="${id}"`), html.indexOf('</svg>', html.indexOf(`<svg id="${id}"`)));
    expect(svg('chart-histogram').match(/<rect /g)!.length).toBeGreaterThan(20);
    expect(svg('chart-histogram')).toContain('+ 2 devices beyond');
    expect(svg('chart-cdf')).toContain('p50 54.1 min');
    expect(svg('chart-cdf')).toContain('p90 66.9 min');
    expect(svg('chart-pareto')).toContain('<polyline');
    expect(svg('chart-phases')).toContain('ESP: device setup');
  });

  it('a sweep\'s single-run sections say which value they are of (the first), as compare\'s say run A', () => {
    const page = renderFleetHtml(report, { sweep: { ...sweep, field: 'apps' } });
    const first = 'apps = 4';
    expect(page).toContain(`<h2>Headline numbers: ${first}</h2>`);
    expect(page).toContain(`<h2>Time to desktop: ${first}</h2>`);
    expect(page).toContain(`<h2>Device groups: ${first}</h2>`);
    expect(renderFleetHtml(report, { compare: { ...compare, a: { ...compare.a, label: 'Today' } } })).toContain('<h2>Sites: A: Today</h2>');
    expect(renderFleetHtml(report)).toContain('<h2>Headline numbers</h2>');
  });

  it('the failure Pareto names each mode as the table does: the phase\'s label and the cause with its values, not the key and the template', () => {
    const timeout = { ...report.failures[0]!, phase: 'deviceSetup', phaseLabel: 'ESP: device setup', cause: 'the ESP timer ran out while {app} was still installing', causeSummary: 'the ESP timer ran out while one of 2 apps (Office 30, VPN 2) was still installing' };
    const page = renderFleetHtml(syntheticReport({ failures: [timeout] }));
    const pareto = page.slice(page.indexOf('<svg id="chart-pareto"'), page.indexOf('</svg>', page.indexOf('<svg id="chart-pareto"')));
    expect(pareto).toContain('<title>ESP_TIMEOUT · ESP: device setup · the ESP timer ran out while one of 2 apps (Office 30, VPN 2) was still installing</title>');
    expect(pareto).not.toContain('{app}');
    expect(pareto).not.toContain('· deviceSetup');
  });

  it('escapes every string from the report', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    // The group table cell holding the hostile group name.
    expect(html).toMatch(/<td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td>/);
    expect(html).toContain('<title>Design &lt;script&gt;');
    expect(html).toContain('Site &amp; &quot;&gt;');
  });

  it('gives the headline numbers in the agreed format', () => {
    expect(html).toContain('<div class="v good" id="headline-success">97.2% (96.8–97.6%)</div>');
    expect(html).toContain('95.0%'); // first-time-right
    expect(html).toContain('>1,000<');
    // Total / end-user percentiles; no technician row, where no device had a technician flow (it read 0.0 throughout).
    expect(html).toMatch(/Total \(active deployment time\)<\/td><td class="num">54\.1<\/td><td class="num">66\.9<\/td>/);
    expect(html).not.toContain('Technician (pre-provisioning)');
    expect(html).not.toContain('&lt; 0.25');
  });

  it('has the tables: phase minutes, failure Pareto, groups, sites, sweep, compare', () => {
    for (const cls of ['outcomes', 'percentiles', 'phases', 'pareto', 'groups', 'sites', 'sweep', 'compare']) expect(html).toContain(`<table class="${cls}">`);
    expect(html).toContain('<code>ESP_TIMEOUT</code>');
    expect(html).toContain('71.4%');
    expect(html).toContain('<span class="desc">[a description, not on-screen text]</span>');
    expect(html).toContain('Past 12 apps the 60-minute ESP times out');
    expect(html).toContain('+4.6 pts');
    expect(html).toContain('<span class="nw">+3.3</span> to <span class="nw">+5.9 pts</span>');
    expect(html).toContain('−4.8 min');
  });

  it('says what is estimated and how the shared load is modelled', () => {
    expect(html).toContain('Durations are estimates where the Microsoft documentation gives none');
    expect(html).toContain('two-pass mean-field approximation');
    const alone = renderFleetHtml(syntheticReport({ sharedLoadModelled: false }));
    expect(alone).not.toContain('mean-field');
    expect(alone).toContain('Durations are estimates');
  });

  it('is deterministic: the same report gives the same bytes', () => {
    expect(renderFleetHtml(syntheticReport(), { sweep, compare, title: `Design ${HOSTILE}` })).toBe(html);
    expect(html).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('colours the success rate by the bar the run\'s warnings hold it to, in A and B alike; no "— min" where no device reached the desktop', () => {
    const low = { kind: 'low-success' as const, resource: 'fleet', demand: null, capacity: null, unit: null, capacityNeeded: null, windowHoursNeeded: null, text: 'Success is 0.0%, below 80%' };
    const none = syntheticReport({ succeeded: 0, successRate: 0, successInterval95: [0, 0.013], warnings: [low], timeToDesktop: { total: percentiles(null, null), endUser: percentiles(null, null), technician: percentiles(null, null) } });
    const page = renderFleetHtml(syntheticReport(), { compare: { ...compare, b: { label: 'Everything fails', report: none } } });
    expect(page).toContain('<div class="v good" id="headline-success">');
    expect(page).toContain('<div class="v low" id="headline-success-b">0.0% (0.0–1.3%)</div>');
    expect(page).toContain('<div class="v" id="headline-p90-b">—</div>');
    expect(page).not.toContain('— min');
  });

  it('counts one device as one: "1 device", not "1 devices"', () => {
    const one = syntheticReport({
      devices: 1,
      succeeded: 0,
      failed: 1,
      fellBackToOobe: 0,
      successRate: 0,
      failures: [{ id: 'a', phase: 'deviceSetup', phaseLabel: 'ESP: device setup', code: 'ESP_TIMEOUT', message: 'Setup could not be completed.', cause: 'timed out', causeSummary: 'timed out', parameters: [], devices: 1, share: 1, cumulativeShare: 1, shareOfDevices: 1, exampleDevice: 0 }],
      histogram: [[40, 1], [2000, 1]],
    });
    const out = renderFleetHtml(one);
    expect(out).not.toMatch(/\b1 (simulated )?devices\b/);
    expect(out).toContain('1 simulated device ·');
    expect(out).toContain('1 device did not reach the desktop');
    expect(out).toContain('ESP_TIMEOUT · ESP: device setup · timed out: 1 device, 100.0%');
  });

  it('renders a fleet where nothing succeeded or failed without throwing', () => {
    const empty = syntheticReport({
      devices: 0,
      succeeded: 0,
      failed: 0,
      fellBackToOobe: 0,
      successRate: 0,
      successInterval95: [0, 0],
      firstTimeRight: 0,
      firstTimeRightRate: 0,
      timeToDesktop: { total: percentiles(null, null), endUser: percentiles(null, null), technician: percentiles(null, null) },
      phaseMinutes: {},
      failures: [],
      groups: [],
      sites: [],
      histogram: [],
    });
    const out = renderFleetHtml(empty, { sweep: { field: 'x', scale: 'categorical', rows: [], finding: null } });
    for (const id of CHARTS) expect(out).toContain(`<svg id="${id}"`);
    // Its caption says there is nothing to rank ('Failure Pareto, top 0').
    expect(out).toContain('<figcaption>Failure Pareto: no failures or fallbacks.</figcaption>');
    expect(out).not.toContain('top 0');
    expect(out).not.toContain('NaN');
    expect(out).not.toContain('Infinity');
  });

  it('re-bins the 0.25-minute histogram to about 40 round bars, keeping every device', () => {
    const h: Array<[number, number]> = [];
    for (let i = 0; i < 160; i++) h.push([43.5 + i * 0.25, 3]);
    const rb = rebin(h)!;
    expect(rb.bars.length).toBeGreaterThanOrEqual(25);
    expect(rb.bars.length).toBeLessThanOrEqual(60);
    expect(rb.bars.reduce((s, [, n]) => s + n, 0) + rb.overflow).toBe(480);
    expect(rb.width).toBe(1);
    const tail = rebin([...h, [9000, 1]])!;
    expect(tail.overflow).toBe(1);
    expect(tail.to).toBeLessThan(200);
    expect(rebin([])).toBeNull();
  });
});

describe('renderFleetHtml: charts an architect can read', () => {
  const cx = (html: string, id: string) => [...html.slice(html.indexOf(`<svg id="${id}"`)).split('</svg>')[0]!.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
  const sweepOf = (scale: SweepResult['scale'], values: number[]): SweepResult => ({
    field: 'x',
    scale,
    rows: values.map((value) => ({ value, devices: 100, successRate: 0.9, successInterval95: [0.85, 0.94], p50: 50, p90: 60, meanEndUserMinutes: 50, topFailure: null, saturated: [] })),
    finding: null,
  });

  it('spaces sweep values by their size: linear by value, log by ratio', () => {
    const lin = cx(renderFleetHtml(syntheticReport(), { sweep: sweepOf('linear', [4, 8, 24]) }), 'chart-sweep-success');
    expect((lin[1]! - lin[0]!) / (lin[2]! - lin[0]!)).toBeCloseTo(0.2, 2);
    const log = cx(renderFleetHtml(syntheticReport(), { sweep: sweepOf('log', [120, 240, 480, 960]) }), 'chart-sweep-success');
    expect(log[1]! - log[0]!).toBeCloseTo(log[3]! - log[2]!, 0);
    expect(renderFleetHtml(syntheticReport(), { sweep: sweepOf('log', [120, 240]) })).toContain('(log scale)');
    const cat = cx(renderFleetHtml(syntheticReport(), { sweep: sweep }), 'chart-sweep-success');
    expect(cat[1]! - cat[0]!).toBeCloseTo(cat[2]! - cat[1]!, 0);
  });

  it('labels a sweep\'s axes where its values are: the swept values (not 7.5 apps), and a floor that has its label', () => {
    const svgOf = (html: string, id: string) => html.slice(html.indexOf(`<svg id="${id}"`)).split('</svg>')[0]!;
    const labels = (svg: string, anchor: string) => [...svg.matchAll(new RegExp(`<text x="[\\d.]+" y="([\\d.]+)" text-anchor="${anchor}"[^>]*>([^<]+)</text>`, 'g'))].map((m) => [Number(m[1]), m[2]!] as const);
    const apps = sweepOf('linear', [4, 8, 12, 16, 20, 24]);
    apps.rows[5] = { ...apps.rows[5]!, successRate: 0.195, successInterval95: [0.172, 0.221] };
    const success = svgOf(renderFleetHtml(syntheticReport(), { sweep: apps }), 'chart-sweep-success');
    const x = labels(success, 'middle').filter(([, t]) => /^[\d.]+$/.test(t)).map(([, t]) => t);
    expect(x).toEqual(['4', '8', '12', '16', '20', '24']);
    // The lowest y label sits on the axis line (the plot's floor), under the 19.5% point.
    const axisY = Number(/<line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="\1" stroke="#5c6670"\/>/.exec(success)![1]);
    const y = labels(success, 'end');
    const [floorY, floorText] = y.reduce((a, b) => (b[0] > a[0] ? b : a));
    expect(floorY - 3.5).toBeCloseTo(axisY, 1);
    expect(parseFloat(floorText)).toBeLessThanOrEqual(17.2);
    // Many values, or values unevenly spaced: round ticks, whole numbers for whole values.
    expect(linearSweepTicks(Array.from({ length: 21 }, (_, i) => 4 + i))).toEqual([5, 10, 15, 20]);
    expect(linearSweepTicks([10, 20, 40, 80])).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
    expect(linearSweepTicks([0.1, 0.2, 0.35])).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });

  it('the phase chart is drawn to the active phases\' scale: a pre-provisioned device\'s days off are given in words, with no bar', () => {
    const svg = renderFleetHtml(syntheticReport({ phaseMinutes: { oobe: 11.2, deviceSetup: 21.4, technicianFlow: 3.4, shipping: 2880, accountSetup: 5.2 } })).split('<svg id="chart-phases"')[1]!.split('</svg>')[0]!;
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"[^>]*><title>([^:]+)/g)].map((m) => [m[2], Number(m[1])] as const);
    expect(widths.map(([k]) => k)).not.toContain(expect.stringContaining('Reseal'));
    // ESP: device setup, the longest active phase, spans the scale (it was 21.4/2880 of it).
    expect(Math.max(...widths.map(([, w]) => w))).toBeGreaterThan(300);
    expect(svg).toContain('2880.0 min, elapsed, not active time');
    const x = [...svg.matchAll(/text-anchor="middle" fill="#5c6670">([\d,]+)<\/text>/g)].map((m) => Number(m[1]!.replace(',', '')));
    expect(Math.max(...x)).toBeLessThan(30);
  });

  it('a ranking of scenarios names each whole under its point, and joins no points with a line', () => {
    const ranked = { ...sweepOf('categorical', []), rows: ['1. device-preparation', '2. pre-provisioned', '3. user-driven', '4. existing-devices', '5. self-deploying'].map((value, i) => ({ ...sweepOf('categorical', [i]).rows[0]!, value })) };
    const svg = renderFleetHtml(syntheticReport(), { sweep: ranked }).split('<svg id="chart-sweep-success"')[1]!.split('</svg>')[0]!;
    const drawn = [...svg.matchAll(/<text [^>]*><title>[^<]*<\/title>([^<]*)<\/text>/g)].map((m) => m[1]).join('');
    expect(drawn).toContain('1. device-preparation');
    expect(drawn).toContain('4. existing-devices');
    expect(drawn).not.toContain('…');
    expect(svg).not.toMatch(/<path d="M[^"]*L[^"]*" fill="none" stroke="#2f6db5"/);
    expect(svg.match(/<circle /g)).toHaveLength(5);
    // The p90 axis ends at a label above the highest point (130 minutes stood above the last label, 100).
    const p90 = renderFleetHtml(syntheticReport(), { sweep: { ...ranked, rows: ranked.rows.map((r, i) => ({ ...r, p90: i === 3 ? 130.4 : 60 })) } }).split('<svg id="chart-sweep-p90"')[1]!.split('</svg>')[0]!;
    const yLabels = [...p90.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="end"[^>]*>([\d.,]+)<\/text>/g)].map((m) => Number(m[1]!.replace(',', '')));
    expect(Math.max(...yLabels)).toBeGreaterThanOrEqual(130.4);
  });

  it('draws one small chart per group and per site on the same axis, not one pooled histogram', () => {
    const html = renderFleetHtml(syntheticReport({ sites: [syntheticReport().groups[0]!, { ...syntheticReport().groups[1]!, name: 'Branch' }] }));
    for (const id of ['chart-group-0', 'chart-group-1', 'chart-site-0', 'chart-site-1']) expect(html).toContain(`<svg id="${id}"`);
    expect(html).toContain('p50 54.1 · p90 66.9 min');
    // The 650 px column is gone: the page uses the width it has.
    expect(html).toContain('main{max-width:none');
  });

  it('draws each shared resource over the rollout, with the warnings', () => {
    const hours = Array.from({ length: 30 }, (_, hour) => ({ hour, utilisation: hour < 20 ? 1.4 : 0.3, queueMinutes: hour < 20 ? hour * 3 : 0 }));
    const html = renderFleetHtml(
      syntheticReport({
        loads: [{ kind: 'link', name: `Branch ${HOSTILE}`, capacity: 50, unit: 'Mbps', peakDemand: 70, meanDemand: 40, totalDemand: 1e6, peakUtilisation: 1.4, saturatedHours: 20, maxQueueMinutes: 57, hours }],
        warnings: [{ kind: 'link-saturated', resource: 'Branch', demand: 70, capacity: 50, unit: 'Mbps', capacityNeeded: 80, windowHoursNeeded: 40, text: `Branch's link is saturated ${HOSTILE}` }],
      }),
    );
    expect(html).toContain('<svg id="chart-load-0"');
    expect(html).toContain('<section id="loads">');
    expect(html).toContain('data-kind="link-saturated"');
    expect(html).not.toContain(HOSTILE);
  });

  it('compare shows run B\'s shared resources and their warnings too, under ids of their own', () => {
    const hours = Array.from({ length: 10 }, (_, hour) => ({ hour, utilisation: 1.4, queueMinutes: hour * 3 }));
    const load = { kind: 'link' as const, name: 'Branch C', capacity: 50, unit: 'Mbps' as const, peakDemand: 70, meanDemand: 40, totalDemand: 1e6, peakUtilisation: 1.4, saturatedHours: 10, maxQueueMinutes: 27, hours };
    const warning = { kind: 'link-saturated' as const, resource: 'Branch C', demand: 70, capacity: 50, unit: 'Mbps' as const, capacityNeeded: 80, windowHoursNeeded: 40, text: 'B: the link of Branch C is saturated' };
    const html = renderFleetHtml(syntheticReport(), { compare: { ...compare, b: { ...compare.b, report: syntheticReport({ loads: [load], warnings: [warning] }) } } });
    const b = html.slice(html.indexOf('<section id="loads-b">'));
    expect(html).toContain('<section id="loads-b">');
    expect(b.slice(0, b.indexOf('</section>'))).toContain('B: the link of Branch C is saturated');
    expect(b).toContain('<svg id="chart-load-b-0"');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('draws every shared resource on one hours axis, as the time charts share one minutes axis', () => {
    const load = (name: string, n: number) => ({ kind: 'link' as const, name, capacity: 50, unit: 'Mbps' as const, peakDemand: 70, meanDemand: 40, totalDemand: 1e6, peakUtilisation: 1.4, saturatedHours: 2, maxQueueMinutes: 5, hours: Array.from({ length: n }, (_, hour) => ({ hour, utilisation: 0.5, queueMinutes: 1 })) });
    const html = renderFleetHtml(syntheticReport({ loads: [load('Short', 35), load('Long', 85)] }));
    const xLabels = (id: string) => [...html.slice(html.indexOf(`<svg id="${id}"`)).split('</svg>')[0]!.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle"[^>]*>(\d+)<\/text>/g)].map((m) => `${m[2]}@${m[1]}`);
    expect(xLabels('chart-load-0')).toEqual(xLabels('chart-load-1'));
    expect(xLabels('chart-load-0').at(-1)).toMatch(/^(75|80)@/);
  });

  it('a run\'s own warnings (low success, device preparation that never starts) stand under its headline numbers, a resource\'s with the loads; no loads section without a shared resource', () => {
    const low = { kind: 'low-success' as const, resource: 'fleet', demand: null, capacity: null, unit: null, capacityNeeded: null, windowHoursNeeded: null, text: 'Success is 61.3%, below 80%' };
    const html = renderFleetHtml(syntheticReport({ warnings: [low, { ...low, kind: 'classic-takes-over', text: 'Device preparation starts on none of the devices' }] }));
    const headline = html.slice(html.indexOf('<section id="headline">'), html.indexOf('</section>', html.indexOf('<section id="headline">')));
    expect(headline).toContain('<p class="finding warning" data-kind="low-success">Success is 61.3%, below 80%</p>');
    expect(headline).toContain('data-kind="classic-takes-over"');
    // They stood under "Shared resources over the rollout", in a fleet that shares none.
    expect(html).not.toContain('<section id="loads">');
    const withB = renderFleetHtml(syntheticReport(), { compare: { ...compare, b: { ...compare.b, report: syntheticReport({ warnings: [low] }) } } });
    const b = withB.slice(withB.indexOf('<section id="headline-b">'));
    expect(b.slice(0, b.indexOf('</section>'))).toContain('data-kind="low-success"');
  });

  it('compare\'s metrics read as the other reports write them: "Success rate", "p90 minutes to desktop" (not "P90")', () => {
    const html = renderFleetHtml(syntheticReport(), { compare });
    const table = html.slice(html.indexOf('<table class="compare">'), html.indexOf('</table>', html.indexOf('<table class="compare">')));
    expect(table).toContain('<td>Success rate</td>');
    expect(table).toContain('<td>p90 minutes to desktop &lt;script&gt;');
    expect(table).not.toContain('P90');
  });

  it('compare shows both runs: overlaid distributions and per-group differences', () => {
    const groups = [
      { name: 'Laptops', devices: { a: 100, b: 100 }, success: { metric: 'successRate' as const, label: 'success rate', unit: 'share' as const, a: 0.9, b: 0.95, difference: 0.05, interval95: [0.01, 0.09] as [number, number] }, meanMinutes: { metric: 'meanMinutesToDesktop' as const, label: 'mean minutes to desktop', unit: 'minutes' as const, a: 60, b: 50, difference: -10, interval95: null } },
      { name: 'Kiosks', devices: { a: 50, b: 50 }, success: { metric: 'successRate' as const, label: 'success rate', unit: 'share' as const, a: 0.5, b: 0.4, difference: -0.1, interval95: [-0.2, 0.01] as [number, number] }, meanMinutes: { metric: 'meanMinutesToDesktop' as const, label: 'mean minutes to desktop', unit: 'minutes' as const, a: 30, b: 31, difference: 1, interval95: null } },
    ];
    const html = renderFleetHtml(syntheticReport(), { compare: { ...compare, groups } });
    expect(html).toContain('<svg id="chart-compare-overlay"');
    expect(html).toContain('class="b"');
    expect(html).toContain('<table class="compare-groups">');
    expect(html).toContain('+5.0 pts');
    expect(html).toContain('−10.0 pts');
  });

  it('compare\'s overlay names both runs whole in its legend, one under the other where they do not fit side by side', () => {
    const a = 'Today: user-driven with the current VPN client and a 60-minute ESP';
    const b = 'After: pre-provisioned by the reseller with the new VPN package';
    const html = renderFleetHtml(syntheticReport(), { compare: { ...compare, a: { ...compare.a, label: a }, b: { ...compare.b, label: b } } });
    const svg = html.split('<svg id="chart-compare-overlay"')[1]!.split('</svg>')[0]!;
    expect(svg).toContain(`>A: ${a}</text>`);
    expect(svg).toContain(`>B: ${b}</text>`);
    const legendY = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" fill="#1b1f24">[AB]: /g)].map((m) => Number(m[1]));
    expect(legendY).toEqual([15, 30]);
    // Short names stay side by side.
    const short = renderFleetHtml(syntheticReport(), { compare: { ...compare, a: { ...compare.a, label: 'today' }, b: { ...compare.b, label: 'fixed' } } }).split('<svg id="chart-compare-overlay"')[1]!;
    expect([...short.matchAll(/<text x="[\d.]+" y="([\d.]+)" fill="#1b1f24">[AB]: /g)].map((m) => Number(m[1]))).toEqual([15, 15]);
  });

  it('compare gives both runs their headline and their failures, each named; the other sections say they are run A', () => {
    const b = syntheticReport({ successRate: 0.5, failures: [{ ...syntheticReport().failures![0]!, code: '0x80180014', devices: 77 }] });
    const html = renderFleetHtml(compare.a.report, { compare: { ...compare, b: { label: 'Fixed VPN package', report: b } } });
    expect(html).toContain(`<h2>Headline numbers: A: Today ${esc(HOSTILE)}</h2>`);
    expect(html).toContain('<h2>Headline numbers: B: Fixed VPN package</h2>');
    expect(html).toMatch(/id="headline-success-b">50\.0%/);
    expect(html).toContain('<h2>Failures and fallbacks: B: Fixed VPN package</h2>');
    expect(html.slice(html.indexOf('<section id="failures-b">'))).toContain('<code>0x80180014</code>');
    expect(html).toContain(`<h2>Time to desktop: A: Today ${esc(HOSTILE)}</h2>`);
    // Ids stay unique.
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('renderFleetHtml: in a real browser', () => {
  let dir = '';
  let report: FleetReport;

  beforeAll(async () => {
    dir = tempDir('apsim-html-');
    report = await runFleet({
      name: 'Browser check',
      devices: 1500,
      environment: { apps: [{ name: 'A', installMinutes: 30 }, { name: 'B', failureProbability: 0.05 }] },
      sites: [{ name: 'HQ', share: 3, bandwidthMbps: 500 }, { name: 'Branch', share: 1, bandwidthMbps: 50 }],
      groups: [{ name: HOSTILE, weight: 1 }, { name: 'Knowledge workers', weight: 3 }],
    });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every chart\'s labels are whole and apart, and its type stays near the tables\' size, from A4 to a 1920 px screen', async () => {
    const hours = Array.from({ length: 28 }, (_, hour) => ({ hour, utilisation: hour % 3 ? 1.707 : 0.4, queueMinutes: hour * 6 }));
    const failures = [
      { id: 'v', phase: 'identity', phaseLabel: 'Sign-in and enrollment', code: 'VPN_UNSUPPORTED', message: '[VPN]', cause: 'a user-certificate VPN cannot connect before the user signs in', causeSummary: 'a user-certificate VPN cannot connect before the user signs in', parameters: [], devices: 102, share: 0.9533, cumulativeShare: 0.9533, shareOfDevices: 0.2, exampleDevice: 5 },
      { id: 't', phase: 'deviceSetup', phaseLabel: 'ESP: device setup', code: 'ESP_TIMEOUT', message: 'Setup could not be completed.', cause: 'x', causeSummary: 'the ESP timer ran out while one of 7 apps (Microsoft 365 Apps 41, Company Portal 40, VPN client 14, 4 more) was still installing', parameters: [], devices: 5, share: 0.0467, cumulativeShare: 1, shareOfDevices: 0.01, exampleDevice: 40 },
    ];
    const file = join(dir, 'labels.html');
    // Groups of thousands: four-digit counts on a small multiple's axis.
    const groups = syntheticReport().groups.map((g, i) => ({ ...g, name: i ? 'Engineering workstations with discrete GPUs and large CAD datasets' : g.name, histogram: g.histogram.map(([m, n]) => [m, n * 40] as [number, number]) }));
    writeFileSync(file, renderFleetHtml(syntheticReport({ failures, groups, loads: [{ kind: 'link', name: 'Headquarters campus in Frankfurt am Main (building 7)', capacity: 50, unit: 'Mbps', peakDemand: 85, meanDemand: 40, totalDemand: 1e6, peakUtilisation: 1.707, saturatedHours: 14, maxQueueMinutes: 170, hours }] })));
    const browser = await launchChromium();
    try {
      for (const width of [680, 1280, 1920]) {
        const page = await browser.newPage({ viewport: { width, height: 1000 } });
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        const problems = await page.$$eval('svg.chart', (svgs) =>
          svgs.flatMap((svg) => {
            const box = svg.getBoundingClientRect();
            const scale = box.width / (svg as SVGSVGElement).viewBox.baseVal.width;
            const texts = [...svg.querySelectorAll('text')].map((t) => ({ s: t.textContent!, r: t.getBoundingClientRect(), px: parseFloat(getComputedStyle(t).fontSize) * scale }));
            const out: string[] = [];
            for (const t of texts) {
              if (t.r.left < box.left - 1 || t.r.right > box.right + 1) out.push(`${svg.id}: "${t.s}" runs outside the chart`);
              if (t.px > 17) out.push(`${svg.id}: "${t.s}" drawn at ${t.px.toFixed(1)} px`);
            }
            texts.forEach((a, i) =>
              texts.slice(i + 1).forEach((b) => {
                if (Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left) > 1 && Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top) > 1) out.push(`${svg.id}: "${a.s}" overlaps "${b.s}"`);
              }),
            );
            return out;
          }),
        );
        expect(problems, `${width} px`).toEqual([]);
        // Whole, not cut with an ellipsis.
        // What is drawn: the text elements, not their hover titles.
        const drawn = (svg: string) => page.$$eval(`svg#${svg} text`, (ts) => ts.map((t) => [...t.childNodes].filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('')).join(' ').replace(/\s+/g, ' '));
        const pareto = await drawn('chart-pareto');
        expect(pareto).toContain('Sign-in and enrollment');
        expect(pareto).toContain('VPN client 14, 4 more) was still installing');
        expect(pareto).not.toContain('…');
        // Long names whole, over as many lines as they need.
        expect(await drawn('chart-group-1')).toContain('Engineering workstations with discrete GPUs and large CAD datasets');
        expect(await drawn('chart-load-0')).toContain('Headquarters campus in Frankfurt am Main (building 7) link');
        // A link at 171% has the top of its use axis labelled.
        expect(await page.locator('svg#chart-load-0 text', { hasText: /^200%$/ }).count()).toBe(1);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 30_000);

  it('opens offline from a file with no errors and shows the charts and the headline', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderFleetHtml(report, { sweep, compare }));
    const browser = await launchChromium();
    try {
      // A4 content width at 96 dpi (210 mm less 2 × 15 mm margins): 680 px.
      const page = await browser.newPage({ viewport: { width: 680, height: 1000 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });

      for (const id of [...CHARTS, 'chart-sweep-success', 'chart-sweep-p90']) {
        const box = await page.locator(`svg#${id}`).boundingBox();
        expect(box, id).not.toBeNull();
        expect(box!.width, id).toBeGreaterThan(100);
        expect(box!.height, id).toBeGreaterThan(50);
      }
      const success = page.locator('#headline-success');
      expect(await success.isVisible()).toBe(true);
      expect((await success.textContent())?.trim()).toBe(headline(report));
      // The hostile group name is shown as text, not run.
      expect(await page.locator('table.groups td', { hasText: HOSTILE }).count()).toBe(1);
      expect(await page.locator('script').count()).toBe(0);
      // Nothing wider than the A4 text block.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(680);
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      // On a wide screen the report uses the width: the time charts side by side, the groups' small multiples in a row.
      const wide = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await wide.goto(url, { waitUntil: 'load' });
      expect((await wide.locator('main').boundingBox())!.width).toBeGreaterThan(1400);
      const [h, cdf] = [await wide.locator('svg#chart-histogram').boundingBox(), await wide.locator('svg#chart-cdf').boundingBox()];
      expect(Math.abs(h!.y - cdf!.y)).toBeLessThan(2);
      const [g0, g1] = [await wide.locator('svg#chart-group-0').boundingBox(), await wide.locator('svg#chart-group-1').boundingBox()];
      expect(Math.abs(g0!.y - g1!.y)).toBeLessThan(2);
      expect(await wide.locator('#load-multiples svg').count()).toBe(report.loads.length);
      expect(report.loads.length).toBeGreaterThan(0);
      expect(await wide.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1600);
    } finally {
      await browser.close();
    }
  }, 30_000);
});
