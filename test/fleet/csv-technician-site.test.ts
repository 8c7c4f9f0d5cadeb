// --csv's `site` is where a device is delivered: a pre-provisioned laptop whose technician flow ran (and failed) at a
// partner depot read its clinic alone, while the site table counts it at the depot, and nothing in the row named the
// depot. Each row now ends with `technicianSite`: where the device's technician flow ran (its group's depot, else its own
// site), empty for a device with no technician flow.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CSV_HEADER, runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';

const fleet = fleetFrom({
  name: 'Clinics',
  seed: 26,
  environment: { scenario: 'user-driven' },
  sites: [
    { name: 'Clinic 07', share: 1, bandwidthMbps: 100 },
    { name: 'Partner depot', share: 0, bandwidthMbps: 1000 },
  ],
  groups: [
    { name: 'Doctors laptops', count: 6, technicianSite: 'Partner depot', environment: { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } } },
    { name: 'Reception PCs', count: 4, sites: { 'Clinic 07': 1 } },
    { name: 'Loaners', count: 2, sites: { 'Clinic 07': 1 }, environment: { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } } },
  ],
});

describe("--csv's technician site", () => {
  it('names where each pre-provisioned device ran its technician flow, beside the site it is delivered to', async () => {
    const rows: string[] = [];
    await runFleet(fleet, { onRows: (r) => rows.push(...r) });
    const table = parse(`${CSV_HEADER}\n${rows.join('\n')}\n`, { columns: true }) as Array<Record<string, string>>;
    expect(table).toHaveLength(12);
    for (const row of table) {
      expect(Object.keys(row)).toContain('technicianSite');
      if (row.group === 'Doctors laptops') expect([row.site, row.technicianSite]).toEqual(['Clinic 07', 'Partner depot']);
      else if (row.group === 'Loaners') expect([row.site, row.technicianSite]).toEqual(['Clinic 07', 'Clinic 07']);
      else expect(row.technicianSite).toBe('');
    }
  });
});
