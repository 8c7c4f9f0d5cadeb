// The timeline's name for a state (simulate, play): the chart's words with the phases it is in.
import { describe, expect, it } from 'vitest';
import { STATE_PATHS } from '../../src/catalog/state-paths.ts';
import { stateLabel } from '../../src/report/timeline.ts';

describe('stateLabel', () => {
  it("names a step of the technician's hidden ESP without saying it is in the ESP", () => {
    // It read 'Technician flow › Technician ESP › Preparation without ESP › Secure hardware'.
    expect(stateLabel('deployment.technicianFlow.technicianEsp.running.preparationWithoutEsp.secureHardware')).toBe(
      'Technician flow › Preparation without ESP › Secure hardware',
    );
  });

  it('no state of any machine is named both inside an ESP and without one', () => {
    const all = Object.values(STATE_PATHS).flat() as string[];
    expect(all.some((p) => p.includes('WithoutEsp'))).toBe(true);
    for (const path of all) expect(stateLabel(path), path).not.toMatch(/ESP ›.*without ESP/i);
  });

  it('keeps the ESP where the step is on it', () => {
    expect(stateLabel('deployment.deviceEsp.running.deviceSetup.apps')).toBe('Device ESP › Device setup › Apps');
  });
});
