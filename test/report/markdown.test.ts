// --markdown on run, compare, sweep and recommend: well-formed GitHub tables that carry the same
// figures as --json for the same command and seed, no colour codes, and one clear line when
// it is asked for together with --json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, processRun } from '../helpers/cli.ts';
import type { CompareResult, SweepResult } from '../../src/fleet/analysis-types.ts';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import type { FleetReport } from '../../src/fleet/report.ts';
import { resolveScenarioPath } from '../../src/environment/files.ts';
import type { Recommendation } from '../../src/recommend/index.ts';
import { scoreText } from '../../src/recommend/ranking.ts';
import { renderFleetMarkdown } from '../../src/report/markdown.ts';
import { count, failureText, possessive } from '../../src/format.ts';
import { differenceText } from '../../src/report/compare.ts';
import { phaseLabel } from '../../src/catalog/phases.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-md-');

/** Both commands at once, same arguments: the Markdown and the JSON it must agree with. */
async function both<T>(...argv: string[]): Promise<{ md: string; json: T }> {
  const [md, json] = await Promise.all([cli(...argv, '--markdown'), cli(...argv, '--json')]);
  expect(md.code, md.err).toBe(0);
  expect(json.code, json.err).toBe(0);
  return { md: md.out, json: JSON.parse(json.out) as T };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fixed = (x: number | null) => (x === null ? '–' : x.toFixed(1));
/** What the reader sees: Markdown's backslash escapes removed. */
const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** A cell split that honours `\|`, as GitHub's does. */
const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/** Every table: runs of lines starting with `|`. */
function tables(md: string): string[][][] {
  const found: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (current ??= []).push(cells(line));
    else if (current) {
      found.push(current);
      current = null;
    }
  }
  if (current) found.push(current);
  return found;
}

/** The table whose first header cell is `first`; its body rows, keyed by their first cell. */
function table(md: string, first: string): { head: string[]; rows: string[][]; row: (key: string) => string[] } {
  const t = tables(md).find((x) => x[0]![0] === first);
  expect(t, `a table headed "${first}"`).toBeDefined();
  const rows = t!.slice(2);
  return {
    head: t![0]!,
    rows,
    row: (key) => {
      const r = rows.find((x) => unescape(x[0]!) === key);
      expect(r, `a row "${key}" in the table "${first}"`).toBeDefined();
      return r!;
    },
  };
}

function expectWellFormed(md: string, expectedTables: number) {
  const all = tables(md);
  expect(all.length).toBeGreaterThanOrEqual(expectedTables);
  for (const t of all) {
    const width = t[0]!.length;
    expect(t.length, `a header, a separator and rows: ${t[0]!.join(' | ')}`).toBeGreaterThanOrEqual(3);
    for (const c of t[1]!) expect(c).toMatch(/^:?-{3,}:?$/);
    for (const r of t) expect(r, r.join(' | ')).toHaveLength(width);
  }
  expect(md).not.toMatch(/\u001b\[/);
  expect(md.trim().split('\n').at(-1)).toBe('_Durations are estimates where the documentation gives none (each default and its source: schema/scenario.schema.json, durations)._');
}

describe('error codes in terminal tables', () => {
  it('a code longer than its column breaks after an underscore, whole, instead of being cut', async () => {
    const { breakCode } = await import('../../src/report/fleet.ts');
    expect(breakCode('ANOTHER_INSTALLATION_IN_PROGRESS', 15)).toBe('ANOTHER_\nINSTALLATION_\nIN_PROGRESS');
    expect(breakCode('0x800705B4', 15)).toBe('0x800705B4');
    expect(breakCode('ESP_TIMEOUT', 15)).toBe('ESP_TIMEOUT');
    const r = await cli('run', 'failures/win32-msi-clash', '--devices', '40');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/│ ANOTHER_ +│[^\n]*\n│ +│ INSTALLATION_ +│[^\n]*\n│ +│ IN_PROGRESS +│/);
    expect(r.out).not.toMatch(/ANOTHER_INSTAL…/);
  });
});

