// Figures you can quote: one rounding rule for every format (terminal, Markdown, JSON, CSV, HTML),
// compare's labels and per-group and per-site differences, --fail-under's exit codes.
import { describe, expect, it } from 'vitest';
import { compareFleets, compareLabels, newcombe, parseSweep, sweepFleet } from '../../src/fleet/analysis.ts';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { min, minutesDiff, pct, points, pointsInterval } from '../../src/format.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderFleetMarkdown, renderSweepMarkdown, renderComparisonMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';
import { renderComparison } from '../../src/report/compare.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { cli } from '../helpers/cli.ts';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.ts';

const dir = new URL('../../scenarios/fleets/', import.meta.url);
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('time to desktop adds up', () => {
  it('a fleet with unattended minutes (self-deploying kiosks) says what the rest of the total is, with means that add up, in the terminal and Markdown', async () => {
    // Kiosks beside laptops: the total's mean was more than the user's and the technician's, with no word of the rest
    // (a self-deploying fleet read total 22.0, end user 0.0, technician 0.0).
    const { fleetFrom } = await import('../../src/fleet/load.ts');
    const r = await runFleet(fleetFrom({ devices: 300, groups: [{ name: 'Laptops', weight: 3 }, { name: 'Kiosks', weight: 1, environment: { scenario: 'self-deploying' } }] }), {});
    const { total, endUser, technician } = r.timeToDesktop;
    const rest = Number((Number(min(total.mean)) - Number(min(endUser.mean)) - Number(min(technician.mean))).toFixed(1));
    expect(rest).toBeGreaterThan(1);
    // No technician flow here: the technician has no row and no term (test/library/technician-row.test.ts).
    expect(technician.mean).toBe(0);
    const sentence = `so the means add up: ${min(total.mean)} = ${min(endUser.mean)} + ${rest.toFixed(1)}.`;
    expect(strip(renderFleet(r))).toContain(sentence);
    expect(renderFleetMarkdown(r)).toContain(sentence);
    expect(strip(renderFleet(r))).toMatch(/The total is active time: the end user's and the device's own unattended minutes \(mean [\d.]+: self-deploying/);
    // Where the user's and the technician's minutes are the whole total (rounding aside), nothing is added.
    const preProvisioned = await runFleet(fleetFrom({ devices: 200, scenario: 'pre-provisioned', environment: { profile: { allowPreProvisioning: true } } }), {});
    expect(renderFleet(preProvisioned)).not.toMatch(/unattended/);
  });

  it("a Windows 365 Cloud PC in device preparation's automatic mode is named among the unattended: its whole total is the device's own", async () => {
    // It read 'self-deploying, a task sequence, no one at the device' for a fleet of Cloud PCs, neither of which it was.
    const r = await cli('run', 'device-preparation-windows-365', '--devices', '40', '--markdown');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/unattended minutes \(mean [\d.]+: a Windows 365 Cloud PC in device preparation's automatic mode, no one at the device\)/);
  });
});

describe('one rounding rule', () => {
  it('minutes to one decimal, shares to one decimal of a percent, zero as zero', () => {
    expect(min(50.875)).toBe('50.9');
    expect(min(0)).toBe('0.0');
    expect(min(-0.04)).toBe('0.0');
    expect(pct(0)).toBe('0.0%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(0.9996)).toBe('99.96%'); // not 100.0% when some failed
    expect(pct(0.0004)).toBe('0.04%'); // not 0.0% when some did
    expect(points(0.031)).toBe('+3.1 pts');
    expect(points(-0.0042)).toBe('−0.4 pts');
    expect(points(0)).toBe('±0.0 pts');
    expect(pointsInterval([-0.01, 0.025])).toBe('−1.0 to +2.5 pts');
    expect(minutesDiff(-2.46)).toBe('−2.5 min');
  });

  it('run and a sweep point print the same figures in every format; the JSON carries them as printed', async () => {
    const fleet = loadFleet(fileURLToPath(new URL('new-laptops.yaml', dir)));
    const run = await runFleet(fleet, { devices: 300 });
    const { result, reports } = await sweepFleet(fleet, parseSweep('esp.timeoutMinutes=60,90'), { devices: 300 });
    const row = result.rows[0]!;
    // Every minute figure of the report has at most one decimal: what JSON says is what the page says.
    const minutes = [run.timeToDesktop.total, run.timeToDesktop.endUser, run.timeToDesktop.technician].flatMap((p) => [p.p50, p.p75, p.p90, p.p99, p.mean]);
    for (const m of [...minutes, ...run.phases.map((p) => p.minutes)]) if (m !== null) expect(Math.round(m * 10) / 10).toBe(m);
    expect(row.p50).toBe(run.timeToDesktop.total.p50);
    const p50 = min(run.timeToDesktop.total.p50);
    expect(strip(renderFleet(run))).toContain(` ${p50} `);
    expect(renderFleetMarkdown(run)).toContain(`| total (active) | ${p50} |`);
    expect(renderSweepMarkdown(result, { name: 'x', seed: 1 })).toContain(`| ${p50} |`);
    expect(renderFleetHtml(run)).toContain(`<td class="num">${p50}</td>`);
    expect(JSON.stringify(reports[0])).toBe(JSON.stringify(run));
  });

  it('a top failure is printed with its parameters summarised, never as a raw template ({app})', async () => {
    const fleet = loadFleet(fileURLToPath(new URL('new-laptops.yaml', dir)));
    // Eleven apps overrun the 60-minute ESP: the top failure is the ESP timer with an app still installing.
    const { result, reports } = await sweepFleet(fleet, parseSweep('apps=11'), { devices: 300 });
    const top = result.rows[0]!.topFailure!;
    expect(top.cause).toContain('{app}'); // the template, for scripts
    expect(top.causeSummary).not.toMatch(/\{\w+\}/);
    const text = [renderSweepMarkdown(result, { name: 'x', seed: 1 }), strip(renderFleet(reports[0]!)), renderFleetMarkdown(reports[0]!)].join('\n');
    expect(text).toContain('ESP_TIMEOUT');
    expect(text).not.toMatch(/\{(app|minutes|version|fileName|encoding)\}/);
  });

  it('the CSV writes every device\'s minutes by the same rule: one decimal', async () => {
    const { readFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const d = tempDir('apsim-csv-');
    try {
      expect((await cli('run', 'fleets/new-laptops', '--devices', '40', '--csv', join(d, 'x.csv'), '--json')).code).toBe(0);
      const [head, ...rows] = readFileSync(join(d, 'x.csv'), 'utf8').trim().split('\n');
      const cols = head!.split(',').map((h, i) => [h, i] as const).filter(([h]) => h.endsWith('Minutes'));
      expect(cols.length).toBeGreaterThan(5);
      for (const r of rows) {
        const cells = r.split(',');
        for (const [h, i] of cols) expect(cells[i], h).toMatch(/^-?\d+(\.\d)?$/);
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('phases are in flow order with their labels in every format', async () => {
    const r = await runFleet(loadFleet(fileURLToPath(new URL('new-laptops.yaml', dir))), { devices: 100 });
    const labels = r.phases.map((p) => p.label);
    const md = renderFleetMarkdown(r);
    const at = labels.map((l) => md.indexOf(`| ${l} |`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const term = strip(renderFleet(r));
    const tat = labels.map((l) => term.indexOf(`${l} `));
    expect([...tat].sort((a, b) => a - b)).toEqual(tat);
  });
});

describe('compare', () => {
  it('names each run\'s warnings, in the terminal and in Markdown: a saturated branch link both runs lose devices to', async () => {
    const r = await cli('compare', 'fleets/branch-rollout', '--scenarios', 'user-driven,pre-provisioned', '--devices', '200');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^⚠ A: Branch C's link is saturated/m);
    expect(r.out).toMatch(/^⚠ B: Branch C's link is saturated/m);
    const md = await cli('compare', 'fleets/branch-rollout', '--scenarios', 'user-driven,pre-provisioned', '--devices', '200', '--markdown');
    expect(md.out).toMatch(/^> \*\*Warning \(A\):\*\* Branch C's link is saturated/m);
    // A warning both runs give word for word is one line.
    const same = await cli('compare', 'fleets/branch-rollout', 'fleets/branch-rollout', '--devices', '200');
    expect(same.out).toMatch(/^⚠ A and B: Branch C's link is saturated/m);
  });

  it('labels come from the file names, never the same twice', () => {
    expect(compareLabels('scenarios/fleets/new-laptops.yaml', 'fleets/branch-rollout')).toEqual(['new-laptops', 'branch-rollout']);
    expect(compareLabels('a/today/fleet.yaml', 'b/tomorrow/fleet.yaml')).toEqual(['today/fleet', 'tomorrow/fleet']);
    const [x, y] = compareLabels('same.yaml', 'same.yaml');
    expect(x).not.toBe(y);
  });

  it('the Newcombe interval holds the difference and widens with fewer devices', () => {
    const wide = newcombe({ succeeded: 90, devices: 100 }, { succeeded: 95, devices: 100 })!;
    const narrow = newcombe({ succeeded: 900, devices: 1000 }, { succeeded: 950, devices: 1000 })!;
    expect(wide[0]).toBeLessThan(0.05);
    expect(wide[1]).toBeGreaterThan(0.05);
    expect(narrow[1] - narrow[0]).toBeLessThan(wide[1] - wide[0]);
    expect(narrow[0]).toBeGreaterThan(0);
  });

  it('gives per-group and per-site differences with intervals, rates in points and times in minutes', async () => {
    const fleet = loadFleet(fileURLToPath(new URL('kiosks-and-vms.yaml', dir)));
    const c = await compareFleets({ label: 'user-driven', fleet, environment: scenarioOverride('user-driven') }, { label: 'self-deploying', fleet, environment: scenarioOverride('self-deploying') }, { devices: 400 });
    expect(c.groups.map((g) => g.name)).toEqual(fleet.groups.map((g) => g.name));
    for (const g of [...c.groups, ...c.sites]) {
      expect(g.success.unit).toBe('share');
      expect(g.meanMinutes.unit).toBe('minutes');
      if (g.success.difference !== null && g.success.interval95) {
        expect(g.success.interval95[0]).toBeLessThanOrEqual(g.success.difference + 1e-4);
        expect(g.success.interval95[1]).toBeGreaterThanOrEqual(g.success.difference - 1e-4);
      }
    }
    // The VM group cannot self-deploy (no TPM attestation on a VM): a drop the interval is sure of.
    const vms = c.groups.find((g) => /VM/i.test(g.name));
    if (vms) expect(vms.success.interval95![1]).toBeLessThan(0);
    const term = strip(renderComparison(c));
    expect(term).toContain('A = user-driven · B = self-deploying');
    expect(term).toMatch(/success rate\s.*[+−±]\d+\.\d pts/);
    expect(term).not.toMatch(/success rate.*\d%\s+[+−]?\d+\.\d%\s*$/m);
    const md = renderComparisonMarkdown(c);
    expect(md).toContain('### Per group');
    for (const g of c.groups) expect(md).toContain(`| ${g.name} |`);
    // Why B loses devices, not only how many: its top failure, named in both formats (a VM cannot attest: 0x800705B4).
    const top = c.b.report.failures[0]!;
    expect(top.code).toBe('0x800705B4');
    expect(term).toMatch(new RegExp(`^B's failures: 0x800705B4 in ESP: device preparation: .*\\(${top.devices}\\)`, 'm'));
    expect(md).toMatch(/^- B's failures: 0x800705B4 in ESP: device preparation/m);
  });

  it('--labels names the runs; two equal labels are refused', async () => {
    const r = await cli('compare', 'fleets/new-laptops', '--scenarios', 'user-driven,pre-provisioned', '--labels', 'today,proposal', '--devices', '60', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect([c.a.label, c.b.label]).toEqual(['today', 'proposal']);
    const bad = await cli('compare', 'fleets/new-laptops', '--scenarios', 'user-driven,pre-provisioned', '--labels', 'x,x');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--labels: expected two different names/);
  });
});

describe('run --fail-under', () => {
  // kiosks-and-vms at 80 devices: some devices fail, so success is strictly between 0 and 1.
  it('exits 1 below the threshold with one line naming it, 0 at or above it', async () => {
    const base = ['run', 'fleets/kiosks-and-vms', '--devices', '80', '--json'];
    const r = JSON.parse((await cli(...base)).out);
    expect(r.successRate).toBeGreaterThan(0);
    expect(r.successRate).toBeLessThan(1);
    const below = await cli(...base, '--fail-under', `success=${Math.min(1, r.successRate + 0.01)}`);
    expect(below.code).toBe(1);
    expect(below.err).toMatch(/success \d+\.\d+% is under --fail-under success=/);
    const above = await cli(...base, '--fail-under', `success=${r.successRate}`);
    expect(above.code).toBe(0);
    expect((await cli(...base, '--fail-under', 'success=0%,firstTimeRight=0')).code).toBe(0);
    // Just over the rate, at the precision the report keeps: the line tells the two apart, the threshold as written
    // ('success 73.9% is under --fail-under success=0.7390000000000001' for 73.9%, of a rate of 73.89%).
    const pct2 = (x: number) => `${Number((x * 100).toFixed(2))}%`;
    const just = Number((r.successRate + 0.0001).toFixed(4));
    const close = await cli(...base, '--fail-under', `success=${(just * 100).toFixed(2)}%`);
    expect(close.code).toBe(1);
    expect(close.err.trim()).toBe(`autopilot-sim: success ${pct2(r.successRate)} is under --fail-under success=${just} (${pct2(just)})`);
    const bad = await cli(...base, '--fail-under', 'speed=0.9');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--fail-under: expected <metric>=<share>/);
  });
});

describe('waiting is not active time', () => {
  it("a pre-provisioned device's days off between the flows are named as waiting in every format, and the HTML's shares are of active time", async () => {
    const run = await runFleet({ name: 'depot', seed: 3, scenario: 'pre-provisioned', devices: 40, environment: { profile: { allowPreProvisioning: true } } });
    const shipping = run.phases.find((p) => p.phase === 'shipping')!;
    // The device waits between the technician's flow and the user's: far longer than its active time.
    expect(shipping.minutes).toBeGreaterThan(run.timeToDesktop.total.p99!);
    const label = `Reseal and shipping (waiting, not active time) ${min(shipping.minutes)}`;
    expect(strip(renderFleet(run))).toContain(label);
    expect(renderFleetMarkdown(run)).toContain(`| Reseal and shipping (waiting, not active time) | ${min(shipping.minutes)} |`);
    const html = renderFleetHtml(run);
    const section = html.slice(html.indexOf('<section id="phases">'), html.indexOf('</section>', html.indexOf('<section id="phases">')));
    const shares = [...section.matchAll(/<td[^>]*>([\d.]+)%<\/td>/g)].map((m) => Number(m[1]));
    // The active phases' shares add up to 100% (to rounding); the waiting phase has none.
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.5);
    expect(section).toContain('Reseal and shipping (waiting, not active time)');
    expect(shares.length).toBe(run.phases.length - 1);
  });
});
