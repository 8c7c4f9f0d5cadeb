// A lesson's "what to notice": the schema had no field for what the trainer points out as the run goes (the
// trainer's laptop is a second screen for notes and what comes next, USERS.md). lesson.notice names a state of the
// scenario's machine and what to point out there; a name that is no state is a bad input like any other; every bundled
// note is reached by its lesson's own run; `play`'s l lists the notes, the ones for this step marked.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playCommand } from '../../src/cli/commands/play.ts';
import { Session } from '../../src/engine/session.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { inNoticeState } from '../../src/environment/notice.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const lessonsDir = join(import.meta.dirname, '../../scenarios/lessons');
const lessons = readdirSync(lessonsDir).filter((f) => f.endsWith('.yaml'));
const first = readFileSync(join(lessonsDir, '01-first-user-driven-deployment.yaml'), 'utf8');

describe("a lesson's notes: what to notice, at a state of the run", () => {
  it('every bundled note is reached by its lesson\'s own run, and some lessons have them', () => {
    let notes = 0;
    for (const f of lessons) {
      const file = parseScenario(`lessons/${f}`, readFileSync(join(lessonsDir, f), 'utf8'));
      const trace = simulate(environmentOf(file), { seed: file.seed }).trace;
      for (const n of file.lesson?.notice ?? []) {
        notes++;
        expect(trace.some((t) => inNoticeState(t.state, n.at)), `${f}: "${n.text}" at ${n.at}`).toBe(true);
      }
    }
    expect(notes).toBeGreaterThanOrEqual(6);
  });

  it('every bundled lesson has something to notice', () => {
    const without = lessons.filter((f) => !parseScenario(`lessons/${f}`, readFileSync(join(lessonsDir, f), 'utf8')).lesson?.notice.length);
    expect(without).toEqual([]);
  });

  it("lesson 08's suggested fault: an app restarting inside its installer reaches the same error page at the same minute, and a note there says why", () => {
    const f = '08-esp-timeout-one-large-app.yaml';
    const file = parseScenario(`lessons/${f}`, readFileSync(join(lessonsDir, f), 'utf8'));
    expect(file.lesson?.suggestedFaults).toContain('app-hangs');
    const s = new Session(environmentOf(file), file.seed ?? 1);
    const errorPage = (t: typeof s.trace) => t.find((e) => e.state.endsWith('deviceEsp.errorPage'))!;
    const plain = errorPage(s.trace);
    const at = s.trace.findIndex((e) => s.faultsFor(e).some((x) => x.id === 'app-hangs'));
    const fault = s.faultsFor(s.trace[at]!).find((x) => x.id === 'app-hangs')!;
    s.seek(at);
    s.inject('app-hangs');
    const hung = errorPage(s.trace);
    expect(s.trace.some((e) => e.state.endsWith('appHung'))).toBe(true);
    // The same page at the same minute: the fault's lesson is invisible on the device, so a note must say it.
    expect([hung.state, Math.round(hung.at / 60000)]).toEqual([plain.state, Math.round(plain.at / 60000)]);
    const note = file.lesson!.notice.find((n) => inNoticeState(plain.state, n.at));
    expect(note?.text).toContain(`'${fault.label}'`);
    expect(note?.text).toMatch(/same minute/);
  });

  it('a note names its state by key or title, or the end of its path, resolved to the full path', () => {
    const at = (name: string) => parseScenario('l.yaml', first.replace('at: accountSetup', `at: ${name}`)).lesson!.notice[1]!.at;
    expect(at('accountSetup')).toBe('deployment.accountSetup');
    expect(at('Account setup')).toBe('deployment.accountSetup');
    expect(at('deviceSetup.apps')).toBe('deployment.deviceEsp.running.deviceSetup.apps');
  });

  it('a name that is no state, or names several, is named with its line and what was meant; validate exits 2', async () => {
    const slipped = first.replace('at: accountSetup', 'at: acountSetup');
    expect(slipped).not.toBe(first);
    expect(() => parseScenario('my-lesson.yaml', slipped)).toThrow(/^my-lesson\.yaml:\d+: lesson\.notice\[1\]\.at: expected a state of user-driven .*got "acountSetup": did you mean accountSetup\?$/);
    expect(() => parseScenario('my-lesson.yaml', first.replace('at: accountSetup', 'at: apps'))).toThrow(/lesson\.notice\[1\]\.at: "apps" names several states of user-driven: .*deviceSetup\.apps/);
    const file = join(tempDir('lesson-'), 'my-lesson.yaml');
    writeFileSync(file, slipped);
    const { code, out, err } = await cli('validate', file);
    expect(code).toBe(2);
    expect(out + err).toContain('lesson.notice[1].at');
    expect(out + err).not.toMatch(/\n\s+at /);
  });

  it("play's l lists the notes, the one for the step shown marked now", async () => {
    const out: string[] = [];
    async function* keys() {
      yield 'l';
      for (let i = 0; i < 20; i++) yield* ['n', 'l'];
      yield 'q';
    }
    await playCommand({ out: (s) => out.push(s), err: () => {}, columns: 100 }, 'lessons/02-self-deploying-on-a-vm', {}, keys());
    const text = out.join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    const lists = text.split('What to notice:').slice(1).map((s) => s.split('\n')[1]!);
    expect(lists).toHaveLength(21);
    // At step 0 the device is at OOBE's first page: the note is listed, not marked; at the row it is marked now.
    expect(lists[0]).toMatch(/^ {2}Secure hardware: Point at the first row/);
    expect(lists.some((l) => /^ {2}now Secure hardware: /.test(l))).toBe(true);
  });
});
