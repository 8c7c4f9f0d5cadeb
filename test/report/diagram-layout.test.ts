// The statechart laid out for a slide (LayoutOptions.slide, what `diagram --format svg` draws):
// the ways from one state to another are one line with their labels listed, and labels move off
// the lines that ran through them; the studio's layout (no slide) keeps one line per transition.
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { machines, SCENARIO_IDS } from '../../machines/index.ts';
import { humanize, layoutMachine, type Layout, type LayoutEdge } from '../../src/studio/layout.ts';
import { compoundStates } from '../../src/engine/structure.ts';

/** The lines that run through a label's box (routes are orthogonal). */
function linesThrough(layout: Layout, e: LayoutEdge): string[] {
  const b = e.labelBox!;
  const out: string[] = [];
  for (const o of layout.edges)
    for (let i = 1; i < o.points.length; i++) {
      const [p, q] = [o.points[i - 1]!, o.points[i]!];
      const hit =
        p.x === q.x
          ? p.x > b.x + 0.5 && p.x < b.x + b.width - 0.5 && Math.max(p.y, q.y) > b.y + 0.5 && Math.min(p.y, q.y) < b.y + b.height - 0.5
          : p.y > b.y + 0.5 && p.y < b.y + b.height - 0.5 && Math.max(p.x, q.x) > b.x + 0.5 && Math.min(p.x, q.x) < b.x + b.width - 0.5;
      if (hit) {
        out.push(o.id);
        break;
      }
    }
  return out;
}

