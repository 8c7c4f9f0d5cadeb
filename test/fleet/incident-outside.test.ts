// A cloud incident outside the rollout's hours fails no device: run and recommend say so in one line, in every format
// (they said nothing, so an incident that never met a device read as one the rollout weathered).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('incident-outside-');
const file = (name: string, incident: string) => {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    ['name: Laptops', 'scenario: user-driven', 'devices: 200', 'seed: 7', 'environment:', '  profile: { joinType: entra }', 'rollout: { windowHours: 8 }', 'sharedWorld:', `  incident: ${incident}`, ''].join('\n'),
  );
  return path;
};
const LINE = 'The Microsoft Entra incident in the file (sharedWorld.incident, hours 30–34, 50.0% of requests) failed no device: it starts at hour 30, after the rollout window (devices start over hours 0–8), and no device was still asking then. It changes nothing here.';
const times = (text: string, line: string) => text.split(line).length - 1;

describe('an incident outside the rollout window', () => {
  const after = file('after', '{ service: entra, startHour: 30, endHour: 34, failureShare: 0.5 }');

  it('run says so once in the terminal, Markdown, JSON and HTML', async () => {
    const html = join(dir, 'run.html');
    const terminal = await cli('run', after, '--html', html);
    expect(terminal.code).toBe(0);
    expect(times(terminal.out, LINE)).toBe(1);
    expect(times((await cli('run', after, '--markdown')).out, LINE)).toBe(1);
    const json = JSON.parse((await cli('run', after, '--json')).out);
    expect(json.warnings.filter((w: { kind: string }) => w.kind === 'incident-without-effect').map((w: { text: string }) => w.text)).toEqual([LINE]);
    expect(times(readFileSync(html, 'utf8'), LINE)).toBe(1);
  });

  it('recommend says so once in the terminal, Markdown, JSON and HTML', async () => {
    const html = join(dir, 'recommend.html');
    const terminal = await cli('recommend', after, '--html', html);
    expect(terminal.code).toBe(0);
    expect(times(terminal.out, LINE)).toBe(1);
    expect(times((await cli('recommend', after, '--markdown')).out, LINE)).toBe(1);
    expect(JSON.parse((await cli('recommend', after, '--json')).out).notes).toContain(LINE);
    expect(times(readFileSync(html, 'utf8'), LINE)).toBe(1);
  });

  it('an incident the devices meet says nothing of the kind: its failures say it', async () => {
    const inside = file('inside', '{ service: entra, startHour: 0, endHour: 8, failureShare: 0.5 }');
    const json = JSON.parse((await cli('run', inside, '--json')).out);
    expect(json.failures.map((f: { cause: string }) => f.cause)).toContain('a Microsoft Entra incident');
    expect(json.warnings.map((w: { kind: string }) => w.kind)).not.toContain('incident-without-effect');
    expect(JSON.parse((await cli('recommend', inside, '--json')).out).notes.join(' ')).not.toMatch(/failed no device/);
  });

  it("sweep names the values where the incident fails no device (it said only 'From 20 on, success stays at 100.0%')", async () => {
    const moving = file('moving', '{ service: entra, startHour: 0, endHour: 1000, failureShare: 0.5 }');
    const r = await cli('sweep', moving, '--vary', 'sharedWorld.incident.startHour=0,4,20,30', '--json');
    expect(r.code, r.err).toBe(0);
    const finding = JSON.parse(r.out).finding as string;
    expect(finding).toMatch(/ At 20 and 30, the file's cloud incident \(sharedWorld\.incident\) fails no device: it changes nothing there\.$/);
  });
});
