// What a consumer of the packed library met calling every export with what it should not be given: each is an
// InputError naming the argument (these two answered as if nothing were wrong).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import * as lib from '../src/index.ts';
import { environmentOf, InputError, loadFleet, lookup, parseScenario } from '../src/index.ts';

describe('the library refuses what is not its argument', () => {
  it("environmentOf of what parseScenario did not give is an InputError (it gave it back, typed as an environment with every section)", () => {
    for (const given of [{}, { scenario: 'reset' }]) {
      const call = () => environmentOf(given as never);
      expect(call).toThrow(InputError);
      expect(call).toThrow(/^environmentOf: expected a scenario file parseScenario gave, got one without \w+/);
    }
    expect(() => environmentOf(null as never)).toThrow(/^environmentOf: expected a scenario file parseScenario gave, got null$/);
    expect(environmentOf(parseScenario('x.yaml', 'name: x\nscenario: reset\n')).scenario).toBe('reset');
  });

  it('lookup of anything but text is an InputError (undefined and an object found nothing, as an unknown code does)', () => {
    for (const [given, shown] of [[undefined, 'undefined'], [{}, '{}'], [null, 'null']] as const) {
      const call = () => lookup(given as never);
      expect(call).toThrow(InputError);
      expect(call).toThrow(`code: expected a code as Microsoft writes it, text such as '0x800705B4', or a name such as 'ESP_TIMEOUT', got ${shown}`);
    }
    expect(lookup('0x800705B4')?.code).toBe('0x800705B4');
    expect(lookup('no such code')).toBeUndefined();
  });

  it("an option that is NaN or Infinity is named so, as a field of an environment is (a script's Number('') or 1 / 0 read 'got null': JSON's word for them)", async () => {
    const calls: Array<[() => unknown, string]> = [
      [() => lib.runFleet({}, { devices: Number('lots') }), 'options: devices: expected a whole number from 1 to 100000000, got NaN (not a number)'],
      [() => lib.runFleet({}, { workers: Infinity }), 'options: workers: expected a whole number from 1 to 64, got Infinity (a number too large to represent)'],
      [() => lib.simulate({}, { seed: NaN }), 'options: seed: expected a whole number from 0 to 4294967295, got NaN (not a number)'],
      [() => lib.replayFleetDevice({}, -Infinity), "index: expected a device's index, a whole number from 0 (a failure mode's exampleDevice), got -Infinity (a number too large to represent)"],
      [() => new lib.Session({}, 1).seek(NaN), 'index: expected a step of the run, a whole number from 0 to 22, got NaN (not a number)'],
      [() => lib.simulate({ esp: { timeoutMinutes: NaN } }), 'environment: esp.timeoutMinutes: expected number, got NaN (not a number)'],
      [() => lib.simulate({ esp: { timeoutMinutes: -Infinity } }), 'environment: esp.timeoutMinutes: expected number, got -Infinity (a number too large to represent)'],
    ];
    for (const [call, message] of calls) {
      const e: unknown = await (async () => call())().then(() => null, (error: unknown) => error);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toBe(message);
    }
  });

  it("a Session's cursor is read-only to a script, which moves it with seek (that refuses a step the run lacks); `session.cursor = 99` type-checked and made `current` undefined", () => {
    const session = new lib.Session({}, 1);
    const assign = (s: lib.Session): void => {
      // @ts-expect-error read-only: tsc (npm test's type check) fails here on the old writable `cursor`
      s.cursor = 99;
    };
    expect(assign).toBeTypeOf('function');
    expect(() => session.seek(99)).toThrow(/^index: expected a step of the run, a whole number from 0 to 22, got 99$/);
    session.seek(3);
    expect([session.cursor, session.current.step]).toEqual([3, 3]);
  });

  it("an outcome's phaseMinutes is keyed by the phases a run emits, each absent where the device never went (it was a Record<string, number>: a phase not reached typed number and read undefined, a misspelt one type-checked)", () => {
    const { outcome } = lib.simulate({ scenario: 'user-driven' }, { seed: 1 });
    const hybrid: number | undefined = outcome.phaseMinutes.hybridJoin;
    expect(hybrid).toBeUndefined();
    const misspelt = (o: lib.Outcome): unknown =>
      // @ts-expect-error no phase deviceJoinn: tsc (npm test's type check) fails here on the old Record<string, number>
      o.phaseMinutes.deviceJoinn;
    expect(misspelt(outcome)).toBeUndefined();
    const phases: Array<NonNullable<lib.TraceEntry['phase']>> = ['oobe', 'identity', 'devicePreparation', 'deviceSetup', 'accountSetup'];
    expect(Object.keys(outcome.phaseMinutes).sort()).toEqual([...phases].sort());
    expect(phases.every((p) => (outcome.phaseMinutes[p] ?? 0) > 0)).toBe(true);
  });

  it("an InputError holds the file's other problems in `others`, as docs/library.md says", () => {
    const text = 'scenario: user-driven\nsites:\n  - { name: A, share: 1 }\n  - { name: A, share: 1 }\ngroups:\n  - { name: g, count: 2, technicianSite: Nowhere }\n';
    const e = (() => {
      try {
        loadFleet('f.yaml', text);
      } catch (error) {
        return error;
      }
    })() as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect([e.field, e.line]).toEqual(['sites[1].name', 4]);
    expect(e.others.map((o) => [o.field, o.line, o instanceof InputError])).toEqual([['groups[0].technicianSite', 6, true]]);
  });

  it("every argument an InputError names as its file is one docs/library.md lists (eight it named were not listed: loadFleet, parseScenario, environmentOf, parseSweep, a sweep's --vary text, spec, code and scenario)", async () => {
    const docs = readFileSync(new URL('../docs/library.md', import.meta.url), 'utf8');
    const listed = /with `file` \(the file, or the argument: ([^)]*)\)/.exec(docs)?.[1] ?? '';
    const names = [...listed.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const calls: Array<() => unknown> = [
      () => lib.loadFleet(5 as never), () => lib.runFleet(null as never), () => lib.runFleet({}, { devices: 0 }), () => lib.simulate('x' as never),
      () => lib.parseScenario(undefined as never, ''), () => lib.environmentOf(null as never), () => lib.parseSweep('apps'), () => lib.parseSweep(5 as never),
      () => lib.sweepFleet({}, 'apps=1' as never), () => lib.compareFleets(null as never, null as never), () => lib.replayFleetDevice({ devices: 2 }, 5),
      () => lib.calibrate(undefined as never), () => lib.calibrate([{ foo: 1 }]), () => new lib.Session({}, 1).inject('x'), () => lib.Session.fromFile({}),
      () => lib.lookup(5 as never), () => lib.scenarioOverride('x' as never), () => lib.runLive({}, { sed: 1 } as never),
    ];
    const files = new Set<string>();
    for (const call of calls) {
      const e: unknown = await (async () => call())().then(() => null, (error: unknown) => error);
      expect(e).toBeInstanceOf(InputError);
      files.add((e as InputError).file.replace(/^--vary .*/, '--vary apps'));
    }
    expect([...files].filter((f) => !names.includes(f))).toEqual([]);
  });
});

