// The time-to-desktop table's technician row, where a fleet has a technician flow and only there. A user-driven or
// self-deploying fleet printed 'technician 0.0 0.0 0.0 0.0 0.0' in the terminal, Markdown and HTML reports, a row that
// read as a technician's step taking no time, and its unattended note added '+ 0.0' for that technician.
import { describe, expect, it } from 'vitest';
import { compareFleets, runFleet, type FleetReport } from '../../src/index.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderFleetMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const textRow = (r: FleetReport) => strip(renderFleet(r)).split('\n').find((l) => /^\W*technician\b/.test(l));
const markdownRow = (r: FleetReport) => renderFleetMarkdown(r).split('\n').find((l) => /^\| technician \|/.test(l));
const htmlRow = (r: FleetReport) => renderFleetHtml(r).includes('Technician (pre-provisioning)</td>');

describe('the technician row of time to desktop', () => {
  it('is left out where no device has a technician flow; the library result keeps its zeros', async () => {
    const r = await runFleet({ scenario: 'user-driven', devices: 60 });
    expect(r.succeeded).toBeGreaterThan(0);
    expect(r.timeToDesktop.technician).toEqual({ p50: 0, p75: 0, p90: 0, p99: 0, mean: 0 });
    expect(textRow(r)).toBeUndefined();
    expect(markdownRow(r)).toBeUndefined();
    expect(htmlRow(r)).toBe(false);
    expect(strip(renderFleet(r))).toMatch(/│ end user\s+│/);
  });

  it('is there where a pre-provisioned device had a technician flow', async () => {
    const r = await runFleet({ scenario: 'pre-provisioned', devices: 60, environment: { profile: { allowPreProvisioning: true } } });
    expect(r.timeToDesktop.technician.mean).toBeGreaterThan(0);
    expect(textRow(r)).toMatch(/technician\s+│\s+\d+\.\d/);
    expect(markdownRow(r)).toMatch(/^\| technician \| \d+\.\d/);
    expect(htmlRow(r)).toBe(true);
  });

  it("leaves the technician out of the unattended note's sum where there is none (self-deploying kiosks beside laptops)", async () => {
    const r = await runFleet({ devices: 200, groups: [{ name: 'Laptops', weight: 3 }, { name: 'Kiosks', weight: 1, environment: { scenario: 'self-deploying' } }] });
    const note = /The total is active time: the end user's and the device's own unattended minutes \(mean ([\d.]+):[^)]*\), so the means add up: ([\d.]+) = ([\d.]+) \+ ([\d.]+)\./.exec(strip(renderFleet(r)));
    expect(note, strip(renderFleet(r))).not.toBeNull();
    const [, unattended, total, user, rest] = note!.map(Number);
    expect(rest).toBe(unattended);
    expect(Number((user! + rest!).toFixed(1))).toBe(total);
    expect(renderFleetMarkdown(r)).toContain(note![0].slice(-40));
  });

  it('is there, with a dash, where a fleet of technician flows had no device succeed', async () => {
    const r = await runFleet({ scenario: 'pre-provisioned', devices: 30, environment: { profile: { allowPreProvisioning: true }, hardware: { kind: 'vm' } } });
    expect(r.succeeded).toBe(0);
    expect(r.phaseMinutes.technicianFlow ?? 0).toBeGreaterThan(0);
    expect(textRow(r)).toMatch(/technician\s+│\s+[–—]/);
  });

  it("is not compared where neither run has a technician's time: compare read 'p50 technician minutes 0.0 0.0 ±0.0 min'", async () => {
    const userDriven = { scenario: 'user-driven', devices: 40 } as const;
    const preProvisioned = { scenario: 'pre-provisioned', devices: 40, environment: { profile: { allowPreProvisioning: true } } } as const;
    const none = await compareFleets({ label: 'a', fleet: userDriven }, { label: 'b', fleet: userDriven, environment: { esp: { timeoutMinutes: 90 } } });
    expect(none.differences.map((d) => d.metric)).not.toContain('p50TechnicianMinutes');
    const one = await compareFleets({ label: 'a', fleet: userDriven }, { label: 'b', fleet: preProvisioned });
    expect(one.differences.find((d) => d.metric === 'p50TechnicianMinutes')?.b).toBeGreaterThan(0);
  });
});
