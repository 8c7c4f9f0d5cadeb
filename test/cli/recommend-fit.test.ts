// `autopilot-sim recommend` on a terminal of 80, 100 or 120 columns: its ranking and its prose fit (the ranking was 131
// columns wide whatever the terminal, and a reason, a citation or the answer, up to some 600 characters, broke inside
// words at the terminal's edge). Piped, it is drawn as before.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function recommend(file: string, columns: number | undefined): Promise<string[]> {
  const out: string[] = [];
  const code = await run(['recommend', file, '--devices', '200'], { out: (s) => out.push(s), err: () => {}, columns });
  expect(code).toBe(0);
  return plain(out.join('\n')).split('\n');
}

describe('recommend on a terminal', () => {
  for (const columns of [80, 100, 120]) {
    it(`fits ${columns} columns, each sentence folded under its first word`, async () => {
      // Four scenarios ranked (existing devices is out for new devices), each with a long reason; and a fleet with exclusions, citations and a split.
      const ranked = await recommend('fleets/classic-or-device-preparation', columns);
      const kiosks = await recommend('fleets/kiosks-and-vms', columns);
      for (const l of [...ranked, ...kiosks]) expect(l.length, l).toBeLessThanOrEqual(columns);
      // Every ranked scenario is in the table whole (under 100 columns folded at its hyphen).
      for (const scenario of ['device-preparation', 'pre-provisioned', 'self-deploying', 'user-driven']) {
        const [first, rest] = scenario.split('-');
        expect(ranked.some((l) => l.includes(`│ ${scenario} `) || (l.includes(`│ ${first}- `) && ranked[ranked.indexOf(l) + 1]!.includes(`│ ${rest} `))), scenario).toBe(true);
      }
      const why = ranked.findIndex((l) => l.startsWith('  2. pre-provisioned: '));
      expect(ranked[why + 1]).toMatch(/^ {5}\S/);
      const answer = kiosks.findIndex((l) => l.startsWith('Recommendation: Split Retail kiosks and training VMs'));
      expect(kiosks[answer + 1]).toMatch(/^ {2}\S/);
      const quote = kiosks.findIndex((l) => l.startsWith('      "For this reason, virtual machines'));
      expect(kiosks[quote + 1]).toMatch(/^ {7}\S/);
    });
  }

  it('piped, each sentence is one line and the ranking has its top failure column', async () => {
    const ranked = await recommend('fleets/classic-or-device-preparation', undefined);
    expect(ranked.some((l) => /^│ #  │ scenario +│ success │ 95% CI +│ p50 total │ p50 user │ p50 tech │ score +│ top failure +│$/.test(l))).toBe(true);
    // The scenario whole: its column cut 'device-preparation' to 'device-preparat…'.
    expect(ranked.some((l) => l.startsWith('│ 1  │ device-preparation │ 100.0%'))).toBe(true);
    expect(ranked.some((l) => l.startsWith('  2. pre-provisioned: ') && l.endsWith('counted at 0.25).'))).toBe(true);
    const kiosks = await recommend('fleets/kiosks-and-vms', undefined);
    expect(kiosks.some((l) => l.startsWith('Recommendation: Split') && l.endsWith('device-preparation (goals.sharedOrKiosk).'))).toBe(true);
  });
});