describe('counts and names in prose', () => {
  it('counts carry thousands separators and a name ending in s takes an apostrophe alone', () => {
    expect([count(21426), count(2242.4), count(400)]).toEqual(['21,426', '2,242', '400']);
    expect([possessive('Branch C'), possessive('Meeting-room PCs')]).toEqual(["Branch C's", "Meeting-room PCs'"]);
  });
});

describe('counts in a report\'s prose', () => {
  it('run\'s first lines, warnings, failure causes and top failures carry thousands separators, in the terminal and in Markdown', async () => {
    // 2,500 devices whose ESP times out at 10 minutes while an app installs: each count passes 1,000.
    const { writeFileSync } = await import('node:fs');
    const path = join(dir, 'thousands.yaml');
    writeFileSync(path, 'devices: 2500\nenvironment: { esp: { timeoutMinutes: 10 } }\n');
    for (const format of [[], ['--markdown']]) {
      const r = await cli('run', path, ...format);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/2,500 devices · seed 1/);
      expect(r.out).toMatch(/failed 2,500 · fell back to OOBE 0/);
      expect(r.out).toMatch(/below 80%: the top failure mode is ESP_TIMEOUT .*\(2,\d{3} devices\)\./); // the low-success warning
      expect(r.out).toMatch(/one of 2 apps \(Microsoft 365 Apps: 1,\d{3}, Company Portal: \d+\)/); // the cause summary's apps and their devices
    }
    // A link's capacity and demand as the HTML writes them: "1,000 Mbps", not "1000 Mbps".
    for (const format of [[], ['--markdown']]) {
      const r = await cli('run', 'fleets/branch-rollout', ...format);
      expect(r.out, format.join(' ')).toContain('1,000 Mbps');
      expect(r.out, format.join(' ')).not.toMatch(/\b\d{4,} Mbps/);
    }
  });
});

describe('minutes per phase', () => {
  it('say they are of every device, failed ones too, beside a time to desktop of the successful ones', async () => {
    // Branch C's devices fail after 100 minutes of device setup: the phases add up to more than the mean time to desktop.
    const [md, term] = await Promise.all([cli('run', 'fleets/branch-rollout', '--devices', '200', '--markdown'), cli('run', 'fleets/branch-rollout', '--devices', '200')]);
    expect(md.out).toContain('### Minutes per device by phase\n\nMean minutes each device spent in each phase, over every device, those that failed included; the time to desktop above is of the devices that succeeded');
    expect(term.out).toMatch(/^Minutes per device by phase \(every device, failed ones too\): OOBE/m);
  });
});

describe('run --markdown with findings', () => {
  it('lists each finding with its devices and share of the successful devices, as --json does', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = join(dir, 'findings.yaml');
    writeFileSync(path, 'devices: 300\nenvironment:\n  identity: { federation: adfs }\n  profile: { assignedUser: ana@contoso.com }\n  registration: { previouslyEntraRegistered: true }\n');
    const { md, json } = await both<FleetReport>('run', path, '--seed', '2');
    expectWellFormed(md, 3); // time, phases, findings (no failures here)
    expect(json.findings.map((f) => f.id)).toEqual(['ASSIGNED_USER_NOT_ENFORCED', 'SHOWN_AS_ENTRA_REGISTERED']);
    const t = table(md, 'Finding');
    for (const f of json.findings) expect(t.row(f.id).slice(1).map(unescape)).toEqual([f.text, count(f.devices), pct(f.shareOfSucceeded)]);
  });
});