describe('what a script switches on and iterates', () => {
  it("every InputError has Node's stable string code, 'ERR_AUTOPILOT_SIM_INPUT', beside file, field, expected and line (it had no code: a caller could tell one only by instanceof)", async () => {
    const { runFleet, calibrate, parseSweep } = lib;
    const caught: unknown[] = [];
    const calls: Array<() => unknown> = [
      () => loadFleet('no/such/fleet.yaml'),
      () => loadFleet('x.yaml', 'name: x\nscenario: user-driven\nesp: { timeoutMinutes: "soon" }\n'),
      () => parseSweep('apps=a,b'),
      () => lookup(42 as never),
      () => runFleet({ scenario: 'user-driven' }, { workers: 0 }),
      () => calibrate([]),
    ];
    for (const call of calls) {
      caught.push(await Promise.resolve().then(call).then(() => null, (e: unknown) => e));
    }
    for (const e of caught) {
      expect(e).toBeInstanceOf(InputError);
      const error = e as InputError;
      // Typed as the literal, so a switch over codes narrows (`tsc` fails here on a class without it).
      const code: 'ERR_AUTOPILOT_SIM_INPUT' = error.code;
      expect(code).toBe('ERR_AUTOPILOT_SIM_INPUT');
      expect(Object.keys(error)).toEqual(expect.arrayContaining(['code', 'file', 'field', 'expected']));
    }
    const inFile = caught[1] as InputError;
    expect([inFile.file, inFile.field, inFile.line]).toEqual(['x.yaml', 'esp.timeoutMinutes', 3]);
    expect(inFile.message).toBe(`x.yaml:3: esp.timeoutMinutes: ${inFile.expected}`);
  });

  it("parseSweep's values are typed as what it reads, numbers, text or true/false, and so are sweepFleet's rows' values (both were unknown: `values.map((v) => v * 2)` did not type-check)", async () => {
    const apps = lib.parseSweep('apps=4..8:4');
    // Each a number, text or boolean to TypeScript (`tsc` fails here on the old `unknown[]`).
    const values: Array<number | string | boolean> = apps.values;
    expect(values).toEqual([4, 8]);
    const mixed: lib.SweepValue[] = lib.parseSweep('hardware.tpm=1.2,2.0').values;
    expect(mixed.map((v) => typeof v)).toEqual(['string', 'string']);
    expect(lib.parseSweep('hybrid.dcLineOfSight=true,false').values).toEqual([true, false]);
    const { result } = await lib.sweepFleet({ scenario: 'user-driven' }, apps, { devices: 20 });
    const rowValue: lib.SweepValue = result.rows[0]!.value;
    expect(rowValue).toBe(4);
  });

  it("an outcome's failedPhase is typed as the phases a run emits, so a consumer's switch over it is exhaustive (it was any string: e253081's new deviceJoin, where a self-deploying device with the device ESP not shown now fails instead of identity, broke no consumer's switch at compile time)", () => {
    // `tsc` fails here on the old `failedPhase: string | null` (a string is not never), and whenever a phase is added.
    const kind = (phase: lib.Outcome['failedPhase']): string => {
      switch (phase) {
        case null: return 'none';
        case 'oobe': case 'qualityUpdates': return 'oobe';
        case 'identity': case 'entraSignIn': case 'windowsLogon': return 'user';
        case 'deviceJoin': case 'hybridJoin': case 'cloudPc': return 'join';
        case 'devicePreparation': case 'deviceSetup': case 'accountSetup': case 'technicianFlow': case 'kiosk': return 'esp';
        case 'policyInstallation': case 'appsInstallation': case 'scriptsInstallation': return 'device preparation';
        case 'checkIn': case 'reset': case 'taskSequence': case 'handover': case 'shipping': return 'other';
        default: {
          const unknown: never = phase;
          throw new Error(`a failedPhase the type does not list: ${String(unknown)}`);
        }
      }
    };
    const vm = lib.simulate({ scenario: 'self-deploying', hardware: { kind: 'vm' }, esp: { enabled: false } }, { seed: 1 });
    expect([vm.outcome.status, vm.outcome.failedPhase, kind(vm.outcome.failedPhase)]).toEqual(['failed', 'deviceJoin', 'join']);
    // Every failedPhase a bundled failure emits is one the type lists (the switch throws on any other).
    const dir = new URL('../scenarios/failures/', import.meta.url);
    const seen = new Set<string>();
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const file = parseScenario(name, readFileSync(new URL(name, dir), 'utf8'));
      seen.add(kind(lib.simulate(environmentOf(file), { seed: 1 }).outcome.failedPhase));
    }
    expect(seen.has('join') && seen.has('esp') && seen.has('none')).toBe(true);
  });
});
