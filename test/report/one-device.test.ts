// A count of one device reads "1 device": run printed "User-driven, Entra join  1 devices · seed 1" for a calibrated
// twin or `run <scenario> --devices 1`, compare "1 devices each", recommend "1 devices per scenario" and "Fleet (1
// devices sampled ...)", a failure's warning "(1 devices)". Every count of devices goes through devicesText
// (src/report/charts.ts), in the terminal, Markdown and HTML alike.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('one-device-');
const vm = join(dir, 'vm.yaml');
writeFileSync(vm, 'scenario: self-deploying\ndevices: 1\nenvironment: { hardware: { kind: vm } }\n');
const ONE = /\b1 devices\b/;

describe('one device is "1 device"', () => {
  it('run, in the terminal, Markdown and HTML', async () => {
    const html = join(dir, 'run.html');
    for (const format of [[], ['--markdown'], ['--html', html]]) {
      const r = await cli('run', 'user-driven-entra', '--devices', '1', ...format);
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(ONE);
      if (!format.length) expect(r.out).toContain('User-driven, Entra join  1 device · seed 1');
      if (format[0] === '--markdown') expect(r.out.split('\n')).toContain('1 device · seed 1');
    }
    expect(readFileSync(html, 'utf8')).not.toMatch(ONE);
  });

  it("a run of one failing device: its warning and failure mode", async () => {
    for (const format of [[], ['--markdown']]) {
      const r = await cli('run', vm, ...format);
      expect(r.out).toContain('(1 device). Documented fix');
      expect(r.out).not.toMatch(ONE);
    }
  });

  it('compare and recommend', async () => {
    for (const format of [[], ['--markdown']]) {
      const c = await cli('compare', 'user-driven-entra', 'self-deploying', '--devices', '1', ...format);
      expect(c.code).toBe(0);
      expect(c.out).toContain('1 device each');
      expect(c.out).not.toMatch(ONE);
      const r = await cli('recommend', 'user-driven-entra', '--devices', '1', ...format);
      expect(r.code).toBe(0);
      expect(r.out).toContain('1 device per scenario');
      expect(r.out).toContain('Fleet (1 device sampled across groups and sites)');
      expect(r.out).not.toMatch(ONE);
    }
  });
});

describe('one device a value, one device succeeding', () => {
  it('sweep\'s header reads "1 device per value" (it read "1 devices per value"), in the terminal and Markdown', async () => {
    for (const format of [[], ['--markdown']]) {
      const r = await cli('sweep', 'user-driven-entra', '--vary', 'apps=4,8', '--devices', '1', ...format);
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(ONE);
      expect(r.out).toContain('1 device per value · seed 1');
    }
  });

  it('compare\'s note where no device succeeds in both says "A: 1 succeeds" (it read "A: 1 succeed")', async () => {
    const file = join(dir, 'vm-user-driven.yaml');
    writeFileSync(file, 'scenario: user-driven\nhardware: {kind: vm}\n');
    const r = await cli('compare', file, '--scenarios', 'user-driven,self-deploying', '--devices', '1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('No device succeeds in both runs (A: 1 succeeds, B: 0)');
  });
});
