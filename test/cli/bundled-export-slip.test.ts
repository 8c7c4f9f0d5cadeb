// A slip in the bundled sample export's name is named with the one meant, as a scenario's or a fleet's is: calibrate
// said 'scenarios/calibration/synthetic-autopilot-event.csv: file not found' alone, where run says 'did you mean
// fleets/branch-rollout?' for fleets/branch-rolout.
import { describe, expect, it } from 'vitest';
import { calibrate, InputError } from '../../src/index.ts';
import { cli } from '../helpers/cli.ts';

describe("a slip in a bundled export's name", () => {
  it('on the command line, as the README writes it (scenarios/ first) and as a bundled name', async () => {
    const r = await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-event.csv');
    expect(r.code).toBe(2);
    expect(r.err).toContain('scenarios/calibration/synthetic-autopilot-event.csv: file not found: did you mean scenarios/calibration/synthetic-autopilot-events.csv?');
    const esp = await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', 'calibration/synthetic-esp-profile.csv');
    expect(esp.err).toContain('calibration/synthetic-esp-profile.csv: file not found: did you mean calibration/synthetic-esp-profiles.csv?');
    // Nothing near: the message alone.
    expect((await cli('calibrate', 'events.csv')).err).toContain('events.csv: file not found');
    expect((await cli('calibrate', 'events.csv')).err).not.toContain('did you mean');
  });

  // The sample's file name alone, as `ls scenarios/calibration` shows it, without its folder: 'file not found' alone.
  it("the file's name without its folder, or its name without .csv", async () => {
    const r = await cli('calibrate', 'synthetic-autopilot-events.csv');
    expect(r.code).toBe(2);
    expect(r.err).toContain('synthetic-autopilot-events.csv: file not found: did you mean calibration/synthetic-autopilot-events.csv?');
    const e = await calibrate('synthetic-esp-profiles').then(() => null, (x: unknown) => x);
    expect((e as Error).message).toBe('synthetic-esp-profiles: file not found: did you mean calibration/synthetic-esp-profiles.csv?');
    // Under scenarios/ but without calibration/: the whole path meant.
    expect((await cli('calibrate', 'scenarios/synthetic-autopilot-events.csv')).err).toContain('did you mean scenarios/calibration/synthetic-autopilot-events.csv?');
    // A file of one's own that is missing names no sample.
    expect((await cli('calibrate', 'exports/events.csv')).err).not.toContain('did you mean');
  });

  it('from the library', async () => {
    const e = await calibrate('calibration/synthetic-autopilot-event.csv').then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('calibration/synthetic-autopilot-event.csv: file not found: did you mean calibration/synthetic-autopilot-events.csv?');
  });
});
