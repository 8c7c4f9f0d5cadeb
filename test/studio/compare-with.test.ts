// A lesson names what side by side opens on (lesson.compareWith): one change to the run or a bundled file, checked by
// the lesson schema with the value that would do. The studio read the lesson's prose for a change's label or a file's
// name, which a reworded question silently lost; the browser side is classroom.e2e 'side by side opens on …'.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session.ts';
import { CHANGES } from '../../src/environment/comparisons.ts';
import { InputError, parseScenario, parseText } from '../../src/environment/load.ts';
import { bundledScenarios } from '../../src/environment/files.ts';
import { firstDifference } from '../../src/studio/app/insight.ts';
import { merge } from '../../src/studio/app/run.ts';

const SCENARIOS = join(import.meta.dirname, '../../scenarios');
const LESSONS = readdirSync(join(SCENARIOS, 'lessons')).map((f) => `lessons/${f}`);
const META = ['name', 'description', 'references', 'seed', 'expect', 'lesson'];

/** The environment as written (what the studio runs), without what the file says about it. */
function written(path: string): Record<string, unknown> {
  const raw = parseText(path, readFileSync(join(SCENARIOS, path), 'utf8')).raw;
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !META.includes(k)));
}

function problem(lesson: string, scenario = 'user-driven'): string {
  try {
    parseScenario('l.yaml', `scenario: ${scenario}\nlesson:\n  title: t\n  introduction: i\n  compareWith: ${lesson}\n`, bundledScenarios());
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  return 'valid';
}

describe("a lesson's compareWith", () => {
  it.each(LESSONS)('%s names a comparison whose runs part ways', (path) => {
    const file = parseScenario(path, readFileSync(join(SCENARIOS, path), 'utf8'), bundledScenarios());
    const named = file.lesson?.compareWith;
    expect(named, 'every bundled lesson says what side by side opens on').toBeDefined();
    const a = written(path);
    const change = CHANGES.find((c) => c.id === named);
    const b = change ? merge(a, change.override) : written(named!);
    const seed = file.seed ?? 1;
    const runs = [new Session(a as never, seed, [], 'A'), new Session(b as never, seed, [], 'B')];
    expect(firstDifference(runs[0]!.trace, runs[1]!.trace), `${path} beside ${named}`).not.toBeNull();
  });

  it('a wrong value is named with the field, its line and what would do', () => {
    expect(problem('physical')).toMatch(/^l\.yaml:5: lesson\.compareWith: expected one of the changes side by side offers \(vm, tpm12, .*\) or a bundled file under scenarios\//);
    expect(problem('self-deployng.yaml')).toBe('l.yaml:5: lesson.compareWith: no bundled file self-deployng.yaml: did you mean self-deploying.yaml?');
    expect(problem('hybrid-home-no-vpn.yaml')).toBe('l.yaml:5: lesson.compareWith: no bundled file hybrid-home-no-vpn.yaml: did you mean failures/hybrid-home-no-vpn.yaml?');
    expect(problem('fleets/branch-rollout.yaml')).toMatch(/no bundled file fleets\/branch-rollout\.yaml/);
    expect(problem('device-preparation', 'device-preparation')).toMatch(/lesson\.compareWith: device-preparation \("Classic Autopilot → device preparation \(device not registered\)"\) is not offered beside a device-preparation run; expected .*classic/);
    expect(problem('self-deploying.yaml')).toBe('valid');
    expect(problem('device-preparation')).toBe('valid');
  });
});
