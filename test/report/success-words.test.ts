// Where a fleet's devices end with no one at a desktop (a self-deploying device at the sign-in screen, a reset ready for the
// next user), its reports said every success 'reached the desktop' and called its figure 'time to desktop'
// (src/catalog/continued.ts successWords says it once for every format).
import { describe, expect, it } from 'vitest';
import { runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { renderFleet } from '../../src/report/fleet.ts';
import { renderFleetMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';
import { min } from '../../src/format.ts';

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const formats = (r: Awaited<ReturnType<typeof runFleet>>) => ({ terminal: strip(renderFleet(r)), markdown: renderFleetMarkdown(r), html: renderFleetHtml(r) });
const DESKTOP = /reached the desktop|reach the desktop|time to desktop|minutes to desktop|min to desktop/i;

describe('a fleet report says where its successes ended', () => {
  it('a self-deploying fleet (no kiosk) reached the sign-in screen, in every format; its figures are the same ones', async () => {
    const r = await runFleet(fleetFrom({ devices: 60, scenario: 'self-deploying' }), {});
    expect(r.succeeded).toBeGreaterThan(0);
    expect(r.successEnds).toEqual({ desktop: 0, signInScreen: r.succeeded, readyForNextUser: 0, cloudPcStatus: 0 });
    for (const [format, text] of Object.entries(formats(r))) {
      expect(text, format).not.toMatch(DESKTOP);
      expect(text, format).toContain('Time to the sign-in screen');
    }
    // The figures stand under their old key and in the table as before.
    expect(formats(r).markdown).toContain(`| total (active) | ${min(r.timeToDesktop.total.p50)} |`);
  });

  it('a user-driven fleet still reached the desktop', async () => {
    const r = await runFleet(fleetFrom({ devices: 60 }), {});
    expect(r.successEnds).toEqual({ desktop: r.succeeded, signInScreen: 0, readyForNextUser: 0, cloudPcStatus: 0 });
    for (const [format, text] of Object.entries(formats(r))) expect(text, format).toMatch(/Time to desktop/);
    expect(formats(r).html).toContain('reached the desktop');
  });

  it('a reset fleet ended ready for the next user', async () => {
    const r = await runFleet(fleetFrom({ devices: 30, scenario: 'reset' }), {});
    expect(r.succeeded).toBeGreaterThan(0);
    for (const [format, text] of Object.entries(formats(r))) {
      expect(text, format).not.toMatch(DESKTOP);
      expect(text, format).toContain('Time to ready');
    }
  });

  it('a mixed fleet: the fleet completed, each group in its own words', async () => {
    const r = await runFleet(fleetFrom({ devices: 80, groups: [{ name: 'Laptops', weight: 1 }, { name: 'Shared devices', weight: 1, environment: { scenario: 'self-deploying' } }] }), {});
    const [laptops, shared] = r.groups;
    expect(laptops!.successEnds!.signInScreen).toBe(0);
    expect(shared!.successEnds!.desktop).toBe(0);
    const { terminal, html } = formats(r);
    expect(terminal).toContain('Time to completion (min)');
    expect(terminal).not.toMatch(DESKTOP);
    expect(html).toMatch(/Time to desktop, group Laptops: \d+ of [\d,]+ devices? reached the desktop/);
    expect(html).toMatch(/Time to the sign-in screen, group Shared devices: \d+ of [\d,]+ devices? reached the sign-in screen/);
  });

  it('kiosks reach their desktop: the kiosk account signs in by itself', async () => {
    const r = await runFleet(fleetFrom({ devices: 30, scenario: 'self-deploying', environment: { profile: { kioskAutologon: true } } }), {});
    expect(r.successEnds?.signInScreen).toBe(0);
    expect(strip(renderFleet(r))).toContain('Time to desktop (min)');
  });
});
