// Every bundled scenario file under scenarios/ runs to the outcome its `expect` names,
// and its trace matches the golden copy in __golden__/ (update with `vitest run -u`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../../machines/setup.ts';
import { Session } from '../../src/engine/session.ts';
import { simulate, type Outcome, type TraceEntry } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import type { ScenarioFile } from '../../src/environment/schema.ts';
import { FAULTS_BY_WAIT } from '../../src/world/failure-modes.ts';

const root = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const paths = (readdirSync(root, { recursive: true }) as string[])
  .map((p) => p.split('\\').join('/'))
  .filter((p) => p.endsWith('.yaml') && !p.startsWith('fleets/')) // fleets: test/fleet/bundled-fleets.test.ts
  .sort();

const bundled = paths.map((path) => ({
  path,
  name: path.replace(/\.yaml$/, ''),
  file: parseScenario(path, readFileSync(join(root, path), 'utf8')) as ScenarioFile,
}));

/** One line per trace entry: minutes, source, event, state, then detail, code and finding. */
function formatTrace(trace: TraceEntry[]): string {
  return (
    trace
      .map((t) =>
        [(t.at / 60_000).toFixed(2).padStart(9), t.source.padEnd(10), t.event, t.state, [t.detail, t.code, t.finding && `finding ${t.finding}`].filter(Boolean).join(' ')]
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** What `expect` cannot say (it holds status, errorCode, failedPhase and findings only). */
const alsoShows: Record<string, (o: Outcome) => void> = {
  'failures/continue-anyway': (o) => expect(o.reachedDesktop).toBe(true),
  'failures/tpm-intermittent-retry': (o) => {
    expect(o.firstTimeRight).toBe(false);
    expect(o.firstError).toBe('0x81039001');
  },
  'failures/app-reboot-inside-package': (o) => expect(o.cause).toContain('Legacy driver pack'),
  'failures/esp-timeout-large-app': (o) => expect(o.reachedDesktop).toBe(false),
  // Device preparation (domain §7): who takes the device, and what the user or the Cloud PC is left with.
  'device-preparation-registered-runs-classic': (o) => expect(o.followOn).toBe('classic user-driven'),
  'device-preparation-associated': (o) => expect(o.followOn).toBeUndefined(),
  'device-preparation': (o) => expect(o.followOn).toBeUndefined(),
  'failures/device-preparation-script-continue-anyway': (o) => expect(o.reachedDesktop).toBe(true),
  'failures/device-preparation-timeout': (o) => expect(o.cause).toContain("device preparation policy's timer"),
  'failures/windows-365-provisioned-with-warnings': (o) => {
    // Handed over with warnings: the deployment failed, went on, and the Cloud PC waits for its user (no desktop yet).
    expect(o.continuedAfterError).toBe(true);
    expect(o.reachedDesktop).toBe(false);
  },
  'failures/windows-365-access-denied': (o) => expect(o.reachedDesktop).toBe(false),
  'failures/device-preparation-stuck-at-100': (o) => expect(o.firstTimeRight).toBe(true),
};

describe('bundled scenarios', () => {
  it('finds the scenario files', () => {
    expect(bundled.length).toBeGreaterThan(0);
    expect(bundled.filter((b) => b.path.startsWith('failures/')).length).toBeGreaterThanOrEqual(12);
  });

  it('has a happy path for every scenario id', () => {
    const happy = new Set(
      bundled.filter((b) => !b.path.startsWith('failures/') && b.file.expect?.status === 'succeeded').map((b) => b.file.scenario),
    );
    for (const id of SCENARIO_IDS) expect(happy, `no happy path for ${id}`).toContain(id);
  });

  describe.each(bundled)('$path', ({ name, file }) => {
    it('is described and states what it shows', () => {
      expect(file.name).toBeTruthy();
      expect(file.description).toBeTruthy();
      expect(file.seed).toBeTypeOf('number');
      expect(file.expect, 'every bundled file needs expect').toBeDefined();
    });

    it('runs to the expected outcome', async () => {
      const { trace, outcome } = simulate(environmentOf(file), { seed: file.seed ?? 1 });
      const want = file.expect!;
      expect(outcome.status, outcome.cause ?? outcome.fallbackReason ?? '').toBe(want.status);
      if (want.errorCode !== undefined) expect(outcome.errorCode).toBe(want.errorCode);
      if (want.failedPhase !== undefined) expect(outcome.failedPhase).toBe(want.failedPhase);
      if (want.findings !== undefined) expect(outcome.findings ?? []).toEqual(want.findings);
      alsoShows[name]?.(outcome);
      await expect(formatTrace(trace)).toMatchFileSnapshot(`./__golden__/${name}.txt`);
    });
  });

  it('lessons: at least eight, each with a title, an introduction for the class, questions, and suggested faults the studio offers', () => {
    const lessons = bundled.filter((b) => b.path.startsWith('lessons/'));
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    const faultIds = new Set(Object.values(FAULTS_BY_WAIT).flatMap((fs) => fs.map((f) => f.id)));
    for (const b of lessons) {
      const l = b.file.lesson;
      expect(l, `${b.path} has a lesson block`).toBeDefined();
      expect(l!.title.length, b.path).toBeGreaterThan(10);
      expect(l!.introduction.length, b.path).toBeGreaterThan(150);
      expect(l!.questions.length, b.path).toBeGreaterThanOrEqual(2);
      for (const f of l!.suggestedFaults) expect(faultIds, `${b.path}: suggested fault ${f}`).toContain(f);
    }
    // Numbered in order, with no gaps: the studio lists them as a course.
    expect(lessons.map((b) => Number(b.path.slice('lessons/'.length, 'lessons/'.length + 2)))).toEqual(lessons.map((_, i) => i + 1));
  });

  it("a lesson's suggested faults are offered in its own run: the lesson card and play suggest them for the run on the screen", () => {
    for (const b of bundled.filter((x) => x.path.startsWith('lessons/'))) {
      const session = new Session(environmentOf(b.file), b.file.seed ?? 1, [], b.path);
      const offered = new Set(session.trace.flatMap((e) => session.faultsFor(e).map((f) => f.id)));
      for (const f of b.file.lesson!.suggestedFaults) expect(offered, `${b.path}: suggested fault ${f} is never offered in its run`).toContain(f);
    }
  });

  it('checks every extra expectation against a bundled file', () => {
    for (const name of Object.keys(alsoShows)) expect(bundled.map((b) => b.name)).toContain(name);
  });
});
