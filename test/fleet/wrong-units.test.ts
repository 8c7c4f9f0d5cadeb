// A number written with a unit, or a share as a percent, in a fleet written from the schema alone: the field's name
// says its unit (bandwidthMbps, timeoutMinutes, windowHours, sizeMb), and the error says what to write in it. It said
// 'expected number, got "1Gbps"' and, of share: 15, 'expected <= 1, got 15'.
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/load.ts';
import { InputError } from '../../src/environment/load.ts';

const problems = (text: string): string[] => {
  try {
    parseFleet('f.yaml', text);
  } catch (e) {
    if (e instanceof InputError) return [e, ...e.others].map((p) => p.message);
    throw e;
  }
  throw new Error('expected an InputError');
};

describe('a number with a unit, or a percent', () => {
  it.each([
    ['sites:\n  - { name: HQ, bandwidthMbps: 1Gbps }\n', 'f.yaml:2: sites[0].bandwidthMbps: expected number, got "1Gbps" (text with a unit): write 1000, in Mbps as the field\'s name says'],
    ['sites:\n  - { name: HQ, bandwidthMbps: 100 Mbps }\n', 'f.yaml:2: sites[0].bandwidthMbps: expected number, got "100 Mbps" (text with a unit): write 100, in Mbps as the field\'s name says'],
    ['rollout: { windowHours: 5d }\n', 'f.yaml:1: rollout.windowHours: expected number, got "5d" (text with a unit): write 120, in hours as the field\'s name says'],
    ['environment: { esp: { timeoutMinutes: 2h } }\n', 'f.yaml:1: environment.esp.timeoutMinutes: expected number, got "2h" (text with a unit): write 120, in minutes as the field\'s name says'],
    // An app's MB are 1,000,000 bytes, the link's megabits' units (the schema says so); Explorer's GB are GiB.
    ['environment:\n  apps:\n    - { name: Office, sizeMb: 2.5GB }\n', 'f.yaml:3: environment.apps[0].sizeMb: expected number, got "2.5GB" (text with a unit): write 2500, in MB as the field\'s name says (1 GB is 1000 MB of 1,000,000 bytes; a size Windows Explorer shows as 2.5 GB is 2.5 GiB: write 2684.35)'],
    ['environment:\n  apps:\n    - { name: CAD Suite, sizeMb: 3 GiB }\n', 'f.yaml:3: environment.apps[0].sizeMb: expected number, got "3 GiB" (text with a unit): write 3221.23, in MB as the field\'s name says'],
    ['groups:\n  - name: A\n    weight: 1\n    vary:\n      tpm:\n        - { share: 15, environment: { hardware: { tpm: "1.2" } } }\n', 'f.yaml:6: groups[0].vary.tpm[0].share: expected <= 1, got 15 (a share from 0 to 1: 15% is 0.15)'],
    ['groups:\n  - name: A\n    weight: 1\n    vary:\n      tpm:\n        - { share: 15%, environment: { hardware: { tpm: "1.2" } } }\n', 'f.yaml:6: groups[0].vary.tpm[0].share: expected number, got "15%" (a percent): write 0.15, a share from 0 to 1'],
    // An app's failureProbability is a chance from 0 to 1 as a share is: '2%' and 2 said only 'expected number' and 'expected <= 1'.
    ['environment:\n  apps:\n    - { name: Office, type: win32, failureProbability: 2% }\n', 'f.yaml:3: environment.apps[0].failureProbability: expected number, got "2%" (a percent): write 0.02, a chance from 0 to 1'],
    ['environment:\n  apps:\n    - { name: Office, type: win32, failureProbability: 2 }\n', 'f.yaml:3: environment.apps[0].failureProbability: expected <= 1, got 2 (a chance from 0 to 1: 2% is 0.02)'],
    ['groups:\n  - { name: A, weight: 80% }\n', 'f.yaml:2: groups[0].weight: expected number, got "80%" (a percent): not a percent but a weight beside the other groups\' weights (1 each where left out): for 80% of the devices, write 4 times the other groups\' weights added up (beside one left out, 4; beside two, 8)'],
    ['sites:\n  - { name: A, share: 50% }\n', 'f.yaml:2: sites[0].share: expected number, got "50%" (a percent): not a percent but a weight beside the other sites\' shares (1 each where left out): for 50% of the devices, write the other sites\' shares added up (beside one left out, 1; beside two, 2)'],
  ])('%j', (text, said) => {
    expect(problems(text)[0]).toBe(said);
  });

  // A duration written with a unit, a distribution out of order, a site name the file does not define: each said with
  // what was given. They read 'expected minutes as a number, or one of {fixed}, ...' with nothing of "45min", 'expected
  // triangular: [min, mode, max] with min <= mode <= max' with nothing of the values, and, in a file with no sites list,
  // 'expected one of the sites: default', a site the file never wrote given as the answer.
  it.each([
    [
      'environment:\n  apps:\n    - { name: CAD suite, installMinutes: 45min }\n',
      'f.yaml:3: environment.apps[0].installMinutes: expected minutes as a number, or one of {fixed}, {uniform: [min, max]}, {triangular: [min, mode, max]}, {lognormal: {median, p90}}, got "45min" (text with a unit): write 45, in minutes as the field\'s name says',
    ],
    [
      'environment:\n  apps:\n    - { name: CAD suite, installMinutes: { triangular: [10, 5, 30] } }\n',
      'f.yaml:3: environment.apps[0].installMinutes: expected triangular: [min, mode, max] with min <= mode <= max, got [10, 5, 30]',
    ],
    [
      'groups:\n  - { name: Laptops, count: 10, technicianSite: Depot, environment: { scenario: pre-provisioned } }\n',
      'f.yaml:2: groups[0].technicianSite: expected one of the sites, got "Depot": the file has no sites list (its devices are at one site, "default"): list the sites, the devices\' own and Depot (share: 0 for a depot that holds no devices of its own)',
    ],
    ['sites:\n  - { name: Store 001 }\ngroups:\n  - { name: Kiosks, count: 4, sites: { Store 1: 1 } }\n', 'f.yaml:4: groups[0].sites.Store 1: expected one of the sites, got "Store 1": did you mean "Store 001"?'],
  ])('%j', (text, said) => {
    expect(problems(text)[0]).toBe(said);
  });

  it('a rate is not read as hours, and a word that is no unit gets no hint', () => {
    // A rate with its unit said only 'expected number'.
    expect(problems('rollout: { devicesPerHour: 20/h }\n')[0]).toBe('f.yaml:1: rollout.devicesPerHour: expected number, got "20/h" (text with a unit): write 20, per hour as the field\'s name says');
    expect(problems('sharedWorld: { connectorRequestsPerHour: 10 per minute }\n')[0]).toBe('f.yaml:1: sharedWorld.connectorRequestsPerHour: expected number, got "10 per minute" (text with a unit): write 600, per hour as the field\'s name says');
    expect(problems('sites:\n  - { name: HQ, bandwidthMbps: fast }\n')[0]).toBe('f.yaml:2: sites[0].bandwidthMbps: expected number, got "fast"');
  });

  // A manufacturer's fleet written from the schema alone (25 plants, a Saturday change window of 06:00 to 14:00, links of
  // 20 to 100 Mbps, 8,000 PCs): each read 'expected number, got "..."' and no more, and a count written 3,000 inside { }
  // read 'apps[0].0: unknown field' with the fields expected there.
  it.each([
    ['rollout: { windowHours: 06:00-14:00 }\n', 'f.yaml:1: rollout.windowHours: expected number, got "06:00-14:00" (a time range): write 8, the hours from 06:00 to 14:00 (a site\'s start in the rollout is sites[].startHour)'],
    ['rollout: { windowHours: 22:00 to 06:00 }\n', 'f.yaml:1: rollout.windowHours: expected number, got "22:00 to 06:00" (a time range): write 8, the hours from 22:00 to 06:00 (a site\'s start in the rollout is sites[].startHour)'],
    ['sites:\n  - { name: Plant 16, bandwidthMbps: 20-100 }\n', 'f.yaml:2: sites[0].bandwidthMbps: expected number, got "20-100" (a range): write one number for each of the sites; to see the whole range, sweep --vary "sites.<name>.bandwidthMbps=20..100" moves it'],
    ['sites:\n  - { name: Plant 16, bandwidthMbps: 1 Gbit }\n', 'f.yaml:2: sites[0].bandwidthMbps: expected number, got "1 Gbit" (text with a unit): write 1000, in Mbps as the field\'s name says'],
    ['groups:\n  - { name: Office PCs, count: "8,000" }\n', 'f.yaml:2: groups[0].count: expected number, got "8,000" (a number with thousands separators): write 8000'],
    ['groups:\n  - name: Office PCs\n    count: 8 000\n', 'f.yaml:3: groups[0].count: expected number, got "8 000" (a number with thousands separators): write 8000'],
    [
      'environment:\n  apps:\n    - { name: CAD Suite, sizeMb: 3,000 }\n',
      'f.yaml:3: environment.apps[0].0: unknown field (expected one of name, type, context, target, installMinutes, sizeMb, failureProbability, rebootInsidePackage, requiresReboot, assignedAfterTechnicianFlow): a comma inside { } ends a value, so 3,000 reads as 3 and a field "000": write the number without its comma',
    ],
  ])('%j', (text, said) => {
    expect(problems(text)[0]).toBe(said);
  });

  it("the schema says which MB an app's size is in", async () => {
    const schema = (await import('../../schema/fleet.schema.json', { with: { type: 'json' } })).default as { $defs: { environment: { properties: { apps: { items: { properties: { sizeMb: { description: string } } } } } } } };
    expect(schema.$defs.environment.properties.apps.items.properties.sizeMb.description).toMatch(/^Download size in MB of 1,000,000 bytes, the units of a site's bandwidthMbps .*3 GB is 3000; a size Windows Explorer shows as 3 GB is 3 GiB, 3221\./);
  });

  it('a range or a grouped number where no unit is read gets no hint', () => {
    expect(problems('seed: 1-2\n')[0]).toBe('f.yaml:1: seed: expected number, got "1-2"');
  });

  it('sites or groups written as a mapping of names are told to be a list, each with its name', () => {
    expect(problems('sites:\n  HQ: { bandwidthMbps: 100 }\n')[0]).toBe('f.yaml:2: sites: expected a list of sites, each with its name (such as - {name: Head office, bandwidthMbps: 1000}), got a mapping');
    expect(problems('groups:\n  Laptops: { count: 100 }\n')[0]).toBe('f.yaml:2: groups: expected a list of groups, each with its name (such as - {name: Laptops, count: 300}), got a mapping');
  });
});
