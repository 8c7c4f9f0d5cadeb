// A value of a field that takes text is kept as it was typed: 'sweep --vary hardware.tpm=2.0,3.0' read the 3.0 as the
// number 3 and answered 'hardware.tpm: expected one of "none", "1.2", "2.0", ..., got 3', naming a value nobody wrote.
// A field of numbers still reads a number, so an out-of-range one is reported as one.
import { describe, expect, it } from 'vitest';
import { parseSweep } from '../../src/index.ts';
import { cli } from '../helpers/cli.ts';

describe('a --vary value as typed', () => {
  it('keeps text for a field that takes text, numbers for a field of numbers', () => {
    expect(parseSweep('hardware.tpm=2.0,3.0').values).toEqual(['2.0', '3.0']);
    expect(parseSweep('hardware.tpm=1.2,2.0').values).toEqual(['1.2', '2.0']);
    expect(parseSweep('esp.timeoutMinutes=0,30').values).toEqual([0, 30]);
  });

  it('names a wrong one as it was typed, with the one meant', async () => {
    const r = await cli('sweep', 'fleets/new-laptops', '--vary', 'hardware.tpm=2.0,3.0', '--devices', '10');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--vary hardware.tpm=3.0: hardware.tpm: expected one of "none", "1.2", "2.0", "2.0-in-1.2-mode", "reduced-functionality", got "3.0": did you mean "2.0"?');
    const n = await cli('sweep', 'fleets/new-laptops', '--vary', 'esp.timeoutMinutes=0,30', '--devices', '10');
    expect(n.code).toBe(2);
    expect(n.err).toContain('esp.timeoutMinutes: expected >= 1, got 0');
  });
});
