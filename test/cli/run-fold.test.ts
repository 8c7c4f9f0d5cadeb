// `autopilot-sim run` on a terminal: its sentences (warnings, the unattended note, the phases, findings, how to follow a
// failure) fold at spaces to the terminal's width under their first word, as simulate's do; the terminal broke them
// inside words at its edge (a saturation warning is some 300 characters). Piped, each stays one line.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function fleetRun(columns: number | undefined, fleet = 'fleets/branch-rollout'): Promise<string[]> {
  // The tables and the hour-by-hour lines take the terminal's width from the environment, as on a terminal of that width.
  const saved = process.env.COLUMNS;
  process.env.COLUMNS = String(columns ?? 100);
  const out: string[] = [];
  const code = await run(['run', fleet, '--devices', '200'], { out: (s) => out.push(s), err: () => {}, columns }).finally(() => {
    if (saved === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved;
  });
  expect(code).toBe(0);
  return plain(out.join('\n')).split('\n');
}

describe('run on a terminal', () => {
  it('folds its sentences to 80 columns, each continuation under the first word; piped, a warning is one line', async () => {
    const folded = await fleetRun(80);
        for (const l of folded) expect(l.length, l).toBeLessThanOrEqual(80);
    const warning = folded.findIndex((l) => l.startsWith("⚠ Branch C's link is saturated"));
    expect(warning).toBeGreaterThan(0);
    expect(folded[warning + 1]).toMatch(/^ {2}\S/);
    const piped = await fleetRun(undefined);
    expect(piped.some((l) => l.startsWith("⚠ Branch C's link is saturated") && l.length > 200)).toBe(true);
  });
});

describe('run’s tables on an 80-column terminal', () => {
  // The shared-resource table gave a resource's name 8 columns ('Intune Connect…') and the failure table a code 10
  // ('VPN_ UNSUPPORT…': a code breaks only at its underscores). Names and codes read whole.
  it('cut no name nor code', async () => {
    const folded = await fleetRun(80);
    for (const l of folded) {
      expect(l.length, l).toBeLessThanOrEqual(80);
      expect(l, l).not.toContain('…');
    }
    const table = folded.join('\n');
    expect(table).toMatch(/│ Intune +│/);
    expect(table).toMatch(/│ Connector for +│/);
    expect(table).toMatch(/│ UNSUPPORTED +│/);
  });

  // The failure table's cause had 17 columns beside a wide code ('line-of-busine…'), a site's or group's top failure 13
  // ('preparatio…'): the phase now goes before the cause in its cell, and the top failures follow the slices' table.
  it('cut no word of a cause, in any bundled fleet', async () => {
    for (const fleet of ['fleets/classic-or-device-preparation', 'fleets/kiosks-and-vms', 'fleets/new-laptops']) {
      const folded = await fleetRun(80, fleet);
      for (const l of folded) {
        expect(l.length, `${fleet}: ${l}`).toBeLessThanOrEqual(80);
        expect(l, `${fleet}: ${l}`).not.toContain('…');
      }
    }
    const kiosks = (await fleetRun(80, 'fleets/kiosks-and-vms')).join('\n');
    expect(kiosks).toMatch(/│ 0x800705B4 │ ESP: device preparation: a +│/);
    expect(kiosks).toMatch(/^Top failure by group:\n {2}Shop-floor kiosks: 0x81039001 in ESP: device preparation:/m);
  });
});
