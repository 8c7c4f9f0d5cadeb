// The device preparation deployments report of last month beside this month's: a row In progress on October's last day
// is in November's report with its outcome. The row read first was kept, so October's rows In progress were said to
// have stalled and November's outcomes of them dropped as duplicates (10 of an admin's 70, the success rate leaving them
// out), as Graph's records had been before test/calibrate/overlapping-exports.test.ts. The row with the outcome is now
// the deployment's, whichever report comes first.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { observe } from '../../src/calibrate/index.ts';
import { SUPERSEDED } from '../../src/calibrate/observe.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-apdp-later-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = '"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"';
const row = (name: string, date: string, status: string, phase: string, time: string) => `"${name}","${date}","${status}","${phase}","SYNTHETIC-${name}","${time}","${name}@synthetic.example.invalid"`;
const write = (name: string, rows: string[]) => {
  const file = join(dir, name);
  writeFileSync(file, `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`);
  return file;
};
// October: 60 finished, 10 In progress on its last day. November: those 10 finished (8 succeeded, 2 failed at apps), 60 new.
const october = write('october.csv', [
  ...Array.from({ length: 60 }, (_, i) => row(`A${i}`, `10/${1 + (i % 28)}/2026 9:00:00 AM`, 'Success', 'Completed', `${25 + (i % 7)} min 10 sec`)),
  ...Array.from({ length: 10 }, (_, i) => row(`P${i}`, '10/31/2026 9:00:00 AM', 'In progress', 'App installation', 'In progress')),
]);
const november = write('november.csv', [
  ...Array.from({ length: 10 }, (_, i) => row(`P${i}`, '10/31/2026 9:00:00 AM', i < 8 ? 'Success' : 'Failed', i < 8 ? 'Completed' : 'App installation', `${26 + (i % 5)} min 0 sec`)),
  ...Array.from({ length: 60 }, (_, i) => row(`B${i}`, `11/${1 + (i % 28)}/2026 9:00:00 AM`, 'Success', 'Completed', `${25 + (i % 7)} min 10 sec`)),
]);

describe("a device preparation row In progress in last month's report, finished in this month's", () => {
  it('is the finished row, whichever report is read first', async () => {
    for (const files of [[october, november], [november, october]]) {
      const o = await observe(files);
      const seg = o.segments.get('device-preparation/entra')!;
      expect(seg.events).toBe(130);
      expect(seg.outcomes.success).toBe(128);
      expect(seg.outcomes.failure).toBe(2);
      expect(o.unusable).toEqual(new Map([[files[0] === october ? SUPERSEDED : 'duplicate deployment (the same device and enrollment date already read)', 10]]));
    }
  });
});
