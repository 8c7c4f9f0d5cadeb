// An en-US export's dates have AM or PM (12/3/2026 2:05:33 PM); a row among them without it (typed or pasted from
// another machine, 12/3/2026 2:05:33) was read as 2 in the morning, 12 hours off, with no word, where it could as well
// be the afternoon. It is now an error naming the file, its line, the record and the column; a file without AM or PM
// (24-hour cultures), or with hours that only one clock has (14:05), is read as before.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockOf } from '../../src/calibrate/graph.ts';
import { csvOf, successes } from './events.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-twelve-hour-');
const write = (name: string, starts: (i: number) => string) => {
  const f = join(dir, name);
  writeFileSync(f, csvOf(successes(40).map((e, i) => ({ ...e, deploymentStartDateTime: starts(i) }))));
  return f;
};
const day = (i: number) => 1 + (i % 28);

describe('a 12-hour clock', () => {
  it('clockOf tells a 12-hour time, and an hour without AM or PM that either half of the day could have', () => {
    expect(['12/3/2026 2:05:33 PM', '12/3/2026 2:05:33', '12/3/2026 14:05:33', '2026-12-03T02:05:33Z', '12/3/2026', '3.12.2026 09:05'].map(clockOf)).toEqual(['twelve', 2, null, null, null, 9]);
  });

  it('one date without AM or PM among dates with it: exit 2, one line naming the file, line, record and column', async () => {
    const f = write('mixed.csv', (i) => (i === 3 ? `11/${day(i)}/2026 2:51:16` : `11/${day(i)}/2026 ${1 + (i % 12)}:05:00 ${i % 2 ? 'PM' : 'AM'}`));
    const r = await cli('calibrate', f);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err.trim()).toBe(
      `autopilot-sim: ${f}:5: record 4: deploymentStartDateTime: expected a time with AM or PM, as the file's dates are written (record 1's deploymentStartDateTime), got one without, at 2 o'clock, which reads as the morning or the afternoon alike: a file's dates are written in one culture's clock; export again from one machine, or calibrate the files apart`,
    );
  });

  it('a 24-hour export, and an en-US one with AM or PM on every date, read as before', async () => {
    for (const [name, starts] of [
      ['de.csv', (i: number) => `${day(i)}.11.2026 ${String(i % 24).padStart(2, '0')}:05`],
      ['us.csv', (i: number) => `11/${day(i)}/2026 ${1 + (i % 12)}:05:00 ${i % 2 ? 'PM' : 'AM'}`],
      ['us-13.csv', (i: number) => (i === 3 ? `11/${day(i)}/2026 14:51:16` : `11/${day(i)}/2026 ${1 + (i % 12)}:05:00 PM`)],
    ] as const) {
      const r = await cli('calibrate', write(name, starts), '--json');
      expect([name, r.err, r.code]).toEqual([name, '', 0]);
    }
  });
});
