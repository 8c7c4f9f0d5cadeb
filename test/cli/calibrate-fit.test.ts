// `calibrate --check` on a terminal fits it: a segment's steps (some 240 characters), its failures and the method's note (559)
// ran on one line, which the terminal broke inside words at its edge, and the backtest's tables were 88 to 108 columns
// wide. On a terminal the sentences fold at spaces under their first word and a backtest table wider than the terminal
// takes its narrow form (segment broken after its slash, intervals under their rates, each side's quantiles in one cell).
// Piped, the report is as it was.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { backtest, calibrate } from '../../src/calibrate/index.ts';
import { calibrationReport, renderCalibration } from '../../src/calibrate/report.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const SAMPLE = 'scenarios/calibration/synthetic-autopilot-events.csv';

async function check(columns: number | undefined): Promise<string[]> {
  const out: string[] = [];
  const code = await run(['calibrate', SAMPLE, '--check'], { out: (s) => out.push(s), err: () => {}, columns });
  expect(code).toBe(0);
  return plain(out.join('\n')).split('\n');
}

describe('calibrate --check on a terminal', () => {
  it('fits 80, 100 and 120 columns, its sentences folded under their first word; piped, as it was', async () => {
    for (const columns of [80, 100, 120]) {
      const lines = await check(columns);
      for (const l of lines) {
        expect(l.length, `${columns}: ${l}`).toBeLessThanOrEqual(columns);
        expect(l, `${columns}: ${l}`).not.toContain('…');
      }
      const steps = lines.findIndex((l) => l.startsWith('  steps: enrollment steps'));
      expect(lines[steps + 1], `${columns}`).toMatch(/^ {4}\S/);
      // The backtest's figures, whole.
      const text = lines.join('\n');
      expect(text).toMatch(/\(93\.5%–100\.0%\)/);
      expect(text).toMatch(/ESP_APP_FAILED/);
      expect(text.replace(/\s+/g, ' ')).toMatch(/Nothing that cannot fit: every segment's simulated success and first-time-right rates agree with the observed ones/);
    }
    const at80 = (await check(80)).join('\n');
    expect(at80).toMatch(/│ user-driven\/ +│ device +│ 29\.4 · 35\.1 · 41\.1 +│/);
    const piped = await check(undefined);
    expect(piped.some((l) => l.startsWith('  steps: enrollment steps') && l.length > 200)).toBe(true);
    expect(piped.some((l) => l.startsWith('Fit: per phase') && l.length > 500)).toBe(true);
    expect(piped.some((l) => /^│ segment +│ duration \(min\) +│ observed p50 +│ p75/.test(l))).toBe(true);
  });

  it('a tenant with deployments of hundreds of minutes: the backtest puts its two sides on two rows at 80 columns', async () => {
    const calibration = await calibrate([SAMPLE]);
    const b = backtest(calibration);
    // The sample's quantiles, as a slow tenant's: three times as long ('123.4 · 135.1 · 141.1' in a cell).
    const slow = (q: Record<string, unknown>) => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, /^p\d+$/.test(k) && typeof v === 'number' ? v * 3 : v]));
    for (const s of b.segments) for (const x of s.durations) Object.assign(x, { observed: slow(x.observed as never), simulated: slow(x.simulated as never) });
    const lines = plain(renderCalibration(calibrationReport(calibration, b), { columns: 80 })).split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    const text = lines.join('\n');
    expect(text).toMatch(/│ user-driven\/ +│ device +│ observed +│ \d{2,3}\.\d +│/);
    expect(text).toMatch(/│ +│ +│ simulated +│ \d{2,3}\.\d +│/);
  });
});
