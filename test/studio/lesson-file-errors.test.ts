// A trainer's own lesson file with a slip in it: a suggested fault's id mistyped was shown by that id on the lesson's
// card ("Suggested faults: no-license") and offered nowhere, with nothing said by `validate`, `studio` or the studio's
// import. It is now a bad input like any other: the file, the line, the field, what was expected and the id meant.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_IDS } from '../../src/catalog/faults.ts';
import { parseScenario } from '../../src/environment/load.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const lesson = readFileSync(join(import.meta.dirname, '../../scenarios/lessons/01-first-user-driven-deployment.yaml'), 'utf8');
const slipped = lesson.replace('suggestedFaults: [no-licence,', 'suggestedFaults: [no-license,');

describe("a lesson's suggested fault mistyped", () => {
  it('is named with its line and the id meant, in the studio as on the command line', () => {
    expect(slipped).not.toBe(lesson);
    expect(() => parseScenario('my-lesson.yaml', slipped)).toThrow(/^my-lesson\.yaml:\d+: lesson\.suggestedFaults\[0\]: expected a fault's id, .*got "no-license": did you mean no-licence\?$/);
  });

  it('stops `studio` and `validate` with exit code 2 and no stack trace', async () => {
    const file = join(tempDir('lesson-'), 'my-lesson.yaml');
    writeFileSync(file, slipped);
    for (const argv of [['studio', file, '--port', '0'], ['validate', file]]) {
      const { code, out, err } = await cli(...argv);
      expect(code, argv[0]).toBe(2);
      expect(out + err, argv[0]).toContain('lesson.suggestedFaults[0]');
      expect(out + err, argv[0]).toContain('did you mean no-licence?');
      expect(out + err, argv[0]).not.toMatch(/\n\s+at /);
    }
  });
});

describe("a lesson written from the schema alone", () => {
  it("finds the fault ids in the schema's own words: every id a lesson may suggest, not a source file's path", () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../schema/scenario.schema.json'), 'utf8'));
    const said: string = schema.properties.lesson.properties.suggestedFaults.description;
    expect(said).not.toMatch(/src\//);
    for (const id of FAULT_IDS) expect(said).toMatch(new RegExp(`\\b${id}\\b`));
  });

  it("names the change meant when compareWith is mistyped ('hybird'), with its line", () => {
    const mine = lesson.replace(/compareWith: .*/, 'compareWith: hybird');
    expect(mine).not.toBe(lesson);
    expect(() => parseScenario('my-lesson.yaml', mine)).toThrow(/^my-lesson\.yaml:\d+: lesson\.compareWith: expected one of the changes side by side offers .*: did you mean "hybrid"\?$/);
  });
});
