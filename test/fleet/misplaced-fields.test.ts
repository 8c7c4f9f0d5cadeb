// A fleet field written in the wrong place is told where it goes: a bank's first draft put the connector's capacity
// in its environment ('environment.connectorRequestsPerHour: unknown field (expected one of scenario, hardware, …)'),
// and 'unknown fields "windowHours", "connectorRequestsPerHour"' at the top of a file named neither's place.
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/load.ts';
import { InputError } from '../../src/environment/input-error.ts';

const problems = (text: string): string[] => {
  try {
    parseFleet('draft.yaml', text);
  } catch (e) {
    if (e instanceof InputError) return [e, ...e.others].map((x) => x.message);
    throw e;
  }
  return [];
};

describe('a fleet field in the wrong place', () => {
  it('alone: named with its place', () => {
    expect(problems('name: Bank\nenvironment:\n  connectorRequestsPerHour: 200\n')).toEqual(['draft.yaml:3: environment.connectorRequestsPerHour: unknown field here: it is a fleet field, sharedWorld.connectorRequestsPerHour']);
  });

  it('several at once, at the top, in a group and in the environment: each named with its place', () => {
    const found = problems('name: x\nwindowHours: 5\nconnectorRequestsPerHour: 100\nenvironment:\n  windowHours: 3\n  bandwidthMbps: 20\ngroups:\n  - name: a\n    count: 5\n    bandwidthMbps: 10\n    technicianSite: Depot\n');
    expect(found).toContain('draft.yaml:1: unknown fields "windowHours", "connectorRequestsPerHour" (windowHours is a fleet field, rollout.windowHours; connectorRequestsPerHour is a fleet field, sharedWorld.connectorRequestsPerHour)');
    expect(found).toContain('draft.yaml:5: environment: unknown fields "windowHours", "bandwidthMbps" (windowHours is a fleet field, rollout.windowHours; bandwidthMbps is a site\'s field, sites[].bandwidthMbps)');
    expect(found).toContain("draft.yaml:10: groups[0].bandwidthMbps: unknown field here: it is a site's field, sites[].bandwidthMbps");
  });

  it("a variation's field beside its share, not under its environment: the command's one line names the field and its place, not 'environment: missing'", () => {
    const found = problems('name: x\ngroups:\n  - name: L\n    count: 10\n    vary:\n      tpm:\n        - { share: 0.2, hardware: { tpm: "1.2" } }\n');
    expect(found).toEqual(['draft.yaml:7: groups[0].vary.tpm[0].hardware: unknown field (did you mean "environment.hardware"?)', 'draft.yaml:7: groups[0].vary.tpm[0].environment: missing (expected a mapping of names to values)']);
  });

  it('a slip is still a slip (bandwithMbps on a site: did you mean)', () => {
    expect(problems('name: x\nsites:\n  - { name: A, bandwithMbps: 20 }\n')[0]).toMatch(/did you mean "bandwidthMbps"\?/);
  });
});
