// compare's paired rows ("minutes to desktop, devices that succeed in both") give each side's mean over
// those devices beside the mean of the paired differences: A and B read "–" in every compare, so two runs
// that differ only in the ESP timeout showed "– – ±0.0 min" with nothing to read the difference against.
import { describe, expect, it } from 'vitest';
import { compareFleets, compareLabels } from '../../src/fleet/analysis.ts';
import { loadFleet } from '../../src/fleet/index.ts';
import { renderComparison } from '../../src/report/compare.ts';
import { renderComparisonMarkdown } from '../../src/report/markdown.ts';
import { renderFleetHtml } from '../../src/report/html.ts';
import { scenarioOverride } from '../../src/fleet/scenarios.ts';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../../scenarios/fleets/new-laptops.yaml', import.meta.url));
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('compare: the paired rows give A and B', () => {
  it('a twin with only a longer ESP timeout: A and B are the same minutes, the difference ±0.0', async () => {
    const fleet = loadFleet(file);
    const c = await compareFleets({ label: 'base', fleet }, { label: 'esp 90', fleet, override: { esp: { timeoutMinutes: 90 } } }, { devices: 200 });
    for (const metric of ['pairedMinutesToDesktop', 'pairedEndUserMinutes'] as const) {
      const d = c.differences.find((x) => x.metric === metric)!;
      expect(d.a).not.toBeNull();
      expect(d.a).toBeGreaterThan(0);
      expect(d.b).toBe(d.a);
      expect(d.difference).toBe(0);
    }
    const text = strip(renderComparison(c));
    expect(text).not.toMatch(/devices that\s*│ –/);
  });

  it('two scenarios: B − A of the sides agrees with the mean of paired differences (to rounding)', async () => {
    const fleet = loadFleet(file);
    const c = await compareFleets({ label: 'user-driven', fleet, environment: scenarioOverride('user-driven') }, { label: 'pre-provisioned', fleet, environment: scenarioOverride('pre-provisioned') }, { devices: 200 });
    for (const metric of ['pairedMinutesToDesktop', 'pairedEndUserMinutes'] as const) {
      const d = c.differences.find((x) => x.metric === metric)!;
      expect(d.a).not.toBeNull();
      expect(d.b).not.toBeNull();
      expect(Math.abs(d.b! - d.a! - d.difference!)).toBeLessThanOrEqual(0.1);
    }
  });

  it('where no device succeeds in both, the terminal and Markdown say so beneath the table, with each run\'s successes', async () => {
    // engineering-tight-esp: every device runs out the ESP timer, so both rows were dashes with no word of why.
    const fleet = loadFleet(fileURLToPath(new URL('../../scenarios/fleets/engineering-tight-esp.yaml', import.meta.url)));
    const c = await compareFleets({ label: 'base', fleet }, { label: 'again', fleet }, { devices: 100 });
    expect(c.differences.find((x) => x.metric === 'pairedMinutesToDesktop')!.a).toBeNull();
    const line = 'No device succeeds in both runs (A: 0 succeed, B: 0), so the minutes of devices that succeed in both have no figures.';
    expect(strip(renderComparison(c, { columns: 400 }))).toContain(line);
    expect(renderComparisonMarkdown(c)).toContain(line);
    // --html too: its table was the same dashes without the sentence.
    expect(renderFleetHtml(c.a.report, { compare: c })).toContain(`<p class="note">${line}</p>`);
    // Where some do, no such line.
    const ok = await compareFleets({ label: 'base', fleet: loadFleet(file) }, { label: 'again', fleet: loadFleet(file) }, { devices: 100 });
    expect(strip(renderComparison(ok))).not.toContain('No device succeeds in both');
    expect(renderFleetHtml(ok.a.report, { compare: ok })).not.toContain('No device succeeds in both');
  });

  it('the paired rows are named as what A and B hold, each run\'s mean over those devices, in every format', async () => {
    // They read 'minutes to desktop, devices that succeed in both (mean of paired differences)' beside A's 57.3 and
    // B's 70.7, which are no differences; B − A, the mean of the paired differences, is the difference of those means.
    const fleet = loadFleet(file);
    const c = await compareFleets({ label: 'user-driven', fleet, override: scenarioOverride('user-driven') }, { label: 'pre-provisioned', fleet, override: scenarioOverride('pre-provisioned') }, { devices: 100 });
    const labels = ['mean minutes to desktop, devices that succeed in both', 'mean end-user minutes, devices that succeed in both'];
    const md = renderComparisonMarkdown(c);
    const html = renderFleetHtml(c.a.report, { compare: c });
    const term = strip(renderComparison(c, { columns: 400 }));
    for (const label of labels) {
      expect(md).toContain(`| ${label} |`);
      expect(html).toContain(`>${label.charAt(0).toUpperCase()}${label.slice(1)}<`);
      expect(term).toContain(label.slice(0, label.indexOf(' succeed')));
    }
    for (const out of [md, html, term]) expect(out).not.toContain('(mean of paired differences)');
  });

  it('the same file compared with itself is labelled by its name, not its whole path', () => {
    expect(compareLabels('/work/x/scenarios/fleets/engineering-tight-esp.yaml', '/work/x/scenarios/fleets/engineering-tight-esp.yaml')).toEqual(['engineering-tight-esp (A)', 'engineering-tight-esp (B)']);
  });
});
