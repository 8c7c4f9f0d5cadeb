// A slip in any fixed-value field is named with the value meant, in a file and from the library alike: 'kind: VM' and
// 'joinType: hybird' listed the values and suggested none, and the library's scenarioOverride('self-deploy') neither,
// where a file's 'scenario: self-deploy' did. One rule (spelling.ts's slipOf, meant's: case, two edits, or the one value
// it begins) for every enum of the schema; a mapping of fixed names (chances:, durations:) names them as fields.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/environment/load.ts';
import { calibrate, loadFleet, scenarioOverride, Session, simulate, InputError } from '../../src/index.ts';
import { cli } from '../helpers/cli.ts';
import { slipOf } from '../../src/environment/spelling.ts';
import { SCENARIOS } from '../../src/environment/schema.ts';

const refused = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('a slip in a fixed-value field', () => {
  it('in a scenario file: hardware.kind, profile.joinType, an app type, a hidden page, a reading', () => {
    expect(refused(() => parseScenario('s.yaml', 'hardware: { kind: VM }\n'))).toContain('s.yaml:1: hardware.kind: expected one of "physical", "vm", got "VM": did you mean "vm"?');
    expect(refused(() => parseScenario('s.yaml', 'profile:\n  joinType: hybird\n'))).toContain('got "hybird": did you mean "hybrid"?');
    expect(refused(() => parseScenario('s.yaml', 'apps:\n  - { name: A, type: win-32 }\n'))).toContain('apps[0].type: expected one of "win32", "msi-lob", "store", "m365", got "win-32": did you mean "win32"?');
    expect(refused(() => parseScenario('s.yaml', 'profile: { hiddenPages: [eual] }\n'))).toContain('got "eual": did you mean "eula"?');
    expect(refused(() => parseScenario('s.yaml', "readings: { deviceCapCode: '801c0003' }\n"))).toContain('got "801c0003": did you mean "801C0003"?');
  });

  it('in a fleet file', () => {
    expect(refused(() => loadFleet('f.yaml', 'devices: 5\nenvironment:\n  hardware: { tpmVendor: intl }\n'))).toContain('got "intl": did you mean "intel"?');
  });

  // scenarioOverride's values are quoted as a file's 'scenario:' lists them (they were bare: 'one of user-driven, …').
  it('from the library: an environment, and scenarioOverride', () => {
    expect(refused(() => simulate({ hardware: { kind: 'VM' } } as never))).toBe('environment: hardware.kind: expected one of "physical", "vm", got "VM": did you mean "vm"?');
    expect(refused(() => scenarioOverride('self-deploy' as never))).toBe('scenario: expected one of "user-driven", "pre-provisioned", "self-deploying", "existing-devices", "reset", "device-preparation", got "self-deploy": did you mean "self-deploying"?');
    expect(refused(() => scenarioOverride('preprovisioned' as never))).toContain('did you mean "pre-provisioned"?');
  });

  it('none suggested where none is close', () => {
    expect(refused(() => simulate({ hardware: { kind: 'virtual' } } as never))).toBe('environment: hardware.kind: expected one of "physical", "vm", got "virtual"');
    expect(refused(() => scenarioOverride('kiosk' as never))).not.toContain('did you mean');
    // Two values begin with 'ent' (enterprise, enterprise-ltsc): neither is guessed.
    expect(refused(() => simulate({ os: { edition: 'ent' } } as never))).not.toContain('did you mean');
  });

  it("a mapping of fixed names: chances' and durations' names", () => {
    expect(refused(() => parseScenario('s.yaml', 'chances:\n  win32MsiClsh: 0.1\n'))).toContain('s.yaml:2: chances.win32MsiClsh: unknown field (did you mean "win32MsiClash"?)');
    expect(refused(() => parseScenario('s.yaml', 'durations:\n  entrajoin: 3\n'))).toContain('durations.entrajoin: unknown field (did you mean "entraJoin"?)');
    expect(refused(() => parseScenario('s.yaml', 'chances:\n  flaky: 0.1\n'))).toContain('chances.flaky: unknown field (expected one of criticalUpdateAvailable, win32MsiClash,');
  });

  it("calibrate's segment, from the library and the command line", async () => {
    const sample = 'calibration/synthetic-autopilot-events.csv';
    const e = await calibrate(sample, { segment: 'user-driven/entr' }).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('options: segment: expected one of the segments in the export (user-driven/entra, user-driven/hybrid, self-deploying/entra), got "user-driven/entr": did you mean "user-driven/entra"?');
    const r = await cli('calibrate', `scenarios/${sample}`, '--segment', 'User-Driven/Hybrid');
    expect(r.code).toBe(2);
    expect(r.err).toContain('got "User-Driven/Hybrid": did you mean "user-driven/hybrid"?');
    // No segment near: none guessed (self-deploying is never hybrid).
    const far = await calibrate(sample, { segment: 'self-deploying/hybrid' }).then(() => null, (x: unknown) => x);
    expect((far as Error).message).not.toContain('did you mean');
  });

  it("a Session's fault, as play --inject names one", () => {
    const session = new Session({ scenario: 'self-deploying' }, 1);
    while (!session.faultsFor(session.current).some((f) => f.id === 'tpm-fails') && session.step());
    expect(refused(() => session.inject('tpm-fail'))).toMatch(/^faultId: expected a fault or choice possible at step \d+ \(.*\): tpm-fails, .*; got "tpm-fail": did you mean "tpm-fails"\?$/);
    expect(refused(() => session.inject('no-such-fault'))).not.toContain('did you mean');
  });
});

// A generated file's enum field of 200,000 letters (test/reliability/bad-input.test.ts) took a third of a second a value to
// compare, and the fleet loader's property test went from 1.5 s to 17.7 s (85 s under load, past its limit): names whose
// lengths differ by more than two are more than two edits apart, and are no longer compared letter by letter.
describe('a very long value in a fixed-value field', () => {
  it('is compared at once, with no suggestion (a million letters took 8 s against the six scenarios)', () => {
    expect(slipOf('x'.repeat(1_000_000), SCENARIOS)).toBe('');
    expect(slipOf('self-deployin', SCENARIOS)).toBe(': did you mean "self-deploying"?');
  }, 4_000);
});
