// Where a sweep's success levels off after it falls, the sentence says more of the setting lowers it no further: past 24
// apps under a 60-minute ESP every device times out, and it read 'From 32 on, success stays at 0.0%: more of the setting
// raises it no further', as if more apps had raised it (the architect's tour: sweep fleets/engineering-tight-esp, 'From 16 on').
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('a sweep whose success levels off', () => {
  it('after falling: more of the setting lowers it no further', async () => {
    const r = await cli('sweep', 'user-driven-entra', '--vary', 'apps=16..40:8', '--devices', '200');
    expect(r.code).toBe(0);
    expect(r.out).toContain('From 32 on, success stays at 0.0%: more of the setting lowers it no further.');
    expect(r.out).not.toContain('raises it no further');
  });
});
