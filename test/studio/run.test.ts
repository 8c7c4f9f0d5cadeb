// Runs as data in the studio (src/studio/app/run.ts). What the studio says when a trainer imports a file that is
// not a run: a fleet's device as the terminal replays it (the studio cannot replay it faithfully: it runs one device
// alone, without the fleet's link and connector queues), the output of simulate --json, a fleet file; each names what
// the file is and where it opens. And minutes as the outcome line writes them.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session.ts';
import { formatMinutes, sessionFromText } from '../../src/studio/app/run.ts';
import { cli } from '../helpers/cli.ts';

describe('importing a file that is not a run', () => {
  it("a fleet's device from `simulate <fleet> --device N --json`: the studio says it cannot replay it and gives the terminal's command", async () => {
    const { code, out } = await cli('simulate', 'scenarios/fleets/branch-rollout.yaml', '--device', '5', '--devices', '60', '--json');
    expect(code).toBe(0);
    const device = JSON.parse(out).device as { index: number; devices: number; seed: number; site: string };
    // Before: '"device-5.json" is not a valid run file: field "format": expected one of "autopilot-sim-run".'
    const message = (() => {
      try {
        sessionFromText(out, '"device-5.json"');
      } catch (e) {
        return (e as Error).message;
      }
      return 'opened';
    })();
    expect(message).toContain(`"device-5.json" is device 5 of 60 of a fleet`);
    expect(message).toContain(`site ${device.site}`);
    expect(message).toMatch(/cannot replay it: .*shared its site's link and the connector/);
    expect(message).toContain(`autopilot-sim simulate <fleet> --device 5 --devices 60 --seed ${device.seed}`);
  });

  it('the output of `simulate --json`, and a fleet file in JSON, say what they are', async () => {
    const { out } = await cli('simulate', 'scenarios/user-driven-entra.yaml', '--json');
    expect(() => sessionFromText(out, 'the file')).toThrow(/the file is the output of `autopilot-sim simulate --json`, not a run file: open its scenario file with `autopilot-sim studio <file>`/);
    const fleet = JSON.stringify({ environment: { scenario: 'user-driven' }, groups: [{ name: 'Laptops', count: 10 }] });
    expect(() => sessionFromText(fleet, 'the file')).toThrow(/the file is a fleet file: the studio runs one device at a time/);
  });

  it('a run file the studio exported still opens, its environment included', () => {
    const text = JSON.stringify(new Session({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, 3, [], 'VM').toFile());
    expect(sessionFromText(text, 'the file').outcome.errorCode).toBe('0x800705B4');
  });
});

describe('minutes as the studio writes them', () => {
  it('rounds before it splits: the outcome said "1 h 60 min after power on" (user-driven-hybrid.yaml with an app that restarts inside its installer)', () => {
    expect(formatMinutes(119.6)).toBe('2 h 00 min');
    expect(formatMinutes(59.7)).toBe('1 h 00 min');
    expect(formatMinutes(34.2)).toBe('34 min');
    expect(formatMinutes(125)).toBe('2 h 05 min');
    expect(formatMinutes(2 * 1440 + 23.6 * 60)).toBe('3 d 0 h');
    expect(formatMinutes(2 * 1440 + 65)).toBe('2 d 1 h');
  });

  it('says some time under a minute is under a minute: a run stopped by no internet at its first step read "0 min after power on" beside a clock at 0:00:27', () => {
    expect(formatMinutes(0.45)).toBe('under 1 min');
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(0.6)).toBe('1 min');
  });
});

describe('importing a scenario file', () => {
  it("a trainer's copy of a lesson with one line changed opens as a run, YAML or JSON, at its seed and by its name", () => {
    // It was refused: '"vm.yaml" is not JSON (…). Export a run from the studio to get a file it can open.'
    const yaml = 'name: Self-deploying on my VM\nseed: 3\nscenario: self-deploying\nhardware: {kind: vm}\nlesson:\n  title: t\n  introduction: i\n';
    const s = sessionFromText(yaml, '"vm.yaml"', 'vm.yaml');
    expect(s.name).toBe('Self-deploying on my VM');
    expect(s.seed).toBe(3);
    expect(s.outcome.errorCode).toBe('0x800705B4');
    const json = sessionFromText('{"scenario": "user-driven", "hardware": {"kind": "vm", "vCpus": 1}}', '"small.json"', 'small.json');
    expect(json.name).toBe('small');
    expect(json.outcome.status).toBe('failed');
  });

  it('a scenario file with a mistake is named with its line, as validate names it; a file that is neither still says what to import', () => {
    expect(() => sessionFromText('scenario: user-driven\nhardware: {kind: vn}\n', '"vm.yaml"', 'vm.yaml')).toThrow(/^"vm\.yaml" is not a scenario file the studio can run: vm\.yaml:2: hardware\.kind: /);
    expect(() => sessionFromText('hello', '"notes.txt"', 'notes.txt')).toThrow(/is not JSON .*or import a scenario file \(\.yaml\)/);
  });
});
