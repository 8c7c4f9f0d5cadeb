// calibrate --against <exports...> takes a later export of several files, as Graph's pages are saved one a file
// (november-page001.json, november-page002.json) and as a tenant's classic events sit beside its device preparation
// report: the option's second value was refused as the option given twice ('--against: expected one value, got
// "november-1.csv" and then "november-2.csv"', exit 2), so a later month of more than one file could not be held.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { csvOf, successes } from './events.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-against-files-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` successes of a month, ids apart per file. */
function month(name: string, n: number, day: string): string {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, csvOf(successes(n).map((e, i) => ({ ...e, id: `${name}-${i}`, deviceId: `${name}-device-${i}`, deploymentStartDateTime: `${day}T09:00:00Z` }))));
  return file;
}

describe('calibrate --against a later export of several files', () => {
  it('reads each file after --against as the later export, the exports calibrated before it', async () => {
    const october = month('october', 300, '2026-10-10');
    const [first, second] = [month('november-1', 150, '2026-11-10'), month('november-2', 150, '2026-11-20')];
    const r = await cli('calibrate', october, '--against', first, second, '--json');
    expect([r.code, r.err]).toEqual([0, '']);
    const b = JSON.parse(r.out).backtest;
    expect(b.against).toEqual([first, second]);
    // Both files' deployments, the later export's 300.
    expect(b.segments[0].observed.deployments).toBe(300);
  });

  it('still refuses another option given twice with two values', async () => {
    const october = month('october-2', 60, '2026-10-10');
    const r = await cli('calibrate', october, '--segment', 'user-driven/entra', '--segment', 'self-deploying/entra');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--segment: expected one value, got "user-driven\/entra" and then "self-deploying\/entra"/);
  });
});
