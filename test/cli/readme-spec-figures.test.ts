// The README's "Today:" sentence under the capability table gives the traceability matrix's counts as
// `autopilot-sim coverage --spec` prints them. It read 'failure exits 93 of 93' and 'requirements 39 of 39' after the
// matrix had grown to 94 and 40 (f1fa1de and before): a newcomer running the tour saw other figures than the README's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMatrix } from '../../src/spec/check.ts';

describe("the README's traceability figures", () => {
  it('are the ones coverage --spec gives today', () => {
    const report = checkMatrix();
    const k = Object.fromEntries(report.counts.map((c) => [c.kind, c]));
    const inScope = (kind: string) => k[kind]!.total - k[kind]!.outOfScope;
    const today =
      `Today: steps ${k.step!.mapped} of ${inScope('step')}, failure exits ${k.exit!.mapped} of ${inScope('exit')}, ` +
      `codes a run produces ${k.code!.evidenced} of ${inScope('code')}, conditions an environment field expresses ${k.condition!.evidenced} of ${inScope('condition')}, ` +
      `requirements ${k.requirement!.mapped} of ${inScope('requirement')} (the rest out of scope, each with its reason).`;
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(today);
  }, 120_000);
});
