// Small wording in the reports: an interval that is one value, a count of one environment, a fact and its share.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { minutesInterval, pointsInterval } from '../../src/format.ts';
import { fleetFactsLine } from '../../src/recommend/prose.ts';
import type { FleetFacts } from '../../src/recommend/measure.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function output(args: string[]): Promise<string> {
  const out: string[] = [];
  await run(args, { out: (s) => out.push(s), err: () => {} });
  return plain(out.join('\n'));
}

describe('wording', () => {
  it('an interval of a difference that is one value reads as that value: compare of two identical runs said "±0.0 to ±0.0 pts"', async () => {
    expect(pointsInterval([0, 0])).toBe('±0.0 pts');
    expect(minutesInterval([0, 0])).toBe('±0.0 min');
    expect(pointsInterval([-0.012, 0.034])).toBe('−1.2 to +3.4 pts');
    expect(minutesInterval([-1, 2])).toBe('−1.0 to +2.0 min');
    const same = await output(['compare', 'fleets/new-laptops', 'fleets/new-laptops', '--devices', '50']);
    expect(same).toMatch(/│ success rate +│ 100\.0% +│ 100\.0% +│ ±0\.0 pts +│ ±0\.0 pts +│/);
    expect(same).not.toMatch(/ to ±0\.0/);
  });

  it('capabilities --explain counts one generated environment as one ("1 generated environments")', async () => {
    const reasons = await output(['capabilities', '--explain', '--runs', '5']);
    expect(reasons).toMatch(/\b1 generated environment succeeded on a device that is not registered/);
    expect(reasons).not.toMatch(/\b1 generated environments/);
    for (const [, n] of reasons.matchAll(/\b(\d+) generated environments\b/g)) expect(Number(n)).toBeGreaterThan(1);
  });

  it("recommend's fleet line puts a colon between a fact and its share ('no TPM 2.0 2.3%' ran them together)", () => {
    const facts: FleetFacts = { sampled: 300, scenarios: {}, vm: 0.13, tpmBelow20: 0.023, hybrid: 0, hybridUnreachable: 0, unregistered: 0, osCorrupted: 0, noConfigMgr: 0, assignedUser: 0, kioskProfile: 0 };
    expect(fleetFactsLine(facts)).toBe('Fleet (300 devices sampled across groups and sites): VMs: 13.0% · no TPM 2.0: 2.3%');
    expect(fleetFactsLine({ ...facts, vm: 0, tpmBelow20: 0 })).toBe('Fleet (300 devices sampled across groups and sites): physical, TPM 2.0, Entra join, registered');
  });
});
