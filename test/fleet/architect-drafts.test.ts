// Fourteen fleets an architect wrote from the schema alone (test/fleet/drafts: a multinational with sales offices without a
// DC, a school's shared carts and self-deploying kiosks, a VDI pool, a mixed-TPM estate, a staggered rollout behind a
// hub's link, a fleet whose include: overlays its environment, a retailer's 400 stores behind 12 hubs written with an
// anchor, a hospital's shared ward workstations and kiosks under a strict ESP, a university's term reset, a ConfigMgr
// migration beside new laptops on device preparation; and four more, test/fleet/architect-estates.test.ts: a logistics
// firm's depots, a bank at its connector's edge, a school district, a manufacturer), once their first drafts' mistakes were fixed: each validates,
// reads as written, and gives the same bytes on one worker or two.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, processRun } from '../helpers/cli.ts';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderComparison } from '../../src/report/compare.ts';
import { compareFleets } from '../../src/fleet/analysis.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';

const dir = join(import.meta.dirname, 'drafts');
const DRAFTS = ['multinational', 'school', 'vdi', 'mixed-tpm', 'staggered', 'overlay', 'retail-stores', 'hospital', 'university', 'migration', 'logistics', 'bank', 'district', 'manufacturer'].map((n) => join(dir, `${n}.yaml`));
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe("an architect's fourteen fleets", () => {
  it('each validates', async () => {
    const r = await cli('validate', ...DRAFTS);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(14);
  });

  it("the overlay's ESP timeout is the fleet's environment's", () => {
    expect((loadFleet(DRAFTS[5]!).environment as { esp?: { timeoutMinutes?: number } }).esp?.timeoutMinutes).toBe(45);
  });

  it("a group's top failure whose code is longer than its column breaks after an underscore, not cut", async () => {
    // The mixed-TPM laptops' TPM_ATTESTATION_TIMED_OUT read 'TPM_ATTESTATION_TIME… in ESP: device preparation' in the
    // group table, a code no one can look up (the failures' table broke it after an underscore already).
    vi.stubEnv('COLUMNS', '100');
    try {
      const report = await runFleet(loadFleet(DRAFTS[3]!), { devices: 400 });
      expect(report.groups.find((g) => g.name === 'Laptops')?.topFailure?.code).toBe('TPM_ATTESTATION_TIMED_OUT');
      const text = strip(renderFleet(report));
      expect(text).not.toContain('TPM_ATTESTATION_TIME…');
      expect(text).toMatch(/│ TPM_ATTESTATION_\s+│\n.*│ TIMED_OUT in ESP:/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("the group tables keep a group's name whole where the output is piped (100 columns)", async () => {
    // compare's group table gave the name 10 columns at 100 ('Supervi…' for the VDI pool's Supervisors); run's gave it 16,
    // cutting a name of one long word ('Supervisors-EMEA-…').
    vi.stubEnv('COLUMNS', '100');
    try {
      const fleet = loadFleet(DRAFTS[2]!);
      const c = await compareFleets({ label: 'user-driven', fleet, override: scenarioOverride('user-driven') }, { label: 'self-deploying', fleet, override: scenarioOverride('self-deploying') }, { devices: 200 });
      const text = strip(renderComparison(c));
      expect(text).toMatch(/│ Supervisors +│ \d+ /);
      expect(text).not.toContain('Supervi…');
      const named = { ...fleet, groups: fleet.groups.map((g, i) => (i === 1 ? { ...g, name: 'Supervisors-EMEA-west' } : g)) };
      const run = strip(renderFleet(await runFleet(named, { devices: 200 })));
      expect(run).toMatch(/│ Supervisors-EMEA-west +│/);
      for (const out of [text, run]) expect(Math.max(...out.split('\n').filter((l) => /^[│┌├└]/.test(l)).map((l) => l.length))).toBeLessThanOrEqual(100);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a link no device downloaded over says so in the hour-by-hour lines, not "0 h" beside an empty line', async () => {
    // The multinational's sales offices: every hybrid device there fails at the domain join, before its apps.
    const report = await runFleet(loadFleet(DRAFTS[0]!), { devices: 500 });
    expect(report.loads.find((l) => l.name === 'Sales Lyon')?.hours).toEqual([]);
    const text = strip(renderFleet(report));
    expect(text).toMatch(/^ {2}Sales Lyon link +no download over the rollout: no device asked it for one$/m);
    expect(text).not.toMatch(/Sales Lyon link +0 h/);
  });

  it("the retailer's anchor gives every store its link, and each its own hub", () => {
    const fleet = loadFleet(DRAFTS[6]!);
    const stores = fleet.sites.filter((x) => x.name.startsWith('Store '));
    expect(stores).toHaveLength(400);
    expect(new Set(stores.map((x) => x.bandwidthMbps))).toEqual(new Set([10]));
    expect(stores[12]!.internetVia).toBe('Region 1 hub');
  });

  it('--workers 1 and --workers 2 give the same bytes: run --json, recommend --markdown, compare --json, sweep --json', { timeout: 240_000 }, async () => {
    // The command's own run() in this process, its output captured: the same code as the real process, whose start (a
    // second or more under a full test run's load, and a worker thread's for --workers 2) was most of this test's time
    // as 34 processes. The real process's stdout is the next test's.
    const commands = [
      ...DRAFTS.map((f) => ['run', f, '--json', '--devices', '300']),
      ['recommend', DRAFTS[1]!, '--markdown'],
      ['compare', DRAFTS[0]!, '--scenarios', 'user-driven,pre-provisioned', '--json', '--devices', '600'],
      ['sweep', DRAFTS[6]!, '--vary', 'sites.Store *.bandwidthMbps=5,20', '--json', '--devices', '200'],
    ];
    for (const argv of commands) {
      const [one, two] = [await cli(...argv, '--workers', '1'), await cli(...argv, '--workers', '2')];
      expect(one.code, argv.join(' ')).toBe(0);
      expect(one.out.length, argv.join(' ')).toBeGreaterThan(0);
      expect(two.out, argv.join(' ')).toBe(one.out);
    }
  });

  it('as the real process, on the built worker (dist/worker.cjs; the tests\' own run() bundles src/fleet/worker.ts): run --json gives the same bytes on one worker and two', { timeout: 120_000 }, async () => {
    const argv = ['run', DRAFTS[0]!, '--json', '--devices', '300'];
    const [one, two] = [await processRun([...argv, '--workers', '1']), await processRun([...argv, '--workers', '2'])];
    expect(one.code, argv.join(' ')).toBe(0);
    expect(one.out.length).toBeGreaterThan(0);
    expect(two.out, argv.join(' ')).toBe(one.out);
  });
});