describe('a slide\'s layout', () => {
  it('draws the ways from one state to another as one line, their labels listed a line each; the studio keeps a line each', async () => {
    const machine = machines['user-driven'] as unknown as AnyStateMachine;
    const collapsed = compoundStates(machine).filter((p) => !p.includes('.'));
    const slide = await layoutMachine(machine, { collapsed, slide: true });
    const failing = slide.edges.filter((e) => e.source === 'deployment' && e.target === 'failed');
    expect(failing).toHaveLength(1);
    const reasons = failing[0]!.label.split('\n');
    expect(reasons).toContain('Entra join fails');
    expect(reasons).toContain('User presses Reset device if the ESP allows reset');
    expect(new Set(reasons).size).toBe(reasons.length);
    expect(failing[0]!.labelBox!.height).toBe(17 * reasons.length);
    const studio = await layoutMachine(machine, { collapsed });
    expect(studio.edges.filter((e) => e.source === 'deployment' && e.target === 'failed').length).toBeGreaterThanOrEqual(reasons.length);
    // A studio label is one way out: a second line is only its own condition, folded under a long label (b65b719).
    expect(studio.edges.flatMap((e) => e.label.split('\n').slice(1)).filter((l) => !l.startsWith('if '))).toEqual([]);
    expect(studio.edges.every((e) => e.label.split('\n').length <= 2)).toBe(true);
  });

  it('moves a label off a line that ran through it, beside its own line, its words ending at the line when left of it', async () => {
    // Autopilot Reset: ELK put 'WinRE ready', 'Local reset not enabled' and 'Device can be reset' across the line beside theirs.
    const machine = machines.reset as unknown as AnyStateMachine;
    const studio = await layoutMachine(machine);
    const slide = await layoutMachine(machine, { slide: true });
    for (const label of ['WinRE ready', 'Local reset not enabled', 'Device can be reset']) {
      const before = studio.edges.find((e) => e.label === label)!;
      const after = slide.edges.find((e) => e.label === label)!;
      expect(linesThrough(studio, before), `${label} in the studio's layout`).not.toEqual([]);
      expect(linesThrough(slide, after), label).toEqual([]);
      // Beside a stretch of its own line: along it, 3 units off it; left of an upright stretch, its words end at it.
      const b = after.labelBox!;
      const beside = after.points.slice(1).some((q, i) => {
        const p = after.points[i]!;
        if (p.x === q.x) {
          const along = b.y >= Math.min(p.y, q.y) - 0.5 && b.y + b.height <= Math.max(p.y, q.y) + 0.5;
          return along && (after.labelLeft ? Math.abs(b.x + b.width + 3 - p.x) < 0.2 : Math.abs(b.x - 3 - p.x) < 0.2);
        }
        return !after.labelLeft && b.x < Math.max(p.x, q.x) && b.x + b.width > Math.min(p.x, q.x) && (Math.abs(b.y + b.height + 3 - p.y) < 0.2 || Math.abs(b.y - 3 - p.y) < 0.2);
      });
      expect(beside, label).toBe(true);
    }
    expect(slide.edges.find((e) => e.label === 'WinRE ready')!.labelLeft).toBe(true);
    // And no other label of the slide lies under a line, the reset's exits offline or not enrolled in Intune among them.
    expect(slide.edges.filter((e) => e.labelBox && linesThrough(slide, e).length).map((e) => e.label)).toEqual([]);
  });

  it('names states as a slide should print them (they read \'Win 32 apps\', \'Lob apps\', \'Cloud pc\', \'Pre provisioned\', \'Apdp failure\')', () => {
    const names = ['win32Apps', 'lobApps', 'cloudPc', 'createVm', 'preProvisioned', 'userDriven', 'selfDeploying', 'pre-provisioned', 'automaticSignIn', 'pushButtonReset', 'configMgrTasks', 'apdpFailure'];
    expect(names.map(humanize)).toEqual(['Win32 apps', 'LOB apps', 'Cloud PC', 'Create VM', 'Pre-provisioned', 'User-driven', 'Self-deploying', 'Pre-provisioned', 'Automatic sign-in', 'Push-button reset', 'ConfigMgr tasks', 'Installation error']);
  });

  it("names every step a trainer reads aloud in English, not as the key's words in a row ('MDM enrollment hybrid', 'At sign in screen', 'Stuck at 100')", () => {
    const names = ['mdmEnrollmentHybrid', 'atSignInScreen', 'preparationBehindSignIn', 'identifyingStuck', 'stuckAt100', 'afterApplyOs', 'afterOdjBlob', 'setupFirstBoot', 'deleteUnattend', 'followOn', 'failedStatus'];
    expect(names.map(humanize)).toEqual(['MDM enrollment (hybrid)', 'At the sign-in screen', 'Preparation behind sign-in', 'Stuck at Identifying', 'Stuck at 100 %', 'OS applied', 'ODJ blob received', "Setup's first boot", 'Delete unattend.xml', 'Follow-on deployment', 'Status: Failed']);
    // And no state of any machine reads as a key's words in a row: a trailing qualifier, 'sign in' as a noun, a bare number.
    const keys = new Set<string>();
    const walk = (n: { states?: Record<string, { key: string; states?: object }> }) => {
      for (const c of Object.values(n.states ?? {})) {
        keys.add(c.key);
        walk(c as typeof n);
      }
    };
    for (const id of SCENARIO_IDS) walk((machines[id] as unknown as AnyStateMachine).root as never);
    const odd = [...keys].map(humanize).filter((n) => / (hybrid|stuck|entra)$|\bsign in\b(?! and)| \d+$/i.test(n) && n !== 'Sign out and in');
    expect(odd).toEqual([]);
  });

  it.each(SCENARIO_IDS)('%s: a list of labels keeps a gap from every other label (set against it, the next read as one more item)', async (id) => {
    const layout = await layoutMachine(machines[id] as unknown as AnyStateMachine, { slide: true });
    const labelled = layout.edges.filter((e) => e.labelBox);
    const close: string[] = [];
    for (const a of labelled)
      for (const b of labelled) {
        if (a.id >= b.id || !(a.label.includes('\n') || b.label.includes('\n'))) continue;
        const [p, q] = [a.labelBox!, b.labelBox!];
        if (p.x < q.x + q.width + 5.5 && q.x < p.x + p.width + 5.5 && p.y < q.y + q.height + 5.5 && q.y < p.y + p.height + 5.5) close.push(`'${a.label}' by '${b.label}'`);
      }
    expect(close).toEqual([]);
  });
});