describe('run --markdown', () => {
  let md: string;
  let r: FleetReport;
  beforeAll(async () => {
    ({ md, json: r } = await both<FleetReport>('run', 'fleets/branch-rollout', '--devices', '500', '--seed', '7'));
  });

  it('is well-formed GitHub Markdown: every row as wide as its header, a separator under it', () => {
    expectWellFormed(md, 4);
  });

  it('heads with the name, devices and seed, and gives the success rate, its interval and first-time-right of --json', () => {
    expect(md.startsWith(`## ${r.name}\n`)).toBe(true);
    expect(md).toContain(`\n${r.devices} devices · seed 7`);
    expect(r.successRate).toBeGreaterThan(0);
    expect(r.successRate).toBeLessThan(1);
    expect(md).toContain(`**Success ${pct(r.successRate)}** (95% CI ${pct(r.successInterval95[0])}–${pct(r.successInterval95[1])}) · first time right ${pct(r.firstTimeRightRate)} · failed ${r.failed}`);
  });

  it('gives time to desktop as in --json: p50, p75, p90, p99 and mean for total and end user (no technician row: the fleet has no technician flow)', () => {
    const t = table(md, 'Time to desktop (min)');
    expect(t.head).toEqual(['Time to desktop (min)', 'p50', 'p75', 'p90', 'p99', 'mean']);
    for (const [label, p] of [
      ['total (active)', r.timeToDesktop.total],
      ['end user', r.timeToDesktop.endUser],
    ] as const) {
      expect(t.row(label).slice(1)).toEqual([p.p50, p.p75, p.p90, p.p99, p.mean].map(fixed));
    }
    expect(r.timeToDesktop.technician.mean).toBe(0);
    expect(t.rows.map((x) => x[0])).toEqual(['total (active)', 'end user']);
    expect(Number(t.row('total (active)')[1])).toBeCloseTo(r.timeToDesktop.total.p50!, 1);
  });

  it('gives the minutes per phase', () => {
    const t = table(md, 'Phase');
    // In flow order, by their labels, with one decimal.
    expect(t.rows.map((x) => [x[0], x[1]])).toEqual(r.phases.map((p) => [p.label, p.minutes.toFixed(1)]));
    expect(r.phases.map((p) => p.phase)).toEqual(Object.keys(r.phaseMinutes));
    expect(r.phases[0]!.phase).toBe('oobe');
  });

  it('gives the failure Pareto with every code of --json, its devices, share and cumulative share', () => {
    expect(r.failures.length).toBeGreaterThan(1);
    const t = table(md, '#');
    expect(t.head).toEqual(['#', 'Code', 'Phase', 'Cause', 'Devices', 'Share', 'Cumulative', 'First device']);
    expect(t.rows.map((x) => unescape(x[1]!))).toEqual(r.failures.slice(0, 10).map((f) => f.code));
    r.failures.slice(0, 10).forEach((f, i) => {
      expect(t.rows[i]!.map(unescape)).toEqual([String(i + 1), f.code, f.phaseLabel, f.causeSummary, count(f.devices), pct(f.share), pct(f.cumulativeShare), String(f.exampleDevice)]);
    });
    expect(md).toContain(`Follow a failure step by step on its first device: \`autopilot-sim simulate`);
  });

  it('gives a table per site when there are two or more, none per group when there is one', () => {
    expect(r.sites.length).toBeGreaterThanOrEqual(2);
    const t = table(md, 'Site');
    for (const s of r.sites) expect(t.row(s.name).slice(1, 4)).toEqual([count(s.devices), pct(s.successRate), `${pct(s.successInterval95[0])}–${pct(s.successInterval95[1])}`]);
    expect(r.groups).toHaveLength(1);
    expect(tables(md).some((x) => x[0]![0] === 'Group')).toBe(false);
  });

  it('still writes --html and --csv when asked', async () => {
    const html = join(dir, 'run.html');
    const csv = join(dir, 'run.csv');
    const out = await cli('run', 'fleets/branch-rollout', '--devices', '40', '--markdown', '--html', html, '--csv', csv);
    expect(out.code, out.err).toBe(0);
    expect(out.out).toMatch(/^## Branch rollout/);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(41);
  });
});

describe('renderFleetMarkdown', () => {
  let base: FleetReport;
  beforeAll(async () => {
    base = await runFleet(loadFleet(resolveScenarioPath('fleets/branch-rollout')), { devices: 200 });
  });

  it('keeps a table intact when a name or cause holds | or a newline, and shows the top 10 failures and how many more', () => {
    const failures = Array.from({ length: 12 }, (_, i) => ({ ...base.failures[0]!, code: `CODE_${i}`, causeSummary: `cause ${i} | with a pipe\nand a second line`, devices: 12 - i }));
    const twoGroups = [
      { ...base.sites[0]!, name: 'Lab | VMs' },
      { ...base.sites[1]!, name: '*Kiosks*\n<b>shared</b>' },
    ];
    const md = renderFleetMarkdown({ ...base, name: 'Design *draft*\nv2', failures, groups: twoGroups });
    expectWellFormed(md, 5);
    expect(md.split('\n')[0]).toBe('## Design \\*draft\\* v2');
    const t = table(md, '#');
    expect(t.rows).toHaveLength(10);
    expect(t.rows[0]![3]).toBe('cause 0 \\| with a pipe<br>and a second line');
    expect(md).toContain('… and 2 more failure modes (--json for all).');
    const g = table(md, 'Group');
    expect(g.rows.map((x) => x[0])).toEqual(['Lab \\| VMs', '\\*Kiosks\\*<br>\\<b>shared\\</b>']);
  });

  it('says so when nothing failed', () => {
    const md = renderFleetMarkdown({ ...base, failures: [] });
    expect(md).toContain('### Failure modes\n\nNone: every device reached the desktop.');
    expectWellFormed(md, 3);
  });
});

describe('compare --markdown', () => {
  it('gives every difference of --json with its 95% interval', async () => {
    const { md, json: c } = await both<CompareResult>('compare', 'fleets/new-laptops', '--scenarios', 'user-driven,pre-provisioned', '--devices', '300', '--seed', '5');
    expectWellFormed(md, 1);
    expect(md.startsWith('## user-driven vs pre-provisioned\n')).toBe(true);
    expect(md).toContain(`${c.a.report.devices} devices each · seed 5`);
    expect(md).toContain('A = user-driven · B = pre-provisioned');
    const t = table(md, 'Metric');
    expect(t.head.slice(1, 3)).toEqual(['A', 'B']);
    expect(t.rows).toHaveLength(c.differences.length);
    const withInterval = c.differences.filter((d) => d.interval95);
    expect(withInterval.length).toBeGreaterThanOrEqual(3);
    for (const d of c.differences) {
      const x = differenceText(d);
      expect(t.row(d.label).slice(1)).toEqual([x.a, x.b, x.difference, x.interval]);
    }
    // Rates differ in points, times in minutes.
    const success = c.differences.find((d) => d.metric === 'successRate')!;
    expect(t.row('success rate')[3]).toMatch(/^[+−±]\d+\.\d+ pts$/);
    expect(t.row('success rate')[4]).toMatch(/^[+−±]\d+\.\d+ to [+−±]\d+\.\d+ pts$/);
    expect(success.unit).toBe('share');
    expect(t.row("p50 minutes to desktop, each run's successes")[3]).toMatch(/^[+−±]\d+\.\d min$/);
  });
});

describe('sweep --markdown', () => {
  it('gives a row for every value with the figures of --json, and the threshold sentence', async () => {
    const { md, json: s } = await both<SweepResult>('sweep', 'user-driven-entra', '--vary', 'apps=4..24:4', '--devices', '200', '--seed', '2');
    expectWellFormed(md, 1);
    expect(md.split('\n')[0]).toBe('## Sweep of number of apps: User-driven, Entra join');
    expect(md).toContain('200 devices per value · seed 2');
    const t = table(md, 'number of apps');
    expect(t.rows.map((x) => x[0])).toEqual(['4', '8', '12', '16', '20', '24']);
    for (const r of s.rows) {
      expect(t.row(String(r.value)).slice(1, 6)).toEqual([pct(r.successRate), `${pct(r.successInterval95[0])}–${pct(r.successInterval95[1])}`, String(r.p50), String(r.p90), String(r.meanEndUserMinutes)]);
      expect(unescape(t.row(String(r.value))[6]!)).toBe(failureText(r.topFailure, phaseLabel));
    }
    expect(s.finding).toMatch(/ESP_TIMEOUT/);
    expect(unescape(md)).toContain(`**${s.finding}**`);
  });
});

describe('recommend --markdown', () => {
  it('lists every exclusion with its quoted citation and source, the ranking of --json and the recommendation', async () => {
    const { md, json: rec } = await both<Recommendation>('recommend', 'fleets/kiosks-and-vms', '--devices', '200');
    expectWellFormed(md, 1);
    expect(md.split('\n')[0]).toBe(`## Recommend: ${rec.fleet}`);
    expect(md).toContain(`200 devices per scenario · seed ${rec.seed}`);
    const plain = unescape(md);
    const lines = plain.split('\n');
    expect(rec.exclusions.length).toBeGreaterThanOrEqual(3);
    for (const e of rec.exclusions) {
      const at = lines.indexOf(`- **${e.scenario}** · ${pct(e.share)} of devices · ${e.reason}`);
      expect(at, `${e.scenario}: ${e.rule}`).toBeGreaterThan(-1);
      expect(lines[at + 1]).toBe(`  - "${e.rule}" (${e.source})`);
      if (e.quote) expect(lines[at + 2]).toBe(`  - "${e.quote}" (${e.quoteSource})`);
    }
    expect(plain).toContain('"For this reason, virtual machines (VMs) are not supported even when the VM has a virtual TPM." (Which Autopilot scenario to use)');
    const t = table(md, '#');
    expect(t.head[1]).toBe('Scenario');
    expect(t.rows.map((x) => x[1])).toEqual(rec.ranking.map((x) => x.scenario));
    for (const r of rec.ranking) {
      expect(t.row(String(r.rank)).slice(2, 8)).toEqual([pct(r.summary.successRate), `${pct(r.summary.interval[0])}–${pct(r.summary.interval[1])}`, fixed(r.summary.p50Total), fixed(r.summary.p50EndUser), fixed(r.summary.p50Technician), scoreText(r.score)]);
      expect(lines).toContain(`${r.rank}. ${r.why}`);
    }
    expect(lines).toContain(`**Recommendation:** ${rec.recommendation.sentence}`);
  });
});

describe('--markdown on the command line', () => {
  it.each([
    ['run', 'fleets/branch-rollout'],
    ['compare', 'fleets/new-laptops', '--scenarios', 'user-driven,pre-provisioned'],
    ['sweep', 'user-driven-entra', '--vary', 'apps=4..8:4'],
    ['recommend', 'fleets/kiosks-and-vms'],
  ])('%s --markdown --json: exit 2, one clear line, no stack trace, nothing written', async (...argv) => {
    const html = join(dir, `${argv[0]}-both.html`);
    const r = await cli(...argv, '--devices', '20', '--markdown', '--json', '--html', html);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^autopilot-sim: --json and --markdown both print the report: give one of them/);
    expect(existsSync(html)).toBe(false);
  });

  it('prints no colour codes even when colour is forced, where the terminal report has them', async () => {
    const commands = [
      ['run', 'fleets/branch-rollout', '--devices', '30'],
      ['compare', 'fleets/new-laptops', '--scenarios', 'user-driven,pre-provisioned', '--devices', '30'],
      ['sweep', 'user-driven-entra', '--vary', 'apps=4..24:20', '--devices', '30'],
      ['recommend', 'fleets/kiosks-and-vms', '--devices', '30'],
    ];
    const results = await Promise.all(commands.flatMap((argv) => [processRun([...argv, '--color']), processRun([...argv, '--color', '--markdown'])]));
    for (let i = 0; i < commands.length; i++) {
      const [terminal, markdown] = [results[2 * i]!, results[2 * i + 1]!];
      expect(terminal.code, commands[i]!.join(' ')).toBe(0);
      expect(markdown.code, commands[i]!.join(' ')).toBe(0);
      expect(terminal.out, commands[i]!.join(' ')).toContain('\u001b[');
      expect(markdown.out, commands[i]!.join(' ')).toMatch(/^## /);
      expect(markdown.out, commands[i]!.join(' ')).not.toContain('\u001b[');
    }
  }, 180_000); // many processes at once: a bound on hanging, not a speed goal
});

describe('run --markdown read as a design document', () => {
  it('gives each warning a blockquote of its own and counts with thousands separators, as the terminal does', async () => {
    // A global firm's two warnings (a saturated link, success under 80%) were '> **Warning:** …' on consecutive lines: one
    // blockquote, so GitHub ran them together as one paragraph. Its tables counted 2400 devices where the line above said 2,700.
    const { fleetFrom } = await import('../../src/fleet/load.ts');
    const r = await runFleet(
      fleetFrom({
        name: 'Two regions',
        scenario: 'user-driven',
        environment: { apps: [{ name: 'Big app', type: 'win32', sizeMb: 3000 }] },
        sites: [{ name: 'Thin', share: 1, bandwidthMbps: 5 }, { name: 'Proxy', share: 1, environment: { network: { proxyRequiresAuth: true } } }],
        groups: [{ name: 'Laptops', count: 2400 }, { name: 'Desktops', count: 100 }],
      }),
    );
    const md = renderFleetMarkdown(r);
    expect(r.warnings.length).toBeGreaterThanOrEqual(2);
    const lines = md.split('\n');
    const quoted = lines.flatMap((l, i) => (l.startsWith('> **Warning:**') ? [i] : []));
    expect(quoted.length).toBe(r.warnings.length);
    for (const i of quoted) expect(lines[i + 1], `the line after warning at ${i}`).toBe('');
    const row = (name: string) => cells(lines.find((l) => l.startsWith(`| ${name} |`))!);
    expect(row('Laptops')[1]).toBe('2,400');
    expect(row('Proxy')[1]).toBe(count(r.sites.find((s) => s.name === 'Proxy')!.devices));
    const top = r.failures[0]!;
    expect(top.devices).toBeGreaterThan(999);
    expect(cells(lines.find((l) => l.startsWith('| 1 |'))!)[4]).toBe(count(top.devices));
  });

  it("compare --markdown: each run's warning a blockquote of its own", async () => {
    const { fleetFrom } = await import('../../src/fleet/load.ts');
    const { compareFleets } = await import('../../src/fleet/analysis.ts');
    const { renderComparisonMarkdown } = await import('../../src/report/markdown.ts');
    const thin = (mbps: number) => fleetFrom({ name: `${mbps} Mbps`, scenario: 'user-driven', environment: { apps: [{ name: 'Big app', type: 'win32', sizeMb: 3000 }], network: { proxyRequiresAuth: mbps < 10 } }, sites: [{ name: 'Thin', bandwidthMbps: mbps }], groups: [{ name: 'Laptops', count: 200 }] });
    const c = await compareFleets({ label: 'A', fleet: thin(5) }, { label: 'B', fleet: thin(20) });
    const lines = renderComparisonMarkdown(c).split('\n');
    const quoted = lines.flatMap((l, i) => (l.startsWith('> **Warning (') ? [i] : []));
    expect(quoted.length).toBeGreaterThanOrEqual(2);
    for (const i of quoted) expect(lines[i + 1], `the line after warning at ${i}`).toBe('');
  });
});
