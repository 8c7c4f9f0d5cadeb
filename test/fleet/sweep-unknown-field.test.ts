// A sweep over a field that is none: parseSweep('appz=4..24:4') was taken, and only sweepFleet, at its first value, said
// '--vary appz=4: appz: unknown field', a flag a script never passed, with the list it gave cut to one value. parseSweep
// now refuses it as written, with the did-you-mean a file's unknown field gets; fields that are fields still parse.
import { describe, expect, it } from 'vitest';
import { InputError, parseSweep } from '../../src/index.ts';

const refusal = (arg: string) => {
  try {
    parseSweep(arg);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  return null;
};

describe('parseSweep: an unknown field is refused when parsed, named as written', () => {
  it('tells the field meant, at any depth', () => {
    expect(refusal('appz=4..24:4')).toBe('--vary appz=4..24:4: appz: unknown field (did you mean "apps"?)');
    expect(refusal('hardware.tpmm=1.2,2.0')).toBe('--vary hardware.tpmm=1.2,2.0: hardware.tpmm: unknown field (did you mean "tpm"?)');
    expect(refusal('esp.timeoutMinute=30,60')).toBe('--vary esp.timeoutMinute=30,60: esp.timeoutMinute: unknown field (did you mean "timeoutMinutes"?)');
    expect(refusal('durations.oobe=5,10')).toMatch(/^--vary durations\.oobe=5,10: durations\.oobe: unknown field \(expected one of networkDetect, .*oobePages/);
  });

  it('takes every field that is one, a fixed name of chances and durations included', () => {
    for (const arg of ['esp.timeoutMinutes=30,60', 'apps=0..3', 'people.onError=retry,give-up', 'chances.win32MsiClash=0,0.5', 'durations.oobePages=5,10', 'hybrid.connector.present=true,false', 'rollout.windowHours=0,24', 'sites.HQ.bandwidthMbps=10,100']) {
      expect(refusal(arg), arg).toBeNull();
    }
  });
});
