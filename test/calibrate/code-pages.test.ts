// An export in an ANSI code page other than Windows-1252 (Windows-1250's Polish, Windows-1251's Russian) has bytes that
// are letters in Windows-1252 too: it was read as Windows-1252 with no word, its names past ASCII other letters, and a
// Polish or Russian admin's --deployment-profile matched none of them. Told apart where the bytes allow it; where they do
// not, said so, naming the file and both readings.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../src/calibrate/graph.ts';
import { ansiCodePage } from '../../src/calibrate/read.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-code-pages-');

/** A code page's bytes for the text, from its own table (Node encodes none of them). */
const encode = (page: string, text: string) => {
  const byChar = new Map<string, number>();
  for (let b = 0xff; b >= 0; b--) byChar.set(new TextDecoder(page).decode(Buffer.from([b])), b);
  // Node 20 decodes Windows-1252's 0x80..0x9F one byte at a time as control characters: its en dash written by hand.
  byChar.set('–', 0x96);
  return Buffer.from([...text].map((c) => byChar.get(c) ?? Number.NaN));
};
const cp1251 = (text: string) => encode('windows-1251', text);
const cp1250 = (text: string) => encode('windows-1250', text);

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
  it('Russian in Windows-1251 is read as Windows-1251: its profile names are the ones the admin types', async () => {
    const f = join(dir, 'moscow.csv');
    writeFileSync(f, cp1251(csv('Autopilot Москва')));
    const r = await cli('calibrate', f, '--deployment-profile', 'Autopilot Москва', '--markdown');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`**Code page:** moscow.csv read as Windows-1251 (no byte order mark, and not UTF-8): its names past ASCII (a deployment profile's, an ESP profile's) are right only if it was written in that code page; save it as UTF-8`);
    const json = JSON.parse((await cli('calibrate', f, '--json')).out);
    expect(json.codePage).toMatch(/moscow\.csv read as Windows-1251/);
    const twin = (await cli('calibrate', f)).out;
    // The twin is shared with colleagues: it names the file, not the folder it sits in on the admin's machine.
    expect(twin).toMatch(/^# Code page: moscow\.csv read as Windows-1251/m);
    expect(twin).not.toContain(dir);
  });

  it('Polish in Windows-1250 is read as Windows-1250 where a letter is none in Windows-1252 ("Wrocław" is "Wroc³aw" there)', async () => {
    for (const name of ['Autopilot Wrocław', 'Autopilot Łódź', 'Autopilot Śląsk', 'Autopilot Košice']) {
      const page = name.endsWith('Košice') ? 'windows-1252' : 'windows-1250'; // š is the same byte in both
      expect([name, ansiCodePage(cp1250(`"${name}",`))]).toEqual([name, page]);
    }
    const f = join(dir, 'wroclaw.csv');
    writeFileSync(f, cp1250(csv('Autopilot Wrocław – Śródmieście')));
    const r = await cli('calibrate', f, '--deployment-profile', 'Autopilot Wrocław – Śródmieście', '--json');
    expect([r.err, r.code]).toEqual(['', 0]);
    expect(JSON.parse(r.out).codePage).toMatch(/^wroclaw\.csv read as Windows-1250 /);
  });

  it('Western names stay Windows-1252, an en dash among them', async () => {
    for (const name of ['Autopilot München', 'Autopilot Genève', 'Déploiement Société Générale', 'Autopilot Señor España', 'Prêt à déployer']) {
      expect([name, ansiCodePage(Buffer.from(`"${name}",`, 'latin1'))]).toEqual([name, 'windows-1252']);
    }
    const f = join(dir, 'zurich.csv');
    writeFileSync(f, encode('windows-1252', csv('Autopilot – Zürich')));
    const r = await cli('calibrate', f, '--deployment-profile', 'Autopilot – Zürich', '--json');
    expect([r.err, r.code, JSON.parse(r.out).segments[0].deployments]).toEqual(['', 0, 40]);
  });

  it('Polish whose letters are letters in Windows-1252 too ("Gdańsk", "Gdañsk") is read as Windows-1252 and said so with both readings, naming the file', async () => {
    const f = join(dir, 'gdansk.csv');
    writeFileSync(f, cp1250(csv('Autopilot Gdańsk')));
    const json = JSON.parse((await cli('calibrate', f, '--json')).out);
    expect(json.codePage).toContain(`gdansk.csv read as Windows-1252 (no byte order mark, and not UTF-8): its names past ASCII (a deployment profile's, an ESP profile's) are right only if it was written in that code page; gdansk.csv's "Autopilot Gdañsk" reads "Autopilot Gdańsk" in Windows-1250 (a Central European Windows)`);
    expect(json.codePage).toContain('save it as UTF-8');
    // The admin's own name matches none: the error says why and what to do.
    const r = await cli('calibrate', f, '--deployment-profile', 'Autopilot Gdańsk');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(`"Autopilot Gdañsk" (40); ${f} was read as Windows-1252 (no byte order mark, and not UTF-8), and its "Autopilot Gdañsk" is "Autopilot Gdańsk" in Windows-1250: if it was written in another code page, save it as UTF-8`);
  });

  // A Western admin's Windows-1252 export had its names shown in a Windows-1250 reading no language writes ("Prêt à
  // déployer" as "Pręt ŕ déployer", ę Polish beside ŕ Slovak; "España" as "Espańa", ń before a vowel, which Polish writes
  // "ni"): noise on every French, Spanish or Portuguese export. Shown only where the reading is a language's letters.
  const cp1252 = (text: string) => encode('windows-1252', text);
  for (const [name, file] of [['Prêt à déployer', 'fr.csv'], ['Autopilot España', 'es.csv'], ['Déploiement Siège – Prêt à déployer', 'fr-siege.csv']] as const) {
    it(`a Western name in Windows-1252 ("${name}") shows no Windows-1250 reading no language writes`, async () => {
      const f = join(dir, file);
      writeFileSync(f, cp1252(csv(name)));
      const r = await cli('calibrate', f, '--json');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.codePage).toMatch(new RegExp(`^${file.replace('.', '\\.')} read as Windows-1252 `));
      expect(json.codePage).not.toContain('Windows-1250');
      const ok = await cli('calibrate', f, '--deployment-profile', name, '--json');
      expect(ok.code).toBe(0);
    });
  }
  it('"Česko" read as "Èesko" still shows its Windows-1250 reading, a Czech one', async () => {
    const f = join(dir, 'cesko.csv');
    writeFileSync(f, cp1250(csv('Autopilot Česko')));
    const json = JSON.parse((await cli('calibrate', f, '--json')).out);
    expect(json.codePage).toContain(`cesko.csv's "Autopilot Èesko" reads "Autopilot Česko" in Windows-1250`);
  });
  it('one that reads as Windows-1250 and as Windows-1252 alike is refused in one line naming the file', async () => {
    // "³" (ł) inside a word, and "ƒ", a letter in Windows-1252 that Windows-1250 does not have, inside another.
    const f = join(dir, 'either.csv');
    const bytes = Buffer.from(csv('Autopilot Wrocxaw Baxel'), 'latin1');
    bytes[bytes.indexOf('Wrocxaw') + 4] = 0xb3;
    bytes[bytes.indexOf('Baxel') + 2] = 0x83;
    writeFileSync(f, bytes);
    const r = await cli('calibrate', f);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.trim()).toBe(
      `autopilot-sim: ${f}: expected UTF-8 or UTF-16 text, or text in an ANSI code page calibrate can tell (Windows-1252, Windows-1250, Windows-1251, Shift-JIS), got text without a byte order mark that is not UTF-8 and reads as Windows-1252 and as Windows-1250 alike, so its names cannot be read; save it as UTF-8 (Export-Csv -Encoding UTF8, or Excel's "CSV UTF-8") and calibrate that file`,
    );
  });

  it('a UTF-8 export has no such note', async () => {
    const f = join(dir, 'utf8.csv');
    writeFileSync(f, csv('Autopilot Москва'), 'utf8');
    const r = await cli('calibrate', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).codePage).toBeUndefined();
  });
});
