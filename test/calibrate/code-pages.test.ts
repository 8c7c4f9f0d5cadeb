// An export in an ANSI code page other than Windows-1252 (Windows-1250's Polish, Windows-1251's Russian) has bytes that
// are letters in Windows-1252 too: it was read as Windows-1252 with no word, its names past ASCII other letters.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../src/calibrate/graph.ts';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'calibrate-code-pages-'));

/** Windows-1251's bytes for Russian letters (А..я are 0xC0..0xFF), ASCII as is. */
const cp1251 = (text: string) => Buffer.from([...text].map((c) => (c >= 'А' && c <= 'я' ? 0xc0 + c.charCodeAt(0) - 0x410 : c.charCodeAt(0))));

let n = 0;
const row = (profile: string) => {
  n++;
  const e: Record<string, string> = {
    id: `7d1c${String(n).padStart(4, '0')}-0000-4000-8000-000000000000`,
    deviceId: `d1c${String(n).padStart(5, '0')}-0000-4000-8000-000000000000`,
    enrollmentType: 'azureADJoinedWithAutopilotProfile',
    deploymentState: 'success',
    deviceSetupStatus: 'success',
    accountSetupStatus: 'success',
    deviceSetupDuration: `PT${20 + (n % 9)}M`,
    accountSetupDuration: 'PT9M',
    deploymentTotalDuration: `PT${35 + (n % 9)}M`,
    deploymentStartDateTime: `2026-10-${String(1 + (n % 28)).padStart(2, '0')}T09:00:00Z`,
    windowsAutopilotDeploymentProfileDisplayName: profile,
  };
  return PROPERTIES.map((c) => e[c] ?? '').join(';');
};
const csv = (profile: string) => `${PROPERTIES.join(';')}\r\n${Array.from({ length: 40 }, () => row(profile)).join('\r\n')}\r\n`;

describe('an export in another ANSI code page', () => {
  it('says which code page it was read as, naming the file, and that its names past ASCII may be wrong', async () => {
    const f = join(dir, 'moscow.csv');
    writeFileSync(f, cp1251(csv('Autopilot Москва')));
    const r = await cli('calibrate', f, '--markdown');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`**Code page:** moscow.csv read as Windows-1252 (no byte order mark, and not UTF-8): its names past ASCII (a deployment profile's, an ESP profile's) are right only if it was written in that code page; one in another (Windows-1250's "Kraków", Windows-1251's "Москва") reads as Windows-1252 with no error`);
    const json = JSON.parse((await cli('calibrate', f, '--json')).out);
    expect(json.codePage).toMatch(/moscow\.csv read as Windows-1252/);
    const twin = (await cli('calibrate', f)).out;
    // The twin is shared with colleagues: it names the file, not the folder it sits in on the admin's machine.
    expect(twin).toMatch(/^# Code page: moscow\.csv read as Windows-1252/m);
    expect(twin).not.toContain(dir);
  });

  it('a UTF-8 export has no such note', async () => {
    const f = join(dir, 'utf8.csv');
    writeFileSync(f, csv('Autopilot Москва'), 'utf8');
    const r = await cli('calibrate', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).codePage).toBeUndefined();
  });
});
