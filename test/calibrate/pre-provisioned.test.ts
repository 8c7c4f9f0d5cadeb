// A pre-provisioning tenant's twin says what its enrollment factor was fitted beside: the total less device and account
// setup holds the model's technician flow too, which no factor scales, so "observed median 4.9 min; the steps alone 2.4"
// read as enrollment slower than the defaults where the twin had fitted ×0.64.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { writeSynthetic } from '../../src/calibrate/synthetic.ts';

describe('a pre-provisioned twin', () => {
  it("names the model's time beside the enrollment steps that no factor scales", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrate-preprov-'));
    const { files } = writeSynthetic(dir, { seed: 21, segments: [{ segment: { scenario: 'pre-provisioned', joinType: 'entra' }, count: 600, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [], steps: { enrollment: 1.5 } }] });
    const c = await calibrate(files, { deviceApps: 5, userApps: 2 });
    const step = c.fits[0]!.steps.find((s) => s.phase === 'enrollment')!;
    expect(step.factor!).toBeGreaterThan(1.3);
    expect(step.unscaledMedian!).toBeGreaterThan(1);
    const line = c.yaml.split('\n').find((l) => /^\s+enrollment: [\d.]+ #/.test(l))!;
    expect(line).toMatch(new RegExp(`the steps alone at their defaults, median [\\d.]+ min, beside [\\d.]+ min of the model's own there that no factor scales \\(the technician flow's, in pre-provisioning\\); quantile RMSE`));
    // A user-driven twin has no such time: its line is as it was.
    const ud = await calibrate(writeSynthetic(mkdtempSync(join(tmpdir(), 'calibrate-ud-')), { seed: 22, segments: [{ segment: { scenario: 'user-driven', joinType: 'entra' }, count: 300, deviceApps: 5, deviceApp: { median: 4, p90: 9 }, userApps: 2, userApp: { median: 3, p90: 7 }, failures: [] }] }).files, { deviceApps: 5, userApps: 2 });
    expect(ud.fits[0]!.steps.find((s) => s.phase === 'enrollment')!.unscaledMedian).toBeUndefined();
    expect(ud.yaml).not.toMatch(/no factor scales/);
  });
});
