// §5.6: User account type is "forced Standard in self-deploy"; self-deploying has no user (§2.6 S5, S6). A self-deploying
// profile set to Administrator was accepted silently, as if it did something. The setting has no effect, and the run
// now says so as the model tells another setting self-deploying ignores (the ESP profile assigned to users): a finding.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { FINDINGS } from '../../src/catalog/findings.ts';

const run = (scenario: 'self-deploying' | 'user-driven', userAccountType: 'standard' | 'administrator') =>
  simulate(defaultEnvironment({ scenario, profile: { userAccountType } }), { seed: 1 }).outcome;

describe('a self-deploying profile with User account type Administrator (§5.6)', () => {
  it('succeeds as before, with a finding that the setting is forced to Standard', () => {
    const o = run('self-deploying', 'administrator');
    expect(o.status).toBe('succeeded');
    expect(o.findings).toEqual(['ACCOUNT_TYPE_FORCED_STANDARD']);
    expect(FINDINGS.ACCOUNT_TYPE_FORCED_STANDARD.text).toContain('forces to Standard');
    expect(FINDINGS.ACCOUNT_TYPE_FORCED_STANDARD.evidence).toBe('DOC');
  });

  it('Standard in self-deploying, and Administrator in user-driven (where it takes effect), bring no finding', () => {
    expect(run('self-deploying', 'standard').findings ?? []).toEqual([]);
    expect(run('user-driven', 'administrator').findings ?? []).toEqual([]);
  });

  it('the same draws and times with either setting', () => {
    const a = run('self-deploying', 'administrator');
    const s = run('self-deploying', 'standard');
    expect(a.totalMinutes).toBe(s.totalMinutes);
    expect(a.steps).toBe(s.steps);
  });
});
