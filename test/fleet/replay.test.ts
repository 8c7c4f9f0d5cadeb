// A device replayed from a fleet (src/fleet/replay.ts) ends exactly as the fleet run counted it: the same
// status, code, phase and minutes as its CSV row, on a fleet whose devices share links and the connector (two
// passes) and on one whose devices are independent; and each failure mode's example device fails that way.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { CSV_HEADER, loadFleet, runFleet } from '../../src/fleet/index.ts';
import { replayDevice } from '../../src/fleet/replay.ts';
import { roundMinutes } from '../../src/format.ts';
import { fileURLToPath } from 'node:url';

const bundled = (name: string) => loadFleet(fileURLToPath(new URL(`../../scenarios/fleets/${name}.yaml`, import.meta.url)));

/** Each device's CSV row as a record, by device index. */
async function rowsOf(name: string, devices?: number): Promise<Array<Record<string, string>>> {
  const rows: string[] = [];
  await runFleet(bundled(name), { ...(devices ? { devices } : {}), onRows: (r) => rows.push(...r) });
  return parse(`${CSV_HEADER}\n${rows.join('\n')}\n`, { columns: true }) as Array<Record<string, string>>;
}

describe('replaying a fleet device', () => {
  for (const [name, devices] of [['branch-rollout', 300], ['kiosks-and-vms', undefined]] as const) {
    it(`${name}: a replayed device ends as its CSV row says`, async () => {
      const rows = await rowsOf(name, devices);
      const fleet = bundled(name);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: rows.length - 1 }), async (index) => {
          const d = await replayDevice(fleet, index, devices ? { devices } : {});
          const row = rows[index]!;
          expect(d.outcome.status).toBe(row.status);
          expect(d.outcome.errorCode ?? '').toBe(row.errorCode);
          expect(d.outcome.failedPhase ?? '').toBe(row.failedPhase);
          expect(String(roundMinutes(d.outcome.totalMinutes))).toBe(row.totalMinutes);
          expect(String(roundMinutes(d.outcome.elapsedMinutes))).toBe(row.elapsedMinutes);
          expect(d.group).toBe(row.group);
          expect(d.site).toBe(row.site);
        }),
        { numRuns: 12 },
      );
    });
  }

  it("each failure mode's example is the first device that failed that way, and replaying it shows that failure", async () => {
    const report = await runFleet(bundled('branch-rollout'), { devices: 300 });
    const rows = await rowsOf('branch-rollout', 300);
    expect(report.failures.length).toBeGreaterThan(1);
    for (const f of report.failures) {
      const first = rows.findIndex((r) => r.status !== 'succeeded' && (r.errorCode || r.status) === f.code && r.failedPhase === f.phase);
      expect(f.exampleDevice, f.id).toBeGreaterThanOrEqual(first);
      const d = await replayDevice(bundled('branch-rollout'), f.exampleDevice, { devices: 300 });
      expect(d.outcome.errorCode ?? d.outcome.status, f.id).toBe(f.code);
      expect(d.outcome.failedPhase ?? 'oobe', f.id).toBe(f.phase);
    }
  });

  it('a device outside the fleet is a clear error', async () => {
    await expect(replayDevice(bundled('kiosks-and-vms'), 100_000)).rejects.toThrow(/the fleet has \d+ devices, 0 to \d+: there is no device 100000/);
  });
});

describe('a replayed device says where its minutes went', () => {
  it("the README's device 5 of branch-rollout: its first app's download queued on Branch C's link, and the ESP timer ran out while the next one's did", async () => {
    const d = await replayDevice(bundled('branch-rollout'), 5);
    const first = d.trace.find((e) => e.event === 'app.installed')!;
    expect(first.detail).toMatch(/^Microsoft 365 Apps \(its download queued [\d.]+ min behind the other devices on Branch C's link\)$/);
    const last = d.trace.find((e) => e.source === 'timer')!;
    // The timer cut the wait short: said as far as it got (it read 'queued 31.6 min' after a step of 3.5).
    expect(last.cause).toMatch(/^the ESP timer ran out while Company Portal was still installing; its download had queued ([\d.]+) of the ([\d.]+) min it was to wait behind the other devices on Branch C's link$/);
  });
  it('every queue a step names took no longer than the step itself, and a device at an unsaturated site names none', async () => {
    const fleet = bundled('branch-rollout');
    for (const index of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const d = await replayDevice(fleet, index);
      d.trace.forEach((e, i) => {
        const named = /queued ([\d.]+)(?: of the [\d.]+)? min/.exec(`${e.detail ?? ''} ${e.cause ?? ''}`);
        if (named) expect(Number(named[1])).toBeLessThanOrEqual((e.at - d.trace[i - 1]!.at) / 60_000 + 0.05);
      });
      if (d.site === 'Head office') expect(d.trace.some((e) => /queued/.test(`${e.detail ?? ''} ${e.cause ?? ''}`))).toBe(false);
    }
  });
});
