// Every option's bad value is refused with one line that names the option, what it expects
// and what it was given (exit 2), read from the program itself: an option added later that
// takes a number without a parser, or whose parser's message leaves out its name, fails here.
import { describe, expect, it } from 'vitest';
import { buildProgram, UsageError } from '../../src/cli/program.ts';
import { cli } from '../helpers/cli.ts';

const program = buildProgram({ out: () => {}, err: () => {} }, { code: 0 });

/**
 * Options whose value is free text (a file, a URL, names), checked by their command where it
 * knows what is valid (each was run with a bad value: exit 2, one line naming the option).
 */
const CHECKED_BY_THE_COMMAND = new Set(['--inspect', '--csv', '--html', '--output', '--overlay', '--segment', '--scenarios', '--labels', '--vary', '--inject', '--format', '--state', '--fit', '--deployment-profile', '--against']);

/** Values no option that takes a number accepts. */
const ALWAYS_BAD = ['-1', '1e309', 'NaN', '', 'many', '0x10', '-0'];
/** Options that take a fraction (play's speed: 1.5 virtual minutes a real minute). */
const FRACTION_ALLOWED = new Set(['--speed']);
/** Options where 0 is a value (a seed, a port chosen by the system, device 0, no apps). */
const ZERO_ALLOWED = new Set(['--seed', '--port', '--device', '--device-apps', '--user-apps']);

const rows = program.commands.flatMap((command) =>
  command.options.filter((o) => o.required || o.optional).map((o) => ({ command: command.name(), flag: o.long!, parse: o.parseArg as ((v: string, prev: unknown) => unknown) | undefined })),
);

describe('option values', () => {
  it('every option that takes a value either has a parser or is checked by its command', () => {
    const unchecked = rows.filter((r) => !r.parse && !CHECKED_BY_THE_COMMAND.has(r.flag)).map((r) => `${r.command} ${r.flag}`);
    expect(unchecked).toEqual([]);
    expect(rows.length).toBeGreaterThan(30);
  });

  const parsed = rows.filter((r) => r.parse);
  it.each(parsed.map((r) => [`${r.command} ${r.flag}`, r] as const))('%s: bad values name the option, what it expects and what it got', (_name, r) => {
    const bad = [...ALWAYS_BAD, ...(ZERO_ALLOWED.has(r.flag) ? [] : ['0']), ...(FRACTION_ALLOWED.has(r.flag) ? [] : ['1.5'])];
    for (const v of bad) {
      let error: unknown;
      try {
        r.parse!(v, undefined);
      } catch (e) {
        error = e;
      }
      expect(error, `${r.command} ${r.flag} "${v}" was accepted`).toBeInstanceOf(UsageError);
      const message = (error as Error).message;
      expect(message, `${r.command} ${r.flag} "${v}"`).toMatch(new RegExp(`^${r.flag}: expected .+got "${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
      expect(message).not.toContain('\n');
    }
  });

  it('on the command line: one line naming the option, exit 2, no stack trace', async () => {
    for (const argv of [
      ['calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--device-apps', '-1'],
      ['calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--user-apps', 'two'],
      ['run', 'self-deploying', '--devices', '1e309'],
      ['play', 'self-deploying', '--speed', 'NaN'],
      ['diagram', 'user-driven', '--format', 'svg', '--fit', '0:0'],
      ['compare', 'self-deploying', '--scenarios', 'user-driven'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      const flag = [...argv].reverse().find((a) => a.startsWith('--'))!;
      expect(r.err.trim(), argv.join(' ')).toMatch(new RegExp(`^autopilot-sim: ${flag}: expected [^\\n]+$`));
    }
  });

  it('an option without its value or with an empty one, an option given twice with different values, and conflicting options, are refused with exit 2 naming them', async () => {
    const missing = await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--device-apps');
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n')[0]).toBe('autopilot-sim: --device-apps: expected <n>, got nothing');
    const output = await cli('diagram', 'user-driven', '-o');
    expect(output.code).toBe(2);
    expect(output.err.split('\n')[0]).toBe('autopilot-sim: --output: expected <file>, got nothing');
    const required = await cli('sweep', 'self-deploying');
    expect(required.code).toBe(2);
    expect(required.err.split('\n')[0]).toBe('autopilot-sim: --vary: required, expected <field=values>, got nothing');
    const twice = await cli('run', 'self-deploying', '--seed', '1', '--devices', '10', '--seed', '2');
    expect(twice.code).toBe(2);
    expect(twice.err.trim()).toMatch(/^autopilot-sim: --seed: expected one value, got "1" and then "2"$/);
    const twiceText = await cli('diagram', 'user-driven', '--format', 'svg', '--format', 'dot');
    expect(twiceText.code).toBe(2);
    expect(twiceText.err.trim()).toMatch(/^autopilot-sim: --format: expected one value, got "svg" and then "dot"$/);
    // sweep --vary twice was told only 'expected one value': a sweep moves one setting, and the line says how to move two.
    const twoSettings = await cli('sweep', 'self-deploying', '--devices', '10', '--vary', 'apps=4,8', '--vary', 'esp.timeoutMinutes=30,60');
    expect(twoSettings.code).toBe(2);
    expect(twoSettings.err.trim()).toBe(
      'autopilot-sim: --vary: expected one value, got "apps=4,8" and then "esp.timeoutMinutes=30,60": a sweep moves one setting; for two, set the first in the file at each of its values and sweep the second on each file, or write each combination as a file and compare them two at a time (compare <a> <b>)',
    );
    // An empty value was read as the option left out: calibrate --segment '' calibrated every segment, exit 0.
    for (const [argv, message] of [
      [['calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--segment', ''], '--segment: expected <scenario/join>, got an empty value'],
      [['play', 'self-deploying', '--auto', '--inject', ' '], '--inject: expected <faults>, got an empty value'],
      [['simulate', 'self-deploying', '--inspect', ''], '--inspect: expected [url], got an empty value'],
      [['compare', 'self-deploying', '--scenarios', ''], '--scenarios: expected <a,b>, got an empty value'],
      [['run', 'self-deploying', '--csv', ''], '--csv: expected <file>, got an empty value'],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim(), argv.join(' ')).toBe(`autopilot-sim: ${message}`);
    }
    const both = await cli('run', 'self-deploying', '--json', '--markdown');
    expect(both.code).toBe(2);
    expect(both.err.trim()).toMatch(/^autopilot-sim: --json and --markdown both print the report: give one of them$/);
  });
  it('a slip in a scenario\'s or a fault\'s name is named with the one meant, in one line (the fault was lost at the head of a list of 64)', async () => {
    for (const [argv, message] of [
      [['compare', 'fleets/new-laptops', '--scenarios', 'user-driven,preprovisioned'], '--scenarios: no scenario "preprovisioned": did you mean pre-provisioned?'],
      [['compare', 'fleets/new-laptops', '--scenarios', 'Self-Deploying,user-driven'], '--scenarios: no scenario "Self-Deploying": did you mean self-deploying?'],
      [['play', 'self-deploying', '--auto', '--inject', 'tpm-fail'], '--inject: no fault "tpm-fail": did you mean tpm-fails?'],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim(), argv.join(' ')).toBe(`autopilot-sim: ${message}`);
    }
    // No slip: the list of what there is.
    expect((await cli('play', 'self-deploying', '--auto', '--inject', 'gremlins')).err).toMatch(/^autopilot-sim: --inject: no fault "gremlins"; the faults: account-not-allowed, /);
  });
});
