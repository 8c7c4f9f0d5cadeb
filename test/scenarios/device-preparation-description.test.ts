// scenarios/device-preparation.yaml's description said the apps install 'LOB and Microsoft 365 first, scripts, then Win32
// and Store', while its Microsoft 365 Apps (the default list's, type win32) installs in the Win32 step after the script
// (domain §7 steps 7-9 go by the app's type; 5bf24b6 made the step's narration say so). The description now says where
// the file's own run installs it; this reads the order from the run, so a change to either is caught.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';

const file = parseScenario('device-preparation.yaml', readFileSync(new URL('../../scenarios/device-preparation.yaml', import.meta.url), 'utf8'));

describe("device-preparation.yaml's description", () => {
  it('places Microsoft 365 Apps where its run installs it: after the script, with the Win32 apps', () => {
    const sim = simulate(environmentOf(file), { seed: file.seed ?? 1 });
    const script = sim.trace.findIndex((t) => t.event === 'script.succeeded');
    const m365 = sim.trace.findIndex((t) => t.event === 'app.installed' && t.detail === 'Microsoft 365 Apps');
    expect(script).toBeGreaterThan(0);
    expect(m365).toBeGreaterThan(script);
    expect(sim.trace[m365]!.state).toMatch(/win32Apps$/);
    const afterScript = file.description!.slice(file.description!.indexOf('script'));
    expect(afterScript).toMatch(/Win32[^)]*Microsoft 365 Apps/);
  });
});
