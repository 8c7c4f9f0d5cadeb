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
    ['environment:\n  apps:\n    - { name: Office, sizeMb: 2.5GB }\n', 'f.yaml:3: environment.apps[0].sizeMb: expected number, got "2.5GB" (text with a unit): write 2500, in MB as the field\'s name says'],
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
    expect(problems('rollout: { devicesPerHour: 20/h }\n')[0]).toBe('f.yaml:1: rollout.devicesPerHour: expected number, got "20/h"');
    expect(problems('sites:\n  - { name: HQ, bandwidthMbps: fast }\n')[0]).toBe('f.yaml:2: sites[0].bandwidthMbps: expected number, got "fast"');
  });

  it('sites or groups written as a mapping of names are told to be a list, each with its name', () => {
    expect(problems('sites:\n  HQ: { bandwidthMbps: 100 }\n')[0]).toBe('f.yaml:2: sites: expected a list of sites, each with its name (such as - {name: Head office, bandwidthMbps: 1000}), got a mapping');
    expect(problems('groups:\n  Laptops: { count: 100 }\n')[0]).toBe('f.yaml:2: groups: expected a list of groups, each with its name (such as - {name: Laptops, count: 300}), got a mapping');
  });
});
