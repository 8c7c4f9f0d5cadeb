// compare, sweep and recommend in the words of where the successes ended (src/catalog/continued.ts successWords, as run's
// reports since 2a2dbf3): compare and sweep said "minutes to desktop" and "Time to desktop" for self-deploying, reset and
// Cloud PC fleets (a sweep's rows carried no successEnds), and where no device succeeded every report fell back to the
// desktop's words ("no device reached the desktop" for self-deploying in recommend's ranking).
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { compareFleets, parseSweep, sweepFleet } from '../../src/fleet/analysis.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { recommend } from '../../src/recommend/index.ts';
import { renderComparison } from '../../src/report/compare.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderComparisonMarkdown, renderFleetMarkdown, renderSweepMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const DESKTOP = /reached the desktop|reach the desktop|time to desktop|minutes to desktop|min to desktop/i;

describe('compare, sweep and recommend say where the successes ended', () => {
  it('compare of self-deploying and a reset: the time rows and charts read "completion", never the desktop', async () => {
    const fleet = fleetFrom({ devices: 40 });
    const c = await compareFleets({ label: 'self-deploying', fleet, override: scenarioOverride('self-deploying') }, { label: 'reset', fleet, override: scenarioOverride('reset') });
    expect(c.a.report.succeeded).toBeGreaterThan(0);
    expect(c.b.report.succeeded).toBeGreaterThan(0);
    const times = c.differences.filter((d) => d.unit === 'minutes' && !/end-user|technician/.test(d.label));
    expect(times.map((d) => d.label)).toEqual(['mean minutes to completion, devices that succeed in both', "p50 minutes to completion, each run's successes", "p90 minutes to completion, each run's successes"]);
    const html = renderFleetHtml(c.a.report, { compare: c });
    for (const [format, text] of Object.entries({ terminal: strip(renderComparison(c)), markdown: renderComparisonMarkdown(c), html })) expect(text, format).not.toMatch(DESKTOP);
    expect(html).toContain('Time to completion of both runs');
  });

  it('compare of two reset fleets reads "ready"; two user-driven ones still the desktop', async () => {
    const resets = fleetFrom({ devices: 30, scenario: 'reset' });
    const c = await compareFleets({ label: 'A', fleet: resets }, { label: 'B', fleet: resets, environment: { esp: { timeoutMinutes: 90 } } });
    expect(c.differences.find((d) => d.metric === 'p50MinutesToDesktop')!.label).toBe("p50 minutes to ready, each run's successes");
    const users = fleetFrom({ devices: 30 });
    const u = await compareFleets({ label: 'A', fleet: users }, { label: 'B', fleet: users });
    expect(u.differences.find((d) => d.metric === 'p50MinutesToDesktop')!.label).toBe("p50 minutes to desktop, each run's successes");
  });

  it("a sweep of a self-deploying fleet: each row carries its successEnds, and the reports read the sign-in screen", async () => {
    const { result, reports } = await sweepFleet(fleetFrom({ devices: 40, scenario: 'self-deploying' }), parseSweep('esp.timeoutMinutes=30,60'));
    for (const row of result.rows) expect(row.successEnds?.signInScreen).toBe(Math.round(row.successRate * row.devices));
    const html = renderFleetHtml(reports[0]!, { sweep: result });
    expect(html).toContain('Time to the sign-in screen p90 against esp.timeoutMinutes');
    expect(html).not.toMatch(DESKTOP);
    expect(renderSweepMarkdown(result, { name: reports[0]!.name, seed: reports[0]!.seed, reports })).not.toMatch(DESKTOP);
  });

  it('a self-deploying fleet no device of which succeeds: no device reached the sign-in screen (endsSought), in every format', async () => {
    const r = await runFleet(fleetFrom({ devices: 20, scenario: 'self-deploying', environment: { hardware: { kind: 'vm' } } }), {});
    expect(r.succeeded).toBe(0);
    expect(r.endsSought).toEqual(['signInScreen']);
    expect(r.groups[0]!.endsSought).toEqual(['signInScreen']);
    const html = renderFleetHtml(r);
    for (const [format, text] of Object.entries({ terminal: strip(renderFleet(r)), markdown: renderFleetMarkdown(r), html })) expect(text, format).not.toMatch(DESKTOP);
    expect(html).toContain('No device reached the sign-in screen');
    // Where some succeed, the counts say it and nothing is sought.
    expect((await runFleet(fleetFrom({ devices: 20, scenario: 'self-deploying' }), {})).endsSought).toBeUndefined();
  });

  it("recommend's ranking: a self-deploying run with no success reads the sign-in screen, a user's flow the desktop", async () => {
    // Devices self-deployed once before: the one-time limit (0x80180014) fails self-deploying and pre-provisioning alike.
    const rec = await recommend(fleetFrom({ devices: 100, environment: { registration: { deployedBefore: 'self-deploying' } } }), { devices: 100 });
    const why = (s: string) => rec.ranking.find((r) => r.scenario === s)!;
    expect(why('self-deploying').summary.successRate).toBe(0);
    expect(why('self-deploying').why).toContain('no device reached the sign-in screen');
    expect(why('self-deploying').why).not.toMatch(DESKTOP);
    expect(why('pre-provisioned').summary.successRate).toBe(0);
    expect(why('pre-provisioned').why).toContain('no device reached the desktop');
  });
});
