// The studio's screen model reads the trace (the engine writes the ESP row and the tracked
// apps into each step) and never re-derives a world rule. The bug this fixed: a pre-provisioned
// run with one blocking app selected and onlyFailSelectedBlockingAppsInTechnicianPhase: false
// installs nothing in the user flow, yet the studio showed "Apps (0 of 1 installed)" with the
// non-blocking app "installing" (its own copy of the world's app rule disagreed with src/world).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { anyEnvironmentArbitrary } from '../../src/capabilities/generators.ts';
import { Session } from '../../src/engine/session.ts';
import type { TraceEntry } from '../../src/engine/simulate.ts';
import { screenAt } from '../../src/studio/app/screen-model.ts';

describe('the screen model reads the trace', () => {
  it('pre-provisioned, one blocking app selected, onlyFail... false: the user flow tracks no app, and the studio says so', () => {
    const s = new Session(
      {
        scenario: 'pre-provisioned',
        profile: { allowPreProvisioning: true },
        esp: { blockingApps: 'selected', selectedApps: ['Blocking'], onlyFailSelectedBlockingAppsInTechnicianPhase: false },
        apps: [{ name: 'Blocking' }, { name: 'NonBlocking' }],
      },
      1,
    );
    expect(s.outcome.status).toBe('succeeded');
    // The world installs only the selected app, in the technician flow; the user flow installs nothing.
    expect(s.trace.filter((t) => t.event === 'app.installed').map((t) => t.detail)).toEqual(['Blocking']);
    const userFlowApps = s.trace.findIndex((t) => t.state.includes('userFlow') && t.row === 'apps');
    expect(userFlowApps).toBeGreaterThan(0);
    expect(s.trace[userFlowApps]!.apps).toEqual([]);
    const apps = screenAt(s.trace, userFlowApps, s.env).esp!.sections.find((x) => x.id === 'deviceSetup')!.rows[3]!;
    expect(`${apps.label} ${apps.text}`).toBe('Apps (No setup needed)');
    expect(apps.apps).toBeUndefined();
    // The technician's device setup tracked the one selected app.
    const techApps = s.trace.findIndex((t) => t.state.includes('technicianFlow') && t.row === 'apps');
    const tech = screenAt(s.trace, techApps, s.env).esp!.sections.find((x) => x.id === 'deviceSetup')!.rows[3]!;
    expect(tech.text).toBe('(0 of 1 installed)');
    expect(tech.apps!.map((a) => a.name)).toEqual(['Blocking']);
  });

  it('over generated runs: the apps row lists what the trace says the section tracks, counts no install the trace lacks, and marks only a tracked app installing', () => {
    fc.assert(
      fc.property(anyEnvironmentArbitrary({ maxFaults: 2 }), (g) => {
        const s = new Session(g.environment, g.seed);
        const installedSoFar: string[] = [];
        s.trace.forEach((t, i) => {
          if ((t.event === 'app.installed' || t.event === 'app.installedRestartRequired') && t.detail) installedSoFar.push(t.detail);
          if (!t.apps || (t.phase !== 'deviceSetup' && t.phase !== 'accountSetup')) return;
          const m = screenAt(s.trace, i, s.env);
          const section = m.esp?.sections.find((x) => x.id === t.phase);
          if (!section || section.rows.length < 4) return;
          const row = section.rows[3]!;
          if (row.status === 'identifying') return; // "Identifying…": the page lists no apps yet
          const shown = row.apps ?? [];
          expect(shown.slice(0, t.apps.length).map((a) => a.name), `step ${i}`).toEqual([...t.apps]);
          if (t.apps.length === 0 && shown.length === 0) expect(row.text).toBe('(No setup needed)');
          for (const a of shown) {
            if (a.status === 'installed') expect(installedSoFar, `step ${i}: ${a.name}`).toContain(a.name);
            if (a.status === 'installing') expect(t.apps, `step ${i}: ${a.name}`).toContain(a.name);
          }
        });
      }),
      { numRuns: 150, seed: 9 },
    );
  });

  it('over generated runs: every timer step carries its cause; the ESP page, its error page and the task sequence come from what the trace says (the ESP run, the screen, the waits), never a state path', () => {
    fc.assert(
      fc.property(anyEnvironmentArbitrary({ maxFaults: 2 }), (g) => {
        const s = new Session(g.environment, g.seed);
        let tsSteps = 0;
        s.trace.forEach((t, i) => {
          if (t.source === 'timer') expect(t.cause, `step ${i}: ${t.event}`).toBeTruthy();
          tsSteps = t.screen === 'taskSequence' ? tsSteps + (t.wait?.startsWith('ts.') ? 1 : 0) : 0;
          const m = screenAt(s.trace, i, s.env);
          if (m.kind === 'taskSequence') expect(m.progress, `step ${i}`).toBe(Math.max(1, tsSteps));
          if (t.screen === 'espError') expect(m.esp?.error, `step ${i}: the error page`).toBeTruthy();
          if (t.screen === 'esp' && t.esp) {
            expect(m.esp?.error ?? null, `step ${i}: no error page`).toBeNull();
            // A device-token ESP (self-deploying, the technician) has no account setup section.
            const ids = m.esp!.sections.map((x) => x.id);
            expect(ids.includes('accountSetup'), `step ${i}`).toBe(t.esp.section === 'account' || t.esp.preparation !== 'device-token');
          }
        });
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('over generated runs: the end, the kiosk, the sign-in screen, the shipped device, Identifying and the device-preparation ring agree with what the run did (its outcome and its events)', () => {
    const met = new Map<string, number>();
    const meet = (what: string) => met.set(what, (met.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(anyEnvironmentArbitrary({ maxFaults: 2 }), (g) => {
        const s = new Session(g.environment, g.seed);
        const o = s.outcome;
        const last = s.trace.length - 1;
        s.trace.forEach((t, i) => {
          const m = screenAt(s.trace, i, s.env);
          // Only the last step ends the run; its screen says how the run ended.
          if (i < last) expect(t.end, `step ${i}`).toBeUndefined();
          else expect(m.outcome, 'the end screen').toBe(o.status);
          if (i === last && t.end === 'succeeded') {
            meet('succeeded');
            const kiosk = s.trace.some((e) => e.event === 'kiosk.autologon');
            // Self-deploying, or an existing device whose profile named it: nobody signs in, the sign-in screen (§2.6).
            const selfDeploying = s.env.scenario === 'self-deploying' || o.followOn === 'self-deploying';
            // A Windows 365 Cloud PC in automatic mode ends at its status in the portal, for its user to connect later (§7).
            const cloudPc = s.env.scenario === 'device-preparation' && !o.followOn && s.trace.some((e) => e.phase === 'cloudPc');
            const expected = s.env.scenario === 'reset' ? 'lockScreen' : cloudPc ? 'cloudPcStatus' : kiosk ? 'desktop' : selfDeploying ? 'signInScreen' : 'desktop';
            expect(m.kind, `${s.env.scenario} ${o.followOn ?? ''}`).toBe(expected);
            expect(!!m.kiosk, 'kiosk').toBe(kiosk && s.env.scenario !== 'reset');
            meet(`end ${expected}${kiosk ? ' kiosk' : ''}`);
          }
          if (t.wait === 'kiosk.autologon') {
            expect(m.kiosk, `step ${i}: kiosk autologon`).toBe(true);
            meet('kiosk autologon');
          }
          if (m.kind === 'off') {
            // Resealed by the technician and shipped (§2.3), or shut down at the end of a task sequence (§2.7).
            expect(m.note!.startsWith('Resealed and shipped'), `step ${i}`).toBe(t.event === 'technician.reseal');
            meet(`off ${t.event}`);
          }
          if (t.esp?.section === 'account' && t.screen === 'esp') {
            const rows = m.esp!.sections.find((x) => x.id === 'accountSetup')!.rows;
            // "Identifying…" while the tracking list is built, and still when that hangs (only the timer moves it).
            const identifying = t.wait === 'esp.userIdentifying' || t.event === 'esp.identifyingHang';
            expect(rows.every((r) => r.status === 'identifying'), `step ${i}: ${t.event}`).toBe(identifying);
            if (identifying) meet(t.event === 'esp.identifyingHang' ? 'identifying hang' : 'identifying');
          }
          if (m.devicePreparation && t.screen === 'devicePreparation') {
            const dp = m.devicePreparation;
            if (t.event === 'apdp.stuckAt100' || t.wait === 'apdp.finish') {
              expect([dp.percent, dp.step], `step ${i}`).toEqual([100, 'Finishing up']);
              meet(`ring ${t.event}`);
            } else expect(dp.percent, `step ${i}: ${t.wait}`).toBeLessThan(100);
            if (t.event === 'app.hung') expect(dp.step, `step ${i}: the hung installer`).toBe('Installing apps');
            if (t.wait === 'apdp.scripts') expect(dp.step, `step ${i}`).toBe('Running scripts');
          }
          if (m.devicePreparation) expect(m.devicePreparation.complete, `step ${i}`).toBe(t.screen === 'devicePreparationComplete');
        });
      }),
      { numRuns: 200, seed: 13 },
    );
    // The runs met every case above (a property over nothing holds for nothing).
    for (const what of ['succeeded', 'end desktop', 'end signInScreen', 'end desktop kiosk', 'end lockScreen', 'kiosk autologon', 'off technician.reseal', 'off ts.stepCompleted', 'identifying', 'ring apdp.appsDone'])
      expect(met.get(what) ?? 0, `${what}: ${JSON.stringify([...met])}`).toBeGreaterThan(0);
  });
});

describe('the screen model never reads a state path', () => {
  /** The trace with every state path replaced by nonsense: what a machine renaming all its states would write. */
  const scrambled = (trace: TraceEntry[]): TraceEntry[] => trace.map((t, i) => ({ ...t, state: `renamed${i}.${[...t.state].reverse().join('')}` }));

  it('over generated runs: the same trace with every state renamed gives the same screens, step by step', () => {
    fc.assert(
      fc.property(anyEnvironmentArbitrary({ maxFaults: 2 }), (g) => {
        const s = new Session(g.environment, g.seed);
        const renamed = scrambled(s.trace);
        for (let i = 0; i < s.trace.length; i++) {
          const a = screenAt(s.trace, i, s.env);
          const b = screenAt(renamed, i, s.env);
          if (!isDeepStrictEqual(a, b)) expect(b, `step ${i}: ${s.trace[i]!.state}`).toEqual(a);
        }
      }),
      { numRuns: 120, seed: 17 },
    );
  });

  it('its source reads no state field and imports from machines/ only the vocabulary', () => {
    for (const file of ['src/studio/app/screen-model.ts', 'src/studio/app/device-preparation-screen.ts']) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code.match(/\.state\b|\bstate\s*[:}]|leafOf|\.path\b/g), file).toBeNull();
      const fromMachines = [...code.matchAll(/from\s+'([^']*machines\/[^']*)'/g)].map((m) => m[1]!.replace(/^(\.\.\/)+/, ''));
      expect(fromMachines.filter((f) => f !== 'src/catalog/vocabulary.ts'), file).toEqual([]);
    }
  });
});
