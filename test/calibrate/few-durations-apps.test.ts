// A pilot's apps fitted to a few durations: 5 self-deploying device setups gave a device app 'median 2.07 min, p90 2.91',
// stated as closely as 5,000 would, and the one caveat beside it spoke of the success rate, where a what-if on the apps or
// the ESP's timeout turns on the apps' install time. Under 30 durations the report and the twin now say how little it
// rests on: the phase's median with a distribution-free interval (its order statistics).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { medianInterval } from '../../src/calibrate/fit.ts';
import { Histogram } from '../../src/fleet/stats.ts';
import { csvOf, successes } from './events.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-few-apps-');

it('the median interval holds the median 95 times in 100, or says how often the extremes do', () => {
  const of = (xs: number[]) => {
    const h = new Histogram();
    for (const x of xs) h.add(x);
    return medianInterval(h);
  };
  // Five: the shortest and the longest, 1 - 2/32.
  expect(of([20, 21, 22, 23, 24])).toMatchObject({ coverage: 0.9375 });
  expect(of([20, 21, 22, 23, 24]).lo).toBeCloseTo(20.125, 3);
  expect(of([20, 21, 22, 23, 24]).hi).toBeCloseTo(24, 3);
  // Twenty: X(6) and X(15), 1 - 2 P(Bin(20, 1/2) <= 5) = 0.9586.
  const twenty = of(Array.from({ length: 20 }, (_, i) => 10 + i));
  expect(twenty.coverage).toBeCloseTo(0.9586, 4);
  expect(twenty.lo).toBeCloseTo(15.125, 3);
  expect(twenty.hi).toBeCloseTo(24.125, 3);
});

it('says in the report and the twin that apps fitted to fewer than 30 durations rest on few, and nothing from 30 on', async () => {
  const file = join(dir, 'pilot.csv');
  writeFileSync(file, csvOf(successes(20)));
  const twin = join(dir, 'pilot.yaml');
  const r = await cli('calibrate', file, '-o', twin, '--json');
  expect(r.code).toBe(0);
  const caveats: string[] = JSON.parse(r.out).segments[0].caveats;
  const device = caveats.find((c) => c.startsWith('device setup: the 5 device apps'));
  expect(device).toMatch(/^device setup: the 5 device apps' install time \(median \d+(\.\d+)? min, p90 \d+(\.\d+)? each\) is fitted to 20 device setup durations, fewer than 30, whose median, 23\.1 min, lies between 2\d\.\d and 2\d\.\d min 95\.9 times in 100 \(their order statistics\): the apps' install time moves with it, and a what-if on the apps or the timeout is as unsure$/);
  expect(caveats.some((c) => c.startsWith('account setup: the 2 user apps\' install time'))).toBe(true);
  expect(readFileSync(twin, 'utf8')).toContain(`# what-if caveat: ${device}`);
  const enough = join(dir, 'enough.csv');
  writeFileSync(enough, csvOf(successes(40)));
  const e = JSON.parse((await cli('calibrate', enough, '--json')).out).segments[0].caveats as string[];
  expect(e.filter((c) => c.includes("install time ("))).toEqual([]);
});

it('gives a failure resting on fewer than 30 failures its share\'s 95% interval, in the report, the twin and --json', async () => {
  // 25 deployments, 2 failed with an app's code: '2 (8.0% of deployments; probability 0.0648 once there)', as closely as 2,000.
  const fail = { deploymentState: 'failure', deviceSetupStatus: 'failure', accountSetupStatus: 'notAttempted', accountSetupDuration: null, enrollmentFailureDetails: 'Win32 app failed 0x87D1041C' };
  const file = join(dir, 'small.csv');
  writeFileSync(file, csvOf(successes(25).map((e, i) => (i < 2 ? { ...e, ...fail } : e))));
  const twin = join(dir, 'small.yaml');
  const r = await cli('calibrate', file, '-o', twin);
  expect(r.code).toBe(0);
  expect(r.out.replace(/\s+/g, ' ')).toMatch(/failure 0x87D1041C \(not in the catalogue; counted under ESP_APP_FAILED\) at deviceSetup: 2 \(8\.0% of deployments; probability 0\.\d+ once there[^)]*; 95% interval of the share 2\.2%–25\.0%, from 2 failures\)/);
  expect(readFileSync(twin, 'utf8')).toMatch(/reportedCode: "0x87D1041C", probability: 0\.\d+ \} # 2 observed \(8\.00%\);.*; 95% interval of the share 2\.2%–25\.0%, from 2 failures$/m);
  expect(JSON.parse((await cli('calibrate', file, '--json')).out).segments[0].failures[0].interval95).toEqual([0.0222, 0.2497]);
  // 30 failures or more: the interval in --json alone.
  const large = join(dir, 'large.csv');
  writeFileSync(large, csvOf(successes(600).map((e, i) => (i < 36 ? { ...e, ...fail } : e))));
  const l = await cli('calibrate', large, '-o', join(dir, 'large.yaml'), '--json');
  expect(JSON.parse(l.out).segments[0].failures[0].interval95).toEqual([0.0437, 0.0819]);
  expect(readFileSync(join(dir, 'large.yaml'), 'utf8')).not.toContain('95% interval of the share');
});
