import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/catalog/errors.ts';
import { cli, plainEnv, processRun } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-');
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('autopilot-sim', () => {
  it('simulate prints a narrated timeline and the outcome', async () => {
    const r = await cli('simulate', file('vm.yaml', 'scenario: self-deploying\nhardware: {kind: vm}\n'), '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/world +TPM attestation fails/);
    expect(r.out).toMatch(/0x800705B4/);
    expect(r.out).toMatch(/Outcome:/);
    // The failed phase and the minutes per phase are named as the reports name them, in the order the device goes through them.
    expect(r.out).toMatch(/\n {2}phase {5}ESP: device preparation\n/);
    expect(r.out).toMatch(/\n {2}phases {4}OOBE [\d.]+ · ESP: device preparation [\d.]+\n/);
    const ud = await cli('simulate', 'user-driven-entra');
    expect(ud.out).toMatch(/\n {2}phases {4}OOBE [\d.]+ · Sign-in and enrollment [\d.]+ · ESP: device preparation [\d.]+ · ESP: device setup [\d.]+ · ESP: account setup [\d.]+\n/);
    // Minutes as every report writes them: one decimal, zero as 0.0.
    expect(ud.out).toMatch(/\n {2}time {6}\d+\.\d min active \(end user \d+\.\d, technician 0\.0, unattended 0\.0\); \d+\.\d min elapsed\n/);
    expect(ud.out).toMatch(/\n {2}phases {4}OOBE \d+\.\d · Sign-in and enrollment \d+\.\d · ESP: device preparation \d+\.\d · ESP: device setup \d+\.\d · ESP: account setup \d+\.\d\n/);
    // In the order this device went through them: a pre-provisioned device's technician flow and shipping come before the user's sign-in (§2.4 P2 "Entra sign-in").
    const pp = await cli('simulate', 'pre-provisioned-entra');
    const line = /\n {2}phases {4}(.*)\n/.exec(pp.out)![1]!;
    expect(line.indexOf('Pre-provisioning (technician flow)')).toBeLessThan(line.indexOf('Reseal and shipping'));
    expect(line.indexOf('Reseal and shipping')).toBeLessThan(line.indexOf('Entra sign-in'));
  });

  it('simulate, play and studio given a fleet file say it is one and where it runs, exit 2', async () => {
    for (const argv of [['simulate', 'fleets/branch-rollout'], ['play', 'fleets/branch-rollout', '--auto'], ['studio', 'fleets/new-laptops', '--port', '0']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim()).toMatch(/: expected a scenario file \(one device\), and this is a fleet file: run it with `autopilot-sim run`/);
      expect(r.err).not.toMatch(/unknown fields/);
    }
  });

  it('run names the first device of each failure mode, and simulate --device replays it step by step as run counted it', async () => {
    const run = await cli('run', 'fleets/branch-rollout', '--devices', '300', '--json');
    const report = JSON.parse(run.out) as { failures: Array<{ code: string; phaseLabel: string; exampleDevice: number }> };
    const first = report.failures[0]!;
    const terminal = await cli('run', 'fleets/branch-rollout', '--devices', '300');
    expect(terminal.out).toMatch(/first\s*│?\s*│?\s*device|first device/);
    expect(terminal.out).toContain(`Follow a failure step by step on its first device: autopilot-sim simulate fleets/branch-rollout --devices 300 --device ${first.exampleDevice}`);
    const replayed = await cli('simulate', 'fleets/branch-rollout', '--devices', '300', '--device', String(first.exampleDevice));
    expect(replayed.code).toBe(0);
    expect(replayed.out).toMatch(new RegExp(`device ${first.exampleDevice} of 300 · site Branch [A-C] · starts at hour [\\d.]+ of the rollout · seed 7`));
    // The code as simulate says it: one Microsoft documents no code for (ESP_TIMEOUT) is the simulator's name, said to be that.
    expect(replayed.out).toContain(`error     ${lookup(first.code)?.code ?? `no documented code: the simulator names it ${first.code}`}`);
    const json = JSON.parse((await cli('simulate', 'fleets/branch-rollout', '--devices', '300', '--device', String(first.exampleDevice), '--json')).out);
    expect(json.device).toMatchObject({ index: first.exampleDevice, devices: 300, seed: 7 });
    expect(json.outcome.errorCode).toBe(first.code);
    // A device the fleet does not have, and --devices without --device: usage errors.
    const outside = await cli('simulate', 'fleets/branch-rollout', '--device', '500');
    expect(outside.code).toBe(2);
    expect(outside.err).toMatch(/--device: the fleet has 500 devices, 0 to 499: there is no device 500 \(--devices sets the fleet's size, as given to run\)/);
    expect((await cli('simulate', 'user-driven-entra', '--devices', '10')).code).toBe(2);
  });

  it('a mapping or a list used as a key is one line naming it, with no Node warning from the YAML parser', async () => {
    const bad = file('collection-key.yaml', 'scenario: user-driven\n{a: 1}: 2\n? [x, y]\n: 3\n');
    const r = await processRun(['validate', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown fields "\{ a: 1 \}", "\[ x, y \]"/);
    expect(r.err).not.toMatch(/Warning|stringified|trace-warnings/);
  });

  it('compare --html and sweep --html say in their heading which fleet they are of', async () => {
    const cmp = join(dir, 'compare.html');
    expect((await cli('compare', 'fleets/new-laptops', '--scenarios', 'user-driven,pre-provisioned', '--devices', '40', '--html', cmp)).code).toBe(0);
    expect(readFileSync(cmp, 'utf8')).toContain('<h1>user-driven vs pre-provisioned: New laptops, least end-user time</h1>');
    const sw = join(dir, 'sweep.html');
    expect((await cli('sweep', 'user-driven-entra', '--vary', 'apps=4,8', '--devices', '40', '--html', sw)).code).toBe(0);
    expect(readFileSync(sw, 'utf8')).toContain('<h1>Sweep of number of apps: User-driven, Entra join</h1>');
  }, 60_000);

  it('simulate --json prints { trace, outcome } and is deterministic', async () => {
    const p = file('ud.yaml', 'scenario: user-driven\n');
    const a = await cli('simulate', p, '--json', '--seed', '9');
    const b = await cli('simulate', p, '--json', '--seed', '9');
    expect(a.out).toBe(b.out);
    const parsed = JSON.parse(a.out);
    expect(parsed.outcome.status).toBe('succeeded');
    expect(parsed.trace.length).toBeGreaterThan(10);
  });

  it('bad input: one clear line, exit 2, no stack trace', async () => {
    for (const argv of [
      ['simulate', join(dir, 'missing.yaml')],
      ['simulate', file('bad.yaml', 'hardware: {tpm: 7}\n')],
      ['simulate', file('ok.yaml', ''), '--seed', 'x'],
      ['validate', file('bad2.yaml', 'network: {connection: carrier-pigeon}\n')],
      ['simulate', dir],
      ['frobnicate'],
      ['simulate'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).not.toMatch(/\n\s+at /);
      expect(r.err.length, argv.join(' ')).toBeGreaterThan(0);
    }
  });

  it('validate reports each file', async () => {
    const r = await cli('validate', file('v1.yaml', 'scenario: reset\n'), file('v2.yaml', 'scenario: nope\n'));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/ok .*v1\.yaml/);
    expect(r.err).toMatch(/invalid .*v2\.yaml:1: scenario: expected one of/);
  });

  it('validate takes a folder for its scenario and fleet files (a folder of lessons in CI), and names a folder with none', async () => {
    const folder = mkdtempSync(join(dir, 'folder-'));
    writeFileSync(join(folder, 'b.yaml'), 'scenario: nope\n');
    writeFileSync(join(folder, 'a.json'), '{"scenario": "reset"}\n');
    writeFileSync(join(folder, 'notes.txt'), 'not a scenario\n');
    const r = await cli('validate', folder);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/ok .*a\.json {2}reset, entra join/);
    expect(r.err).toMatch(/invalid .*b\.yaml:1: scenario: expected one of/);
    expect(r.out + r.err).not.toContain('notes.txt');
    const lessons = await cli('validate', 'scenarios/lessons');
    expect(lessons.code, lessons.err).toBe(0);
    expect(lessons.out.split('\n').filter((l) => l.startsWith('ok ')).length).toBe(12);
    const empty = await cli('validate', mkdtempSync(join(dir, 'empty-')));
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/invalid .*empty-\w+: expected scenario or fleet files \(\.yaml, \.yml, \.json\) in this folder, found none/);
  });

  it('colour follows NO_COLOR, FORCE_COLOR, --no-color and --color, and a closed pipe ends quietly', async () => {
    const env = plainEnv();
    const esc = '\u001b[';
    const ok = file('c.yaml', 'scenario: reset\n');
    expect((await processRun(['validate', ok], env)).out).not.toContain(esc);
    expect((await processRun(['validate', ok, '--color'], env)).out).toContain(esc);
    expect((await processRun(['validate', ok], { ...env, FORCE_COLOR: '1' })).out).toContain(esc);
    expect((await processRun(['--no-color', 'validate', ok], { ...env, FORCE_COLOR: '1' })).out).not.toContain(esc);
    expect((await processRun(['validate', ok], { ...env, CI: 'true', NO_COLOR: '1' })).out).not.toContain(esc);
    const head = await processRun(['scenarios'], env, 1);
    expect(head.err).toBe('');
    expect(head.code).toBe(0);
  }, 180_000); // a dozen processes: generous for a loaded machine, a bound on hanging, not a speed goal

  it('--help exits 0', async () => {
    expect((await cli('--help')).code).toBe(0);
  });
});
