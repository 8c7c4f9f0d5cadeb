// A pre-provisioned group's technician flow runs at its depot (groups[].technicianSite) and its devices are shipped to a
// clinic; the site table counted a technician flow's failure at the clinic, where the device never went: a hospital's
// Monday run gave Clinic 07 0.0% and ESP_TIMEOUT while its link carried 0 Mbps, and nothing at Partner depot, where every
// failure happened. A device is now counted where its deployment ended: at the depot when its technician flow failed
// there (it never shipped), at the site it is delivered to otherwise; terminal, Markdown, HTML and --json alike.
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderFleetMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';

const fleet = (technicianTimeout: number) =>
  fleetFrom({
    name: 'Clinic Monday',
    seed: 26,
    environment: {
      scenario: 'pre-provisioned',
      profile: { allowPreProvisioning: true },
      esp: { timeoutMinutes: technicianTimeout },
      apps: [
        { name: 'Epic Hyperspace client', type: 'win32', sizeMb: 2400, installMinutes: { triangular: [6, 9, 15] } },
        { name: 'Badge reader', type: 'win32', sizeMb: 60, installMinutes: 2, target: 'user', context: 'user' },
      ],
    },
    sites: [
      { name: 'Clinic 07', bandwidthMbps: 10 },
      { name: 'Partner depot', share: 0, bandwidthMbps: 1000 },
    ],
    groups: [{ name: "Doctors' laptops", count: 30, technicianSite: 'Partner depot' }],
  });

describe('the site table of a group pre-provisioned at a depot', () => {
  it("counts a technician flow's failure at the depot, where it ran, not at the clinic it was bound for", async () => {
    const r = await runFleet(fleet(5));
    expect(r.failed).toBe(30);
    const [clinic, depot] = [r.sites.find((s) => s.name === 'Clinic 07')!, r.sites.find((s) => s.name === 'Partner depot')!];
    expect(clinic.devices).toBe(0);
    expect(clinic.topFailure).toBeNull();
    expect(depot.devices).toBe(30);
    expect(depot.topFailure?.code).toBe('ESP_TIMEOUT');
    // Every format reads the one table.
    const row = (text: string, site: string) => text.split('\n').find((l) => l.includes(site) && !l.includes('link'))!;
    expect(row(renderFleet(r, { columns: 200 }), 'Partner depot')).toMatch(/30 .*ESP_TIMEOUT/);
    expect(row(renderFleet(r, { columns: 200 }), 'Clinic 07')).not.toMatch(/ESP_TIMEOUT/);
    const md = renderFleetMarkdown(r);
    expect(row(md, '| Partner depot')).toMatch(/ESP_TIMEOUT/);
    expect(row(md, '| Clinic 07')).not.toMatch(/ESP_TIMEOUT/);
    const html = renderFleetHtml(r);
    expect(html).toContain('Partner depot</td><td class="num">30</td>');
    expect(html).toContain('Clinic 07</td><td class="num">0</td>');
  });

  it('counts a device that got through the depot at the clinic it was delivered to', async () => {
    const r = await runFleet(fleet(240));
    expect(r.succeeded).toBe(30);
    expect(r.sites.find((s) => s.name === 'Clinic 07')!.devices).toBe(30);
    expect(r.sites.find((s) => s.name === 'Partner depot')!.devices).toBe(0);
  });
});
