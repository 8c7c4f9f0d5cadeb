// A slip in a date column that calibrate reads passed with no word where an earlier date column of the record read: the
// observer took a deployment's start from the first of deploymentStartDateTime, enrollmentStartDateTime and eventDateTime
// that read as a date and never looked at the others, so an admin's hand-edited eventDateTime '2026-10-32T09:12:00Z'
// exited 0, while the same slip in deploymentStartDateTime was refused. Every one of them is now read and a
// date no reader knows is refused, naming the file, the record and the column as the file writes it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { csvOf, successes } from './events.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-every-date-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('a date slip in any date column calibrate reads', () => {
  for (const column of ['enrollmentStartDateTime', 'eventDateTime'] as const) {
    it(`is refused in ${column} though deploymentStartDateTime reads`, async () => {
      const events = successes(40).map((e) => ({ ...e, enrollmentStartDateTime: e.deploymentStartDateTime, eventDateTime: e.deploymentStartDateTime }));
      events[7]![column] = '2026-10-32T09:12:00Z';
      const file = join(dir, `${column}.json`);
      writeFileSync(file, JSON.stringify({ value: events }));
      const r = await cli('calibrate', file, '--json');
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`${file}: record 8: ${column}: expected a date and time`);
      expect(r.err).toContain('got "2026-10-32T09:12:00Z"');
    });
  }

  it('names the column as an Export-Csv header writes it', async () => {
    const events = successes(40).map((e) => ({ ...e, eventDateTime: e.deploymentStartDateTime }));
    events[4]!.eventDateTime = '31.10.2026 25:61';
    const file = join(dir, 'pascal.csv');
    writeFileSync(file, csvOf(events, { eventDateTime: 'EventDateTime' }));
    const r = await cli('calibrate', file, '--json');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/pascal\.csv:6: record 5: EventDateTime: expected a date and time/);
  });

  it('reads an export whose every date column reads, as before', async () => {
    const events = successes(40).map((e) => ({ ...e, enrollmentStartDateTime: e.deploymentStartDateTime, eventDateTime: '2026-10-31T23:59:00+01:00' }));
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify({ value: events }));
    expect((await cli('calibrate', file, '--json')).code).toBe(0);
  });
});
