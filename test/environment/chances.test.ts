// The chances the documents give only as "random", "intermittent" or "may" are estimates, and a file overrides any of
// them by name (chances:), as it does a duration: a what-if an architect asks ("what if the Win32/MSI clash is rare?").
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { defaultEnvironment, parseScenario } from '../../src/environment/load.ts';

const mix = (chances: Record<string, number>) =>
  defaultEnvironment({ scenario: 'user-driven', apps: [{ name: 'Agent', type: 'win32' }, { name: 'Legacy', type: 'msi-lob' }], chances } as never);
const clashes = (chances: Record<string, number>) =>
  Array.from({ length: 40 }, (_, seed) => simulate(mix(chances), { seed }).outcome).filter((o) => o.cause?.includes('TrustedInstaller clash')).length;

describe('chances: a file overrides the estimated chances', () => {
  it('a Win32 app beside an MSI clashes at the default 0.5 on some seeds, never at 0, always at 1', () => {
    const byDefault = clashes({});
    expect(byDefault).toBeGreaterThan(5);
    expect(byDefault).toBeLessThan(35);
    expect(clashes({ win32MsiClash: 0 })).toBe(0);
    expect(clashes({ win32MsiClash: 1 })).toBe(40);
  });

  it('a chance outside 0 to 1, or one not named, is refused with the field', () => {
    expect(() => parseScenario('c.yaml', 'chances:\n  win32MsiClash: 2\n')).toThrow(/c\.yaml:2: chances\.win32MsiClash: expected <= 1, got 2/);
    expect(() => parseScenario('c.yaml', 'chances:\n  win32Clash: 0.1\n')).toThrow(/chances/);
  });
});
