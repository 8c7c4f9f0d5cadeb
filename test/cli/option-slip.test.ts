// A slip in a command-line option's fixed value is named with the value meant, as a file's field is (spelling.ts's
// slipOf): `diagram --format svgg`, `calibrate --date-order dym` and `run --fail-under sucess=0.9` listed the values and
// suggested none.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe("a slip in an option's fixed value", () => {
  it("diagram's --format", async () => {
    const r = await cli('diagram', 'user-driven', '--format', 'svgg');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format: expected mermaid, dot or svg; got "svgg": did you mean "svg"?');
    const far = await cli('diagram', 'user-driven', '--format', 'png');
    expect(far.err).toContain('got "png"');
    expect(far.err).not.toContain('did you mean');
  });

  it("calibrate's --date-order", async () => {
    const r = await cli('calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', '--date-order', 'dym');
    expect(r.code).toBe(2);
    expect(r.err).toContain('got "dym": did you mean "dmy"?');
  });

  it("run's --fail-under metric", async () => {
    const r = await cli('run', 'user-driven-entra', '--devices', '5', '--fail-under', 'sucess=0.9');
    expect(r.code).toBe(2);
    expect(r.err).toContain('got "sucess=0.9": did you mean "success"?');
  });
});
