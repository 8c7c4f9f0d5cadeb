// A what-if of one more app on the tenant's overlay: a scenario that includes it and writes `apps: [the new app]` runs the
// new app alone, the tenant's fitted apps replaced (an include's lists are replaced, not added to): a 2 GB app more made
// the tenant 25.5 minutes faster, and nothing said so. The overlay now says it, and how to add one; the way it gives adds.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SAMPLE_FILE } from '../../src/calibrate/sample.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const sample = fileURLToPath(new URL(`../../scenarios/calibration/${SAMPLE_FILE}`, import.meta.url));
const NEW_APP = { name: 'New CAD suite', type: 'win32', sizeMb: 2048, installMinutes: 12 };

describe("an app added to the overlay's tenant", () => {
  it('the overlay says its apps are replaced by the including file\'s list, and copying them in beside the new app adds it', { timeout: 120_000 }, async () => {
    const dir = tempDir('calibrate-overlay-apps-');
    const overlay = join(dir, 'ours.yaml');
    const r = await cli('calibrate', sample, '--segment', 'user-driven/entra', '--overlay', overlay);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(overlay, 'utf8');
    const apps = (parse(text) as { apps: unknown[] }).apps;
    expect(text).toContain(`# Its own apps: list replaces the ${apps.length} fitted apps below, not adds to them: to add an app, copy these ${apps.length} into that list beside it`);
    writeFileSync(join(dir, 'base.yaml'), 'name: Base\nscenario: user-driven\ninclude: ours.yaml\n');
    writeFileSync(join(dir, 'alone.yaml'), `name: New app alone\nscenario: user-driven\ninclude: ours.yaml\napps: ${JSON.stringify([NEW_APP])}\n`);
    writeFileSync(join(dir, 'added.yaml'), `name: New app added\nscenario: user-driven\ninclude: ours.yaml\napps: ${JSON.stringify([...apps, NEW_APP])}\n`);
    const minutes = async (file: string) => {
      const c = await cli('compare', join(dir, 'base.yaml'), join(dir, file), '--devices', '300', '--json');
      expect(c.code, c.err).toBe(0);
      type Side = { report: { timeToDesktop: { total: { p50: number } } } };
      const j = JSON.parse(c.out) as { a: Side; b: Side };
      return j.b.report.timeToDesktop.total.p50 - j.a.report.timeToDesktop.total.p50;
    };
    // As the note says: the list alone drops the fitted apps (faster), the list with them adds the new one (slower).
    expect(await minutes('alone.yaml')).toBeLessThan(-5);
    expect(await minutes('added.yaml')).toBeGreaterThan(5);
  });
});

describe("an app's size in the twin", () => {
  it('the twin says its apps\' downloads are inside their fitted times and that it has no link, and a 2 GB app reads as one of 150 MB there', { timeout: 120_000 }, async () => {
    const dir = tempDir('calibrate-app-size-');
    const overlay = join(dir, 'ours.yaml');
    const twin = join(dir, 'twin.yaml');
    const r = await cli('calibrate', sample, '--segment', 'user-driven/entra', '--overlay', overlay, '-o', twin);
    expect(r.code, r.err).toBe(0);
    for (const f of [overlay, twin]) {
      expect(readFileSync(f, 'utf8')).toContain("# Their fitted install times hold their downloads at the tenant's own links, which the exports do not give: the twin has no link (a fleet site's bandwidthMbps unset), so an app's sizeMb changes nothing in it");
    }
    // What the note says of a twin without a link: the new app's size changes nothing.
    const apps = (parse(readFileSync(overlay, 'utf8')) as { apps: unknown[] }).apps;
    for (const size of [150, 2048]) writeFileSync(join(dir, `new-${size}.yaml`), `name: New app of ${size} MB\nscenario: user-driven\ninclude: ours.yaml\napps: ${JSON.stringify([...apps, { ...NEW_APP, sizeMb: size }])}\n`);
    const c = await cli('compare', join(dir, 'new-150.yaml'), join(dir, 'new-2048.yaml'), '--devices', '200', '--json');
    expect(c.code, c.err).toBe(0);
    const j = JSON.parse(c.out) as Record<'a' | 'b', { report: { successRate: number; timeToDesktop: { total: { p50: number } } } }>;
    expect(j.b.report.timeToDesktop.total.p50).toBe(j.a.report.timeToDesktop.total.p50);
    expect(j.b.report.successRate).toBe(j.a.report.successRate);
  });
});
