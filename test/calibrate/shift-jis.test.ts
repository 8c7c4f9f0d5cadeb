// An export in a Japanese Windows's ANSI code page: Windows PowerShell 5.1's Export-Csv -Encoding Default and Excel's
// "CSV (comma delimited)" on a ja-JP Windows write Shift-JIS without a byte order mark, which was read as Windows-1252:
// "Autopilot 東京本社" was "Autopilot “Œ‹ž–{ŽÐ", and --deployment-profile "Autopilot 東京本社" matched no deployment.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansiCodePage } from '../../src/calibrate/read.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-sjis-');

// Shift-JIS bytes of the names (code page 932), written by hand: Node encodes no Shift-JIS.
const TOKYO = Buffer.from('Autopilot 東京本社');
const TOKYO_SJIS = Buffer.concat([Buffer.from('Autopilot '), Buffer.from([0x93, 0x8c, 0x8b, 0x9e, 0x96, 0x7b, 0x8e, 0xd0])]);
const OSAKA_SJIS = Buffer.from([0x83, 0x49, 0x81, 0x5b, 0x83, 0x67, 0x83, 0x70, 0x83, 0x43, 0x83, 0x8d, 0x83, 0x62, 0x83, 0x67, 0x20, 0x2d, 0x20, 0x91, 0xe5, 0x8d, 0xe3]);
const DEFAULT_SJIS = Buffer.from([0x8a, 0xf9, 0x92, 0xe8]); // 既定
const GENEVE_1252 = Buffer.from('Autopilot Genève', 'latin1'); // è is E8, a Shift-JIS lead byte: "Gen钁e" there

const COLUMNS = 'id,deviceId,enrollmentType,deploymentState,deviceSetupStatus,accountSetupStatus,deviceSetupDuration,accountSetupDuration,deploymentTotalDuration,deploymentStartDateTime,windowsAutopilotDeploymentProfileDisplayName,enrollmentFailureDetails';
/** A CSV of successes, the i-th deployment's profile name given as bytes. */
function csv(name: string, profiles: Buffer[]): string {
  const rows = profiles.map((profile, i) => {
    const d = 20 + (i % 9);
    const a = 8 + (i % 5);
    const cells = `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000,d${String(i).padStart(7, '0')}-0000-4000-8000-000000000000,azureADJoinedWithAutopilotProfile,success,success,success,PT${d}M,PT${a}M,PT${d + a + 6}M,2026-10-${String(1 + (i % 28)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00Z,`;
    return Buffer.concat([Buffer.from(cells), profile, Buffer.from(',\r\n')]);
  });
  const p = join(dir, name);
  writeFileSync(p, Buffer.concat([Buffer.from(`${COLUMNS}\r\n`), ...rows]));
  return p;
}

describe('an export in Shift-JIS, without a byte order mark', () => {
  it('is read as Shift-JIS: its profile names are the ones the admin types', async () => {
    const file = csv('sjis.csv', Array.from({ length: 60 }, (_, i) => (i % 3 ? TOKYO_SJIS : OSAKA_SJIS)));
    const r = await cli('calibrate', file, '--deployment-profile', TOKYO.toString(), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).segments[0].deployments).toBe(40);
    const o = await cli('calibrate', file, '--deployment-profile', 'オートパイロット - 大阪', '--json');
    expect([o.code, JSON.parse(o.out).segments[0].deployments]).toEqual([0, 20]);
  });

  it('a Western export whose accented letters also pair up as Shift-JIS is still Windows-1252', async () => {
    // "Genève" is valid Shift-JIS too ("Gen钁e"): a lone kanji between Latin letters is no Japanese.
    expect(ansiCodePage(Buffer.concat([GENEVE_1252, Buffer.from(',\r\n')]))).toBe('windows-1252');
    const file = csv('geneve.csv', Array.from({ length: 40 }, () => GENEVE_1252));
    const r = await cli('calibrate', file, '--deployment-profile', 'Autopilot Genève', '--json');
    expect([r.err, r.code, JSON.parse(r.out).segments[0].deployments]).toEqual(['', 0, 40]);
  });

  it('one that reads as Windows-1252 and Shift-JIS alike is refused in one line naming the file', async () => {
    const file = csv('either.csv', [GENEVE_1252, GENEVE_1252, DEFAULT_SJIS, ...Array.from({ length: 37 }, () => Buffer.from('Autopilot'))]);
    expect(ansiCodePage(Buffer.concat([GENEVE_1252, Buffer.from(','), GENEVE_1252, Buffer.from(','), DEFAULT_SJIS, Buffer.from(',')]))).toBeNull();
    const r = await cli('calibrate', file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err.trim()).toBe(
      `autopilot-sim: ${file}: expected UTF-8 or UTF-16 text, or text in an ANSI code page calibrate can tell (Windows-1252, Windows-1250, Windows-1251, Shift-JIS), got text without a byte order mark that is not UTF-8 and reads as Windows-1252 and as Shift-JIS alike, so its names cannot be read; save it as UTF-8 (Export-Csv -Encoding UTF8, or Excel's "CSV UTF-8") and calibrate that file`,
    );
  });
});
