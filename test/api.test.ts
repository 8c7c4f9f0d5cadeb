// The library API, imported by the package's own name, as a script would.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultEnvironment, InputError, runFleet, simulate, Session, MICROSOFT } from 'autopilot-sim';
import { tempDir } from './helpers/temp.ts';

/**
 * The built library, for a script run in a process of its own: the node tests' global set-up builds dist/ from the
 * current source (test/helpers/build-cli.ts). Node starts it in 0.7 s; the source through `--import tsx` took 3.0 s.
 */
const BUILT_LIBRARY = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe("import { runFleet } from 'autopilot-sim'", () => {
  it('runs a fleet and a device', async () => {
    const report = await runFleet({ devices: 200, environment: { hardware: { kind: 'vm' } }, scenario: 'self-deploying' });
    expect(report.devices).toBe(200);
    expect(report.failures[0]?.code).toBe('0x800705B4');
    const { outcome } = simulate(defaultEnvironment({}), { seed: 2 });
    expect(outcome.status).toBe('succeeded');
    expect(new Session({ scenario: 'reset' }, 1).trace.length).toBeGreaterThan(3);
    expect(MICROSOFT['TPM authenticates']['self-deploying']).toBe('Yes');
  });

  it('simulate takes an environment as written, parsed as defaultEnvironment parses it (it threw a TypeError from deep in the world)', () => {
    const { outcome } = simulate({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, { seed: 1 });
    expect(outcome.errorCode).toBe('0x800705B4');
    expect(simulate({ scenario: 'reset' }, { seed: 3 })).toEqual(simulate(defaultEnvironment({ scenario: 'reset' }), { seed: 3 }));
    expect(() => simulate({ hardware: { kind: 'vmm' as never } })).toThrow(InputError);
  });

  it('simulate checks its options: a seed that is not a whole number, or a misspelt option, is an InputError (they ran)', () => {
    for (const [options, message] of [
      [{ seed: 'x' }, /^options: seed: expected a whole number from 0 to 4294967295, got "x"/],
      [{ seed: -1 }, /^options: seed: expected a whole number from 0 to 4294967295, got -1/],
      [{ sed: 3 }, /^options: sed: unknown option \(did you mean "seed"\?\)$/],
      [{ maxMinutes: 0 }, /^options: maxMinutes: expected minutes above 0, got 0/],
    ] as const) {
      expect(() => simulate({}, options as never), JSON.stringify(options)).toThrow(InputError);
      expect(() => simulate({}, options as never)).toThrow(message);
    }
    expect(simulate({}, { seed: 4, trace: false }).outcome.seed).toBe(4);
  });

  it('a malformed --vary is an InputError naming it, as an unknown site is (parseSweep threw a plain Error for a malformed one)', async () => {
    const { parseSweep, sweepFleet } = await import('autopilot-sim');
    for (const [arg, expected] of [
      ['apps', /^--vary apps: expected <field>=<values>/],
      ['apps=24..4', /^--vary apps=24\.\.4: expected a range from\.\.to with from ≤ to/],
      ['apps=1.5', /^--vary apps=1\.5: expected app counts, whole numbers from 0 to 500, got 1\.5$/],
      // A range cut short was one value, the text: 'expected app counts from 0 to 500', 'expected number, got "30.."'.
      ['apps=4..', /^--vary apps=4\.\.: expected a range such as 4\.\.24, 4\.\.24:4 or 120\.\.3840:x2 \(from\.\.to, a step or a factor\), got "4\.\."$/],
      ['esp.timeoutMinutes=30..90:', /^--vary esp\.timeoutMinutes=30\.\.90:: expected a range such as .*, got "30\.\.90:"$/],
      ['share(hardware.kind=vm)=0,2', /^--vary share\(hardware\.kind=vm\)=0,2: expected shares between 0 and 1/],
      ['share(hardware.kind=vm)=0.5..0.1', /^--vary share\(hardware\.kind=vm\)=0\.5\.\.0\.1: expected a range/],
      ['esp timeout=30', /^--vary esp timeout=30: expected a field path/],
    ] as const) {
      let error: unknown;
      try {
        parseSweep(arg);
      } catch (e) {
        error = e;
      }
      expect(error, arg).toBeInstanceOf(InputError);
      expect((error as Error).message, arg).toMatch(expected);
    }
    await expect(sweepFleet({ devices: 10 }, parseSweep('sites.Nowhere.bandwidthMbps=1,2'))).rejects.toThrow(InputError);
  });

  it('a wrong environment option, or a misspelt option, is an InputError naming it (a ZodError\'s JSON, or a run with the default)', async () => {
    const { compareFleets, replayFleetDevice, sweepFleet, parseSweep } = await import('autopilot-sim');
    const fleet = { devices: 20 };
    const caught = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (e) {
        return e;
      }
      return null;
    };
    for (const [run, message] of [
      [() => runFleet(fleet, { environment: { esp: { timeoutMinutes: 'x' as never } } }), /^options: environment\.esp\.timeoutMinutes: expected number, got "x"/],
      [() => runFleet(fleet, { environment: { esp: { timeoutMinuts: 30 } as never } }), /^options: environment\.esp\.timeoutMinuts: unknown field \(did you mean "timeoutMinutes"\?\)/],
      [() => runFleet(fleet, { device: 5 } as never), /^options: device: unknown option \(did you mean "devices"\?\)$/],
      [() => replayFleetDevice(fleet, 0, { environment: { hardware: { kind: 'virtual' as never } } }), /^options: environment\.hardware\.kind: expected one of "physical", "vm", got "virtual"/],
      [() => sweepFleet(fleet, parseSweep('apps=1,2'), { seeds: 3 } as never), /^options: seeds: unknown option \(did you mean "seed"\?\)$/],
      [() => compareFleets({ label: 'a', fleet }, { label: 'b', fleet, environment: { esp: { timeoutMinutes: -1 } } }), /^b: environment\.esp\.timeoutMinutes: expected >= 1, got -1/],
    ] as const) {
      const e = await caught(run);
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(message);
    }
  });

  it('gives the same fleet report as the command line', async () => {
    const { run } = await import('../src/cli/program.ts');
    const out: string[] = [];
    await run(['run', 'self-deploying', '--devices', '300', '--json'], { out: (s) => out.push(s), err: () => {} });
    const { loadFleet } = await import('autopilot-sim');
    const viaApi = await runFleet(loadFleet(fileURLToPath(new URL('../scenarios/self-deploying.yaml', import.meta.url))), { devices: 300 });
    expect(JSON.parse(out.join(''))).toEqual(JSON.parse(JSON.stringify(viaApi)));
  });

  it('calibrates a tenant as the command line does, and the twin runs (calibrate was reachable only through src/, which is not packed)', async () => {
    const { calibrate, loadFleet } = await import('autopilot-sim');
    const { run } = await import('../src/cli/program.ts');
    const sample = fileURLToPath(new URL('../scenarios/calibration/synthetic-autopilot-events.csv', import.meta.url));
    const out: string[] = [];
    await run(['calibrate', sample, '--json', '--segment', 'user-driven/entra'], { out: (s) => out.push(s), err: () => {} });
    const { twin, report } = await calibrate(sample, { segment: 'user-driven/entra' });
    expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(out.join('')));
    expect(report.usable).toBeGreaterThan(400);
    const fleetReport = await runFleet(loadFleet('twin.yaml', twin), { devices: 200 });
    expect(fleetReport.devices).toBe(200);
    expect(fleetReport.successRate).toBeGreaterThan(0.8);
  });

  it('keeps one deployment profile\'s deployments as calibrate --deployment-profile does, and names a profile no deployment gives in the same words (the option was the command\'s alone)', async () => {
    const { calibrate } = await import('autopilot-sim');
    const { run } = await import('../src/cli/program.ts');
    const sample = fileURLToPath(new URL('../scenarios/calibration/synthetic-autopilot-events.csv', import.meta.url));
    const out: string[] = [];
    await run(['calibrate', sample, '--json', '--deployment-profile', 'synthetic user-driven/hybrid PROFILE'], { out: (s) => out.push(s), err: () => {} });
    const { report } = await calibrate(sample, { deploymentProfile: 'synthetic user-driven/hybrid PROFILE' });
    expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(out.join('')));
    expect(report.segments.map((s) => s.segment)).toEqual(['user-driven/hybrid']);
    const err: string[] = [];
    expect(await run(['calibrate', sample, '--deployment-profile', 'Synthetic kiosks'], { out: () => {}, err: (s) => err.push(s) })).toBe(2);
    const e = await calibrate(sample, { deploymentProfile: 'Synthetic kiosks' }).then(() => null, (e: unknown) => e);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe(`options: deploymentProfile: ${err.join('').trim().replace(/^(?:autopilot-sim: )?--deployment-profile: /, '')}`);
    expect((e as Error).message).toMatch(/^options: deploymentProfile: expected the name of a deployment profile the deployments name .*got "Synthetic kiosks", which none of them names; they name 3: "Synthetic user-driven\/entra profile" \(\d+\)/);
    await expect(calibrate(sample, { deploymentProfile: 3 as never })).rejects.toThrow(/^options: deploymentProfile: expected the name of a deployment profile, such as "Corp Laptops", got 3$/);
  });

  it('recommends as the command line does, from a plain object too', async () => {
    const { recommend } = await import('autopilot-sim');
    const { run } = await import('../src/cli/program.ts');
    const out: string[] = [];
    await run(['recommend', 'fleets/branch-rollout', '--devices', '300', '--json'], { out: (s) => out.push(s), err: () => {} });
    const { loadFleet } = await import('autopilot-sim');
    const viaApi = await recommend(loadFleet(fileURLToPath(new URL('../scenarios/fleets/branch-rollout.yaml', import.meta.url))), { devices: 300 });
    expect(JSON.parse(JSON.stringify(viaApi))).toEqual(JSON.parse(out.join('')));
    const plain = await recommend({ devices: 100, environment: { hardware: { kind: 'vm' } } });
    expect(plain.exclusions.map((e) => e.scenario)).toContain('self-deploying');
  });

  it('calibrate and recommend name a wrong option, a missing file and an export with nothing to fit', async () => {
    const { calibrate, recommend } = await import('autopilot-sim');
    const sample = fileURLToPath(new URL('../scenarios/calibration/synthetic-autopilot-events.csv', import.meta.url));
    for (const [call, message] of [
      [() => calibrate(sample, { deviceAps: 5 } as never), /^options: deviceAps: unknown option \(did you mean "deviceApps"\?\)$/],
      [() => calibrate(sample, { espTimeoutMinutes: 0 }), /^options: espTimeoutMinutes: expected a whole number from 1 to 10000, got 0/],
      [() => calibrate(sample, { segment: 'self-deploying/hybrid' }), /^options: segment: expected one of the segments in the export \(user-driven\/entra/],
      [() => calibrate('/nowhere/events.csv'), /^\/nowhere\/events\.csv: file not found/],
      [() => calibrate([]), /^files: expected one or more export files, or the events themselves .*, got \[\]$/],
      [() => recommend({ devices: 10 }, { device: 5 } as never), /^options: device: unknown option \(did you mean "devices"\?\)$/],
      [() => recommend({ devices: 10 }, { threshold: 2 }), /^options: threshold: expected a share above 0 and at most 1, got 2/],
      [() => recommend({ devise: 10 } as never), /devise/],
    ] as const) {
      const e = await call().then(() => null, (e: unknown) => e);
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(message);
    }
  });
  it('a fleet, a comparison side, a sweep or a device index that is not one is an InputError naming it (runFleet(null) ran the default fleet; compareFleets(fleetA, fleetB) compared two default fleets; the others were TypeErrors and RangeErrors)', async () => {
    const { compareFleets, loadFleet, parseSweep, replayFleetDevice, sweepFleet } = await import('autopilot-sim');
    const fleet = loadFleet(fileURLToPath(new URL('../scenarios/fleets/new-laptops.yaml', import.meta.url)));
    for (const [call, message] of [
      [() => runFleet(null as never), /^fleet: expected a fleet: one loadFleet gave, or an object such as \{ scenario: 'user-driven', devices: 1000 \}, got null$/],
      [() => runFleet(undefined as never), /^fleet: expected a fleet: .*, got undefined$/],
      [() => runFleet('fleets/branch-rollout' as never), /^fleet: expected a fleet: .*, got "fleets\/branch-rollout" \(loadFleet\("fleets\/branch-rollout"\) reads a file\)$/],
      [() => compareFleets(fleet as never, fleet as never), /^a: expected a side of the comparison such as \{ label: 'before', fleet \} .*, got a fleet itself$/],
      [() => compareFleets({ label: 'a', fleet }, { fleet } as never), /^b: label: expected text naming the run, such as "after", got undefined$/],
      [() => compareFleets({ label: 'a', fleet, seed: 3 } as never, { label: 'b', fleet }), /^a: seed: unknown field \(expected one of label, fleet, environment, override\)$/],
      [() => compareFleets({ label: 'a', fleet }, { label: 'b', fleet }, { environment: { esp: { timeoutMinutes: 30 } } } as never), /^options: environment: expected on a side, \{ label, fleet, environment \}/],
      [() => sweepFleet(fleet, null as never), /^spec: expected a sweep parseSweep gave, such as parseSweep\('apps=4\.\.24:4'\), got null$/],
      [() => sweepFleet(fleet, 'apps=4,8' as never), /^spec: .*, got "apps=4,8" \(parseSweep\("apps=4,8"\) reads it\)$/],
      [async () => parseSweep(42 as never), /^parseSweep: expected text such as "esp\.timeoutMinutes=30,60,90" or "apps=4\.\.24:4", got 42$/],
      [() => replayFleetDevice(fleet, 'first' as never), /^index: expected a device's index, a whole number from 0 .*, got "first"$/],
      [() => replayFleetDevice(fleet, 10, { devices: 10 }), /^index: expected a device of the fleet: the fleet has 10 devices, 0 to 9: there is no device 10$/],
    ] as const) {
      const e = await call().then(() => null, (e: unknown) => e);
      expect(e, String(message)).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(message);
    }
  });

  it("a wrong field of a comparison side's fleet, environment or override names the side ('fleet: scenaro' said neither which side; an environment's was 'options: a.environment', an option the call does not take)", async () => {
    const { compareFleets } = await import('autopilot-sim');
    const fleet = { scenario: 'user-driven' as const };
    for (const [call, field, message] of [
      [() => compareFleets({ label: 'a', fleet: { scenaro: 'reset' } as never }, { label: 'b', fleet }), ['a', 'fleet.scenaro'], /^a: fleet\.scenaro: unknown field \(did you mean "scenario"\?\)$/],
      [() => compareFleets({ label: 'a', fleet }, { label: 'b', fleet: { groups: [{ name: 'g', count: '3' }] } as never }), ['b', 'fleet.groups[0].count'], /^b: fleet\.groups\[0\]\.count: expected number, got "3"/],
      [() => compareFleets({ label: 'a', fleet, environment: { espp: {} } as never }, { label: 'b', fleet }), ['a', 'environment.espp'], /^a: environment\.espp: unknown field \(did you mean "esp"\?\)$/],
      [() => compareFleets({ label: 'a', fleet }, { label: 'b', fleet, override: { scenario: 'resett' } as never }), ['b', 'override.scenario'], /^b: override\.scenario: expected one of /],
    ] as const) {
      const e = await call().then(() => null, (e: unknown) => e);
      expect(e, String(message)).toBeInstanceOf(InputError);
      expect([(e as InputError).file, (e as InputError).field]).toEqual(field);
      expect((e as Error).message).toMatch(message);
    }
  });

  it("a required field misspelt is named as the typo, with the field meant ('groups[0].name: missing' left the typo unnamed), in an object as in a file", async () => {
    const { loadFleet } = await import('autopilot-sim');
    for (const [call, message] of [
      [() => runFleet({ groups: [{ nme: 'Laptops', count: 10 }] } as never), /^fleet: groups\[0\]\.nme: unknown field \(did you mean "name"\?\)$/],
      [() => runFleet({ sites: [{ nam: 'HQ', share: 1 }] } as never), /^fleet: sites\[0\]\.nam: unknown field \(did you mean "name"\?\)$/],
      [async () => loadFleet('fleet.yaml', 'groups:\n  - nmae: Laptops\n    count: 10\n'), /^fleet\.yaml:2: groups\[0\]\.nmae: unknown field \(did you mean "name"\?\)$/],
      [async () => simulate({ apps: [{ nme: 'VPN client' }] } as never), /^environment: apps\[0\]\.nme: unknown field \(did you mean "name"\?\)$/],
      // A field left out beside an unknown one that is not its typo is still missing.
      [() => runFleet({ groups: [{ count: 10, colour: 'blue' }] } as never), /^fleet: groups\[0\]\.name: missing \(expected string\)$/],
    ] as const) {
      const e = await call().then(() => null, (e: unknown) => e);
      expect(e, String(message)).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(message);
    }
  });

  it('compares two scenarios as compare --scenarios does, each side with scenarioOverride (device preparation on registered devices ran classic Autopilot: the same figures on both sides)', async () => {
    const { compareFleets, loadFleet, scenarioOverride } = await import('autopilot-sim');
    const { run } = await import('../src/cli/program.ts');
    const out: string[] = [];
    await run(['compare', 'fleets/classic-or-device-preparation', '--scenarios', 'user-driven,device-preparation', '--devices', '300', '--json'], { out: (s) => out.push(s), err: () => {} });
    const fleet = loadFleet('fleets/classic-or-device-preparation');
    const side = (scenario: 'user-driven' | 'device-preparation') => ({ label: scenario, fleet, override: scenarioOverride(scenario) });
    const viaApi = await compareFleets(side('user-driven'), side('device-preparation'), { devices: 300 });
    expect(JSON.parse(JSON.stringify(viaApi))).toEqual(JSON.parse(out.join('')));
    expect(viaApi.b.report.successRate).not.toBe(viaApi.a.report.successRate);
    expect(() => scenarioOverride('device-prep' as never)).toThrow(InputError);
    expect(() => scenarioOverride('device-prep' as never)).toThrow(/^scenario: expected one of "user-driven", "pre-provisioned", .*, got "device-prep": did you mean "device-preparation"\?$/);
  });

  it('compareFleets and sweepFleet run on the workers asked for, with the same result as on one thread (they took workers and ran on this one)', async () => {
    const { compareFleets, loadFleet, parseSweep, sweepFleet } = await import('autopilot-sim');
    const fleet = loadFleet(fileURLToPath(new URL('../scenarios/fleets/new-laptops.yaml', import.meta.url)));
    const a = { label: 'now', fleet };
    const b = { label: 'ESP 30 min', fleet, environment: { esp: { timeoutMinutes: 30 } } };
    const one = await compareFleets(a, b, { devices: 4_000 });
    const two = await compareFleets(a, b, { devices: 4_000, workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    // That it ran on two more threads is counted in a process of its own: test files share their modules (vitest's
    // isolate: false), so another file's run may have started the shared pool of two before this one, and then no
    // thread is added here. /proc/self/task lists every thread of the process (Linux; elsewhere it is not checked).
    const { existsSync } = await import('node:fs');
    if (existsSync('/proc/self/task')) {
      const { spawnSync } = await import('node:child_process');
      const script = `
        const { readdirSync } = await import('node:fs');
        const { compareFleets, loadFleet } = await import(${JSON.stringify(BUILT_LIBRARY)});
        const fleet = loadFleet(${JSON.stringify(fileURLToPath(new URL('../scenarios/fleets/new-laptops.yaml', import.meta.url)))});
        const threads = () => readdirSync('/proc/self/task').length;
        const before = threads();
        let busiest = 0;
        await compareFleets({ label: 'now', fleet }, { label: 'ESP 30 min', fleet }, { devices: 4000, workers: 2, onProgress: () => void (busiest = Math.max(busiest, threads())) });
        console.log(before, busiest);`;
      // A file, not -e: --input-type=module would reach the workers' own (CommonJS) script too.
      const { writeFileSync, rmSync } = await import('node:fs');
      const dir = tempDir('apsim-threads-');
      writeFileSync(`${dir}/threads.mjs`, script);
      const out = spawnSync(process.execPath, [`${dir}/threads.mjs`], { encoding: 'utf8' });
      rmSync(dir, { recursive: true, force: true });
      expect(out.status, out.stderr).toBe(0);
      const [before, busiest] = out.stdout.trim().split(' ').map(Number);
      expect(busiest, `threads before ${before}`).toBeGreaterThanOrEqual(before! + 2);
    }
    const sweepOne = await sweepFleet(fleet, parseSweep('apps=4,8'), { devices: 3_000 });
    const sweepTwo = await sweepFleet(fleet, parseSweep('apps=4,8'), { devices: 3_000, workers: 2 });
    expect(JSON.stringify(sweepTwo)).toBe(JSON.stringify(sweepOne));
    // Six fleet runs and a process of its own: 48 s alone at load 16 on the shared host, past the 60 s default in the
    // whole file there.
  }, 180_000);

  it('calibrates from the events in memory as from the file that holds them (a script that has them from Graph wrote them to a file first)', async () => {
    const { calibrate } = await import('autopilot-sim');
    const { parse } = await import('csv-parse/sync');
    const sample = fileURLToPath(new URL('../scenarios/calibration/synthetic-autopilot-events.csv', import.meta.url));
    const { readFileSync } = await import('node:fs');
    // The CSV's rows as Graph's JSON has them: a property per column, an empty cell null.
    const rows = parse(readFileSync(sample, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const events = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === '' ? null : v])));
    const fromFile = await calibrate(sample, { segment: 'user-driven/entra' });
    const fromList = await calibrate(events, { segment: 'user-driven/entra' });
    const fromPage = await calibrate({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/autopilotEvents', value: events }, { segment: 'user-driven/entra' });
    expect(fromList).toEqual(fromFile);
    expect(fromPage).toEqual(fromFile);
    const broken = events.map((e, i) => (i === 2 ? { ...e, deploymentDuration: 'an hour' } : e));
    await expect(calibrate(broken)).rejects.toThrow(/^events: record 3: deploymentDuration: /);
    await expect(calibrate({ value: 'x' } as never)).rejects.toThrow(/^events: value: expected the page's list of autopilotEvents/);
    // One event alone, as GET autopilotEvents/{id} answers (the file reader takes it so): a list of one, not "expected the page's list".
    expect(await calibrate(events[0] as { enrollmentType: unknown }, { segment: 'user-driven/entra' })).toEqual(await calibrate([events[0]!], { segment: 'user-driven/entra' }));
    await expect(calibrate([{ enrollmentType: 'x' }, 'events.csv'] as never)).rejects.toThrow(InputError);
  });
  it('loadFleet takes a bundled name as the command line does (it said "file not found ...: did you mean fleets/branch-rollout?" for fleets/branch-rollout)', async () => {
    const { loadFleet } = await import('autopilot-sim');
    const path = fileURLToPath(new URL('../scenarios/fleets/branch-rollout.yaml', import.meta.url));
    expect(loadFleet('fleets/branch-rollout')).toEqual(loadFleet(path));
    expect(loadFleet('self-deploying')).toEqual(loadFleet(fileURLToPath(new URL('../scenarios/self-deploying.yaml', import.meta.url))));
    expect(() => loadFleet('fleets/branch-rollot')).toThrow(/^fleets\/branch-rollot: file not found .*: did you mean fleets\/branch-rollout\?$/);
    expect(() => loadFleet(42 as never)).toThrow(/^loadFleet: expected a file's path or a bundled name such as "fleets\/branch-rollout", got 42$/);
  });
  it('a file: URL names a file wherever a path does, as node:fs takes one (loadFleet refused it; calibrate read it as a Graph page without its value)', async () => {
    const { calibrate, loadFleet } = await import('autopilot-sim');
    const fleetUrl = new URL('../scenarios/fleets/branch-rollout.yaml', import.meta.url);
    expect(loadFleet(fleetUrl)).toEqual(loadFleet('fleets/branch-rollout'));
    expect(loadFleet(new URL('file:///nowhere/fleet.yaml'), 'scenario: reset\n')).toEqual(loadFleet('/nowhere/fleet.yaml', 'scenario: reset\n'));
    expect(() => loadFleet(new URL('file:///nowhere/fleet.yaml'))).toThrow(/^\/nowhere\/fleet\.yaml: file not found/);
    // Not a file's URL: refused as the URL it is.
    expect(() => loadFleet(new URL('https://example.com/fleet.yaml'))).toThrow(/^loadFleet: expected a file's path or a bundled name .*, got "https:\/\/example\.com\/fleet\.yaml"$/);
    const events = new URL('../scenarios/calibration/synthetic-autopilot-events.csv', import.meta.url);
    const byPath = await calibrate(fileURLToPath(events), { segment: 'self-deploying/entra' });
    expect(await calibrate(events, { segment: 'self-deploying/entra' })).toEqual(byPath);
    expect((await calibrate([events], { segment: 'self-deploying/entra' })).twin).toBe(byPath.twin);
    await expect(calibrate(new URL('file:///nowhere/events.csv'))).rejects.toThrow(/^\/nowhere\/events\.csv: file not found/);
  });

  it('a URL, a Date or a Map given as a fleet or an environment (an argument, an option or a comparison side\'s) is an InputError naming it (a Map or a Date ran the default fleet or device, or the fleet as it was; a URL was refused for its fields "toString", "href" and "origin")', async () => {
    const { compareFleets, parseSweep, recommend, replayFleetDevice, runLive, sweepFleet } = await import('autopilot-sim');
    const url = new URL('../scenarios/fleets/branch-rollout.yaml', import.meta.url);
    for (const [call, message] of [
      [() => runFleet(url as never, { devices: 10 }), /^fleet: expected a plain object \(a fleet loadFleet gave, or one such as \{ scenario: 'user-driven', devices: 1000 \}\), got a URL: loadFleet\(url\) reads the file$/],
      [() => runFleet(new Map() as never, { devices: 10 }), /^fleet: expected a plain object .*, got a Map$/],
      [() => sweepFleet(new Date() as never, parseSweep('apps=1,2'), { devices: 10 }), /^fleet: expected a plain object .*, got a Date$/],
      [() => recommend(url as never, { devices: 10 }), /^fleet: .*, got a URL: loadFleet\(url\) reads the file$/],
      [() => replayFleetDevice(new Map() as never, 0, { devices: 10 }), /^fleet: .*, got a Map$/],
      [() => compareFleets({ label: 'a', fleet: {} }, { label: 'b', fleet: url as never }, { devices: 10 }), /^b: fleet: expected a plain object .*, got a URL: loadFleet\(url\) reads the file$/],
      [async () => simulate(new Map() as never), /^environment: expected a plain object such as \{ scenario: 'user-driven' \}, got a Map$/],
      [async () => runLive(new Date() as never), /^environment: .*, got a Date$/],
      [async () => new Session(new (class Laptop {})() as never, 1), /^environment: .*, got a Laptop$/],
      [() => runFleet({}, { devices: 10, environment: new Map() as never }), /^options: environment: expected a plain object such as \{ scenario: 'user-driven' \}, got a Map$/],
      [() => sweepFleet({}, parseSweep('apps=1,2'), { devices: 10, environment: new Date() as never }), /^options: environment: .*, got a Date$/],
      [() => replayFleetDevice({}, 0, { devices: 10, environment: new Map() as never }), /^options: environment: .*, got a Map$/],
      [() => compareFleets({ label: 'a', fleet: {}, environment: new Date() as never }, { label: 'b', fleet: {} }, { devices: 10 }), /^a: environment: .*, got a Date$/],
      [() => compareFleets({ label: 'a', fleet: {} }, { label: 'b', fleet: {}, override: url as never }, { devices: 10 }), /^b: override: .*, got a URL$/],
    ] as const) {
      const e = await call().then(() => null, (e: unknown) => e);
      expect(e, String(message)).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(message);
    }
    // A fleet loadFleet gave, and an object without a prototype, are plain.
    expect((await runFleet(Object.assign(Object.create(null), { scenario: 'reset' }), { devices: 10 })).devices).toBe(10);
    expect(simulate(Object.assign(Object.create(null), { scenario: 'reset' })).outcome.scenario).toBe('reset');
  });

  it("Session.fromFile replays a saved run as the library's Session, and a file that is not one, a fault that cannot happen now or a step that is no step is an InputError naming it (a ZodError's JSON, the engine's own Session, a plain Error, a NaN cursor)", () => {
    const run = new Session({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, 3, [], 'lab');
    run.step();
    run.step();
    const copy = Session.fromFile(JSON.parse(JSON.stringify(run.toFile())));
    expect(copy).toBeInstanceOf(Session);
    expect([copy.cursor, copy.trace, copy.outcome, copy.name]).toEqual([run.cursor, run.trace, run.outcome, 'lab']);
    const file = run.toFile();
    for (const [call, message] of [
      [() => Session.fromFile(null), /^run: expected object, got null$/],
      [() => Session.fromFile({ ...file, seed: 'x' }), /^run: seed: expected number, got "x"$/],
      [() => Session.fromFile({ ...file, format: 'other' }), /^run: format: expected one of "autopilot-sim-run", got "other"$/],
      [() => run.inject('no-such-fault'), /^faultId: expected a fault or choice possible at step 2 \(oobe\.criticalUpdates\): .*choose:.*; got "no-such-fault"$/],
      [() => run.seek('last' as never), /^index: expected a step of the run, a whole number from 0 to \d+, got "last"$/],
      // A step past the end went to the last, without a word.
      [() => run.seek(run.trace.length), new RegExp(`^index: expected a step of the run, a whole number from 0 to ${run.trace.length - 1}, got ${run.trace.length}$`)],
      [() => run.seek(-1), /^index: expected a step of the run, a whole number from 0 to \d+, got -1$/],
      // The file's text rather than its data: 'run: expected object, got "{\"format\":...'.
      [() => Session.fromFile(JSON.stringify(file)), /^run: expected the run as data, as toFile\(\) gives it \(JSON\.parse the file's text\), got text \(\d+ characters\)$/],
      // The studio's limit (the engine's), which the library's fromFile skipped: it read the run whole, and named the first wrong field.
      [() => Session.fromFile({ ...file, environment: { ...file.environment, description: 'x'.repeat(300_000) } }), /^run: expected a run file of at most 256 KB \(an environment, a seed and its faults\), got 293 KB$/],
      // The environment's fields as the file names them ('environment: esp.timeoutMinutes', as if an argument).
      [() => Session.fromFile({ ...file, environment: { esp: { timeoutMinutes: 'x' } } }), /^run: environment\.esp\.timeoutMinutes: expected number, got "x"$/],
      [() => Session.fromFile({ ...file, faults: [{ step: 0, fault: 'tpm-fails' }] }), /^run: faults\[0\]: fault "tpm-fails" cannot happen at step 0 \(oobe\.networkGate\)$/],
    ] as const) {
      expect(call, String(message)).toThrow(InputError);
      expect(call).toThrow(message);
    }
    expect(run.cursor).toBe(2);
    // A file's step past the run's end (saved before a change made the run shorter) is its last, as the studio opens it.
    expect(Session.fromFile({ ...file, cursor: 10_000 }).cursor).toBe(run.trace.length - 1);
    run.seek(0);
    const fault = run.faultsFor(run.current)[0]!.id;
    expect(run.inject(fault).id).toBe(fault);
  });

  it('Session, runLive, parseScenario and environmentOf name a wrong argument too (a ZodError\'s JSON, TypeErrors from inside), and runLive takes an environment as written, as simulate does', async () => {
    const { environmentOf, parseScenario, runLive } = await import('autopilot-sim');
    for (const [call, message] of [
      [() => new Session({ scenario: 'resett' as never }, 1), /^environment: scenario: expected one of "user-driven", .*, got "resett": did you mean "reset"\?$/],
      [() => new Session(null as never, 1), /^environment: expected object, got null$/],
      [() => new Session({}, 'a' as never), /^options: seed: expected a whole number from 0 to 4294967295, got "a"$/],
      [() => runLive({ scenario: 'resett' as never }), /^environment: scenario: expected one of /],
      [() => runLive({}, { sed: 1 } as never), /^options: sed: unknown option \(did you mean "seed"\?\)$/],
      [() => parseScenario('f.yaml', 42 as never), /^f\.yaml: expected the file's text \(parseScenario\(name, text\)\), got 42$/],
      [() => parseScenario(undefined as never, 'scenario: reset'), /^parseScenario: file: expected the file's name, for its errors, got undefined$/],
      [() => environmentOf(null as never), /^environmentOf: expected a scenario file parseScenario gave, got null$/],
    ] as const) {
      expect(call, String(message)).toThrow(InputError);
      expect(call).toThrow(message);
    }
    const live = runLive({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, { seed: 1 });
    expect(live.errorCode).toBe(simulate({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, { seed: 1 }).outcome.errorCode);
    expect(environmentOf(parseScenario('f.yaml', 'name: A\nscenario: reset\n')).scenario).toBe('reset');
  });
  it("the options that take code (machine, wrapWorld, drivers, shared, inspect, deriveTable's machines) and Session's seed are checked: they were TypeErrors from inside, runLive's ending the process from XState's timer", async () => {
    const { deriveTable, machines, runLive } = await import('autopilot-sim');
    for (const [call, message] of [
      [() => runLive({}, { machine: {} as never }), /^options: machine: expected an XState machine \(createMachine\(\.\.\.\), or one of machines\), got \{\}$/],
      [() => runLive({}, { inspect: 3 as never }), /^options: inspect: expected a function or an observer \(\{ next\(event\) \}, an inspector's inspect\), got 3$/],
      [() => runLive({}, { inspect: { next: 'x' } as never }), /^options: inspect: expected a function or an observer/],
      [() => simulate({}, { machine: 'user-driven' as never }), /^options: machine: expected an XState machine .*, got "user-driven"$/],
      [() => simulate({}, { wrapWorld: 3 as never }), /^options: wrapWorld: expected a function from the world to the world that answers instead, got 3$/],
      [() => simulate({}, { drivers: [() => 1, 'x'] as never }), /^options: drivers: expected a list of functions, each wrapping the responder under it, got \[null,"x"\]$/],
      [() => simulate({}, { shared: 5 as never }), /^options: shared: expected what a device shares with its fleet, an object with downloadMinutes, connectorWaitMinutes, incidentFails, got 5$/],
      [() => deriveTable({ machines: 3 as never, runsPerVariant: 1 }), /^options: machines: expected machines by scenario, such as \{ reset: machine \}, got 3$/],
      [() => deriveTable({ machines: { resett: machines.reset } as never, runsPerVariant: 1 }), /^options: machines\.resett: expected a scenario's id \(user-driven, /],
      [() => deriveTable({ machines: { reset: () => 1 } as never, runsPerVariant: 1 }), /^options: machines\.reset: expected an XState machine .*, got a function$/],
      [() => new Session({}, undefined as never), /^options: seed: expected the run's seed, a whole number such as 1 \(new Session\(environment, seed\)\), got undefined$/],
    ] as const) {
      expect(call, String(message)).toThrow(InputError);
      expect(call).toThrow(message);
    }
    // What they take still runs: the package's machines, an observer, drivers and a wrapped world.
    const events: string[] = [];
    expect(runLive({}, { machine: machines['user-driven'], inspect: { next: (e) => void events.push(e.type) } }).end).toBe('succeeded');
    expect(events.length).toBeGreaterThan(0);
    expect(simulate({}, { machine: machines['user-driven'], drivers: [], wrapWorld: (world) => world }).outcome.status).toBe('succeeded');
  });
  it('a run stops when its AbortSignal aborts, on this thread and on workers, and the next run gives what a fresh process gives (no option cancelled a run)', async () => {
    const { compareFleets, recommend, sweepFleet, parseSweep } = await import('autopilot-sim');
    const fleet = { environment: { scenario: 'user-driven' as const } };
    const expected = JSON.stringify(await runFleet(fleet, { devices: 6_000, seed: 9 }));
    for (const workers of [1, 2]) {
      const controller = new AbortController();
      // Aborted from a timer while the run goes on: on one thread too, the event loop turns between chunks.
      const started = Date.now();
      const aborted = runFleet(fleet, { devices: 2_000_000, workers, signal: controller.signal, onProgress: (done) => done >= 4_000 && setTimeout(() => controller.abort(), 0) });
      await expect(aborted, `workers ${workers}`).rejects.toMatchObject({ name: 'AbortError' });
      expect(Date.now() - started, `workers ${workers}`).toBeLessThan(20_000);
      expect(JSON.stringify(await runFleet(fleet, { devices: 6_000, seed: 9, workers }))).toBe(expected);
    }
    const gone = AbortSignal.abort();
    await expect(runFleet(fleet, { signal: gone })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(compareFleets({ label: 'a', fleet }, { label: 'b', fleet }, { signal: gone })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(sweepFleet(fleet, parseSweep('apps=1,2'), { signal: gone })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(recommend(fleet, { signal: gone })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(runFleet(fleet, { signal: 'stop' as never })).rejects.toThrow(/^options: signal: expected an AbortSignal \(new AbortController\(\)\.signal\), got "stop"$/);
  });
  it('a callback that is not a function and a yes-or-no option that is not one are InputErrors (TypeErrors from the run; calibrate\'s { check: \'no\' } backtested)', async () => {
    const { calibrate, compareFleets } = await import('autopilot-sim');
    const fleet = { devices: 20 };
    const sample = fileURLToPath(new URL('../scenarios/calibration/synthetic-autopilot-events.csv', import.meta.url));
    for (const [call, message] of [
      [() => runFleet(fleet, { onProgress: 5 as never }), /^options: onProgress: expected a function, got 5$/],
      [() => runFleet(fleet, { onRows: 'rows.csv' as never }), /^options: onRows: expected a function, got "rows\.csv"$/],
      [() => compareFleets({ label: 'a', fleet }, { label: 'b', fleet }, { onProgress: true as never }), /^options: onProgress: expected a function, got true$/],
      [() => calibrate(sample, { check: 'no' as never }), /^options: check: expected true or false, got "no"$/],
      [async () => simulate({}, { trace: 'no' as never }), /^options: trace: expected true or false, got "no"$/],
    ] as const) {
      const e = await call().then(() => null, (e: unknown) => e);
      expect(e, String(message)).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(message);
    }
  });
  it("an unknown option's message lists every option the function takes and no other (runFleet's left out signal; replayFleetDevice's listed onProgress and onRows, which it does not take, and ran with them)", async () => {
    const { calibrate, compareFleets, recommend, replayFleetDevice, runLive, sweepFleet, parseSweep } = await import('autopilot-sim');
    const fleet = { devices: 20 };
    const sample = fileURLToPath(new URL('../scenarios/calibration/synthetic-autopilot-events.csv', import.meta.url));
    for (const [call, list] of [
      [() => runFleet(fleet, { x: 1 } as never), 'devices, seed, workers, environment, onProgress, onRows, signal'],
      [() => compareFleets({ label: 'a', fleet }, { label: 'b', fleet }, { x: 1 } as never), 'devices, seed, workers, onProgress, signal'],
      [() => sweepFleet(fleet, parseSweep('apps=1,2'), { x: 1 } as never), 'devices, seed, workers, onProgress, signal, environment'],
      [() => recommend(fleet, { x: 1 } as never), 'devices, seed, workers, threshold, onProgress, signal'],
      [() => replayFleetDevice(fleet, 0, { x: 1 } as never), 'devices, seed, workers, environment, signal'],
      [() => replayFleetDevice(fleet, 0, { onProgress: () => {} } as never), 'devices, seed, workers, environment, signal'],
      [() => calibrate(sample, { x: 1 } as never), 'deviceApps, userApps, espTimeoutMinutes, seed, dateOrder, segment, deploymentProfile, check, against, signal'],
      [async () => simulate({}, { x: 1 } as never), 'seed, index, trace, visited, maxSteps, maxMinutes, machine, wrapWorld, shared, drivers'],
      [async () => runLive({}, { x: 1 } as never), 'seed, index, machine, inspect, maxSteps'],
    ] as const) {
      const e = await call().then(() => null, (e: unknown) => e);
      expect(e, list).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(new RegExp(`^options: (x|onProgress): unknown option \\(expected one of ${list}\\)$`));
    }
  });
  it('worker threads: a script that runs fleets on workers exits as its last call resolves, and a long-lived process ends idle workers after IDLE_MS and starts them again for the next run (they stayed for the life of the process)', async () => {
    const { existsSync, writeFileSync, rmSync } = await import('node:fs');
    const { spawnSync } = await import('node:child_process');
    const { IDLE_MS } = await import('../src/fleet/pool.ts');
    const index = JSON.stringify(BUILT_LIBRARY);
    // Each in a process of its own: test files share modules (vitest isolate: false), so the shared pool may be another file's.
    const child = (script: string) => {
      const dir = tempDir('apsim-pool-');
      // A file, not -e: --input-type=module would reach the workers' own (CommonJS) script too.
      writeFileSync(`${dir}/script.mjs`, script);
      const started = performance.now();
      const out = spawnSync(process.execPath, [`${dir}/script.mjs`], { encoding: 'utf8', timeout: 60_000 });
      const wall = performance.now() - started;
      rmSync(dir, { recursive: true, force: true });
      expect(out.status, out.stderr).toBe(0);
      return { wall, out: JSON.parse(out.stdout.trim().split('\n').pop()!) as Record<string, number | boolean> };
    };
    // Exits on its own: from the last call's resolution to the process's end, no more than a process's own shutdown.
    const exiting = child(`
      const { runFleet, compareFleets } = await import(${index});
      const fleet = { scenario: 'user-driven' };
      await runFleet(fleet, { devices: 4000, workers: 2 });
      await compareFleets({ label: 'a', fleet }, { label: 'b', fleet, environment: { esp: { timeoutMinutes: 30 } } }, { devices: 4000, workers: 2 });
      const resolved = performance.now();
      process.on('exit', () => console.log(JSON.stringify({ resolved, exited: performance.now() })));`);
    expect(exiting.out.exited as number - (exiting.out.resolved as number), 'ms from the last call to exit').toBeLessThan(500);
    expect(exiting.wall, 'the whole process, ms').toBeLessThan(IDLE_MS + 20_000);
    if (!existsSync('/proc/self/task')) return;
    // Rests: the threads end after IDLE_MS without a run, not before; the next run starts them again and gives the same report.
    const resting = child(`
      const { readdirSync } = await import('node:fs');
      const { runFleet } = await import(${index});
      const threads = () => readdirSync('/proc/self/task').length;
      const fleet = { scenario: 'user-driven' };
      const before = threads();
      const first = JSON.stringify(await runFleet(fleet, { devices: 4000, workers: 2 }));
      const done = performance.now();
      const busy = threads();
      let rested = null;
      while (rested === null && performance.now() - done < ${IDLE_MS} + 15000) {
        await new Promise((r) => setTimeout(r, 100));
        if (threads() <= busy - 2) rested = performance.now() - done;
      }
      let again = 0;
      const second = JSON.stringify(await runFleet(fleet, { devices: 4000, workers: 2, onProgress: () => void (again = Math.max(again, threads())) }));
      console.log(JSON.stringify({ before, busy, rested, again, same: first === second }));`);
    const { before, busy, rested, again, same } = resting.out;
    expect(busy, `threads before ${before}`).toBeGreaterThanOrEqual((before as number) + 2);
    // Timed from the run's resolution: the pool's timer starts at its last chunk, before the report is built.
    expect(rested, 'ms from the run to the idle threads ending').toBeGreaterThanOrEqual(IDLE_MS - 1_000);
    expect(rested).toBeLessThan(IDLE_MS + 5_000);
    expect(again, 'threads in the next run').toBeGreaterThanOrEqual(busy as number);
    expect(same).toBe(true);
  }, 90_000);
  it('any wrong argument is an InputError naming it, whatever the value: a BigInt, an object that contains itself, a value that is no list, a fault that is no fault (TypeErrors, a ZodError and a plain Error from inside)', async () => {
    const { calibrate, deriveTable, loadFleet, lookup, replayFleetDevice } = await import('autopilot-sim');
    const fleet = { devices: 20 };
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const [call, message] of [
      [async () => simulate(10n as never), /^environment: expected object, got 10n$/],
      [() => runFleet(fleet, { devices: 10n as never }), /^options: devices: expected a whole number from 1 to 100000000, got 10n$/],
      [() => runFleet(fleet, { environment: { esp: { timeoutMinutes: 30n as never } } }), /^options: environment\.esp\.timeoutMinutes: expected number, got 30n$/],
      [() => runFleet(cycle as never), /^fleet: /],
      [() => replayFleetDevice(fleet, 0, { seed: cycle as never }), /^options: seed: expected a whole number from 0 to 4294967295, got an object that contains itself$/],
      [() => calibrate(undefined as never), /^files: expected one or more export files, or the events themselves .*, got undefined$/],
      [() => calibrate(5 as never), /^files: .*, got 5$/],
      // Graph's URL was read as a page without its value ('events: value: expected the page's list...'), a list of URLs as events.
      [() => calibrate(new URL('https://graph.microsoft.com/beta/deviceManagement/autopilotEvents')), /^files: expected a path or a file: URL, got https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/autopilotEvents: calibrate reads no URL but a file's; fetch the events first/],
      [() => calibrate([new URL('https://example.com/events.json')]), /^files: expected a path or a file: URL, got https:\/\/example\.com\/events\.json: /],
      // An empty path was ': file not found'.
      [async () => loadFleet(''), /^file: expected a path or a bundled name from `autopilot-sim scenarios`, got "" \(an empty one\)$/],
      [() => calibrate(''), /^file: expected an export file's path, got "" \(an empty one\)$/],
      [async () => loadFleet('f.yaml', 5 as never), /^f\.yaml: expected the file's text \(loadFleet\(name, text\)\), got 5$/],
      [async () => deriveTable(null as never), /^options: expected an object such as \{ runsPerVariant: 60 \}, got null$/],
      [async () => deriveTable({ runsPerVariant: 'x' as never }), /^options: runsPerVariant: expected a whole number from 1 to 100000, got "x"$/],
      [async () => new Session({}, 1, [1 as never]), /^options: faults\[0\]: expected a fault and the step it happens at, such as \[\{ step: 3, fault: 'tpm-fails' \}\], got 1$/],
      [async () => new Session({}, 1, [{ step: 0, fault: 'tpm-fails' }]), /^options: faults\[0\]: fault "tpm-fails" cannot happen at step 0 \(oobe\.networkGate\)$/],
    ] as const) {
      const e = await call().then(() => null, (e: unknown) => e);
      expect(e, String(message)).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(message);
    }
    // Left out, the environment is the defaults, as simulate() runs them (a ZodError's JSON).
    expect(new Session(undefined as never, 1).trace.length).toBe(new Session({}, 1).trace.length);
    // Not text (an object without a prototype, which cannot be made a string, too): an InputError, where it found nothing.
    expect(() => lookup(Object.create(null) as never)).toThrow(/^code: expected a code as Microsoft writes it, text such as '0x800705B4', or a name such as 'ESP_TIMEOUT', got \{\}$/);
    // A code written as a JavaScript number (0x800705B4) found nothing, as an unknown code does.
    expect(() => lookup(0x800705b4 as never)).toThrow(InputError);
    expect(() => lookup(0x800705b4 as never)).toThrow(/^code: expected a code as Microsoft writes it, text such as '0x800705B4', or a name such as 'ESP_TIMEOUT', got the number 2147943860: write lookup\('0x800705B4'\)$/);
    expect(lookup('0x800705B4')?.code).toBe('0x800705B4');
  });
  it('two calls at once on the same number of workers each get their own report, and one aborted leaves the other to finish (each took both runs\' chunks as its own)', async () => {
    const { compareFleets } = await import('autopilot-sim');
    const a = { scenario: 'user-driven' as const };
    const b = { scenario: 'self-deploying' as const, environment: { hardware: { kind: 'vm' as const } } };
    const alone = [JSON.stringify(await runFleet(a, { devices: 6_000 })), JSON.stringify(await runFleet(b, { devices: 5_000 }))];
    const together = await Promise.all([runFleet(a, { devices: 6_000, workers: 2 }), runFleet(b, { devices: 5_000, workers: 2 })]);
    expect(together.map((r) => JSON.stringify(r))).toEqual(alone);
    // One call aborted while another runs on the same threads: the other's report is whole.
    const controller = new AbortController();
    const compared = compareFleets({ label: 'a', fleet: a }, { label: 'b', fleet: a }, { devices: 8_000, workers: 2 });
    const aborted = runFleet(b, { devices: 400_000, workers: 2, signal: controller.signal, onProgress: (done) => done >= 4_000 && controller.abort() });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(JSON.stringify(await compared)).toBe(JSON.stringify(await compareFleets({ label: 'a', fleet: a }, { label: 'b', fleet: a }, { devices: 8_000 })));
  });
});
