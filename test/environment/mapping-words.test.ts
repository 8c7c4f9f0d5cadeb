// A mapping written as something else was named in the schema's word alone: a trainer's lesson with a notice written as
// text (docs/trainers.md names notice without its shape) read 'lesson.notice[0]: expected object, got "The ESP's ..."',
// neither that a mapping was meant nor its fields (at, text), and a fleet's site written as its name 'sites[0]: expected
// object, got "HQ"'. Now a mapping inside a file names its fields; a library's whole argument stays 'expected object'.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/environment/load.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { simulate } from '../../src/index.ts';

const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
};

describe('a mapping written as something else names its fields', () => {
  it("a lesson's notice written as text: at and text", () => {
    const text = "name: x\nscenario: self-deploying\nlesson:\n  title: t\n  introduction: i\n  notice:\n    - The ESP shows the error\n";
    expect(message(() => parseScenario('l.yaml', text))).toBe('l.yaml:7: lesson.notice[0]: expected a mapping of the fields at and text, got "The ESP shows the error"');
  });

  it('a section with many fields names the first six', () => {
    expect(message(() => parseScenario('s.yaml', 'scenario: user-driven\nhardware: tpm2\n'))).toBe('s.yaml:2: hardware: expected a mapping of fields such as kind, tpm, firmware, tpmVendor, tpmIssue, firstBootTpmProvisioning, got "tpm2"');
  });

  it("a fleet's site written as its name", () => {
    expect(message(() => fleetFrom({ sites: ['HQ'], groups: [{ name: 'a', count: 5 }] }, 'f.yaml'))).toMatch(/^f\.yaml: sites\[0\]: expected a mapping of the fields name, share, bandwidthMbps, internetVia, startHour and environment, got "HQ"$/);
  });

  it("a library's whole argument is still 'expected object'", () => {
    expect(message(() => simulate(null as never))).toMatch(/^environment: expected object, got null$/);
  });
});
