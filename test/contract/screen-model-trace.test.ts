// The studio's screen model reads the trace (the engine writes the ESP row and the tracked
// apps into each step) and never re-derives a world rule. The bug this fixed: a pre-provisioned
// run with one blocking app selected and onlyFailSelectedBlockingAppsInTechnicianPhase: false
// installs nothing in the user flow, yet the studio showed "Apps (0 of 1 installed)" with the
// non-blocking app "installing" (its own copy of the world's app rule disagreed with src/world).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyEnvironmentArbitrary } from '../../src/capabilities/generators.ts';
import { Session } from '../../src/engine/session.ts';
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
});
