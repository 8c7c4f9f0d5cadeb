// Domain §7 steps 7-9: device preparation installs the policy's line-of-business and Microsoft 365 Apps-type apps, then
// its scripts, then its Win32, Store and Enterprise App Catalog apps. A step the policy gave nothing to passed with no
// word ("Apps step done" and nothing else), so a reader could not tell an empty step from a lost one. It now says so.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { simulate } from '../../src/engine/simulate.ts';

const run = (overrides: Record<string, unknown>) => simulate(defaultEnvironment({ scenario: 'device-preparation', registration: { registered: false }, ...overrides }), { seed: 1 });
const doneLines = (sim: ReturnType<typeof run>) => sim.trace.filter((t) => t.event === 'apdp.appsDone' || t.event === 'apdp.scriptsDone');

describe('an empty install step of device preparation says the policy gave it nothing (§7 steps 7-9)', () => {
  it('the default apps (Win32 and Store, no line-of-business) and no script: the first and second steps say so', () => {
    const sim = run({});
    expect(sim.outcome.status).toBe('succeeded');
    const [lob, scripts, win32] = doneLines(sim);
    expect(lob!.detail).toBe('nothing to install: the policy has no line-of-business or Microsoft 365 Apps-type app');
    expect(scripts!.detail).toBe('nothing to run: the policy has no script');
    expect(win32!.detail).toBeUndefined();
  });

  it('a step that installed something says nothing more when it is done', () => {
    const sim = run({
      apps: [{ name: 'Line of business', type: 'msi-lob' }],
      devicePreparation: { policies: [{ scripts: [{ name: 'Set-Baseline.ps1' }] }] },
    });
    const [lob, scripts, win32] = doneLines(sim);
    expect(lob!.detail).toBeUndefined();
    expect(scripts!.detail).toBeUndefined();
    expect(win32!.detail).toBe('nothing to install: the policy has no Win32, Store or Enterprise App Catalog app');
  });
});
