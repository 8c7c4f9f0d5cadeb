// Every note calibrate made on a segment was labelled 'cannot fit:' (terminal, the twin) or listed among the flags (--json,
// Markdown, the backtest), though most were no failure to fit: --esp-timeout given against the exported profile's timeout,
// a profile saying otherwise than its deployments did (the twin follows the deployments), account setup shown in some
// deployments and not in others (the twin takes most's for all). Each kind is now labelled for what it is, in every format
// (NOTE_LABEL in src/calibrate/fit.ts), and the HTML report shows them without --check too, where it had shown none.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoDuration } from '../../src/calibrate/graph.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-note-kinds-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
};

/** 80 user-driven Entra deployments under "ESP - Field": 6 device setups past an hour, 20 without account setup shown. */
const events = write('events.json', {
  value: Array.from({ length: 80 }, (_, i) => {
    const device = i % 13 === 0 ? 75 + (i % 5) : 24 + (i % 17) * 0.9;
    const shown = i % 4 !== 1;
    const account = shown ? 8 + (i % 11) * 0.6 : 0;
    return {
      id: `note-kinds-event-${i}`,
      deviceId: `note-kinds-device-${i}`,
      enrollmentType: 'azureADJoinedWithAutopilotProfile',
      windows10EnrollmentCompletionPageConfigurationDisplayName: 'ESP - Field',
      deploymentState: 'success',
      deviceSetupStatus: 'success',
      accountSetupStatus: shown ? 'success' : 'notAttempted',
      deviceSetupDuration: isoDuration(device),
      accountSetupDuration: shown ? isoDuration(account) : 'PT0S',
      deploymentTotalDuration: isoDuration(device + account + 6),
      enrollmentFailureDetails: null,
    };
  }),
});
/** The tenant's ESP profile, as Graph's deviceEnrollmentConfigurations returns it: a 120-minute timeout. */
const profiles = write('esp-profiles.json', {
  value: [
    {
      '@odata.type': '#microsoft.graph.windows10EnrollmentCompletionPageConfiguration',
      id: 'f1e1d1c1-0000-4000-8000-000000000001_Windows10EnrollmentCompletionPageConfiguration',
      displayName: 'ESP - Field',
      priority: 1,
      showInstallationProgress: true,
      blockDeviceSetupRetryByUser: false,
      allowDeviceResetOnInstallFailure: true,
      allowLogCollectionOnInstallFailure: false,
      installProgressTimeoutInMinutes: 120,
      allowDeviceUseOnInstallFailure: true,
    },
  ],
});

const GIVEN = '--esp-timeout 60 given: the twin\'s ESP times out after 60 minutes, where "ESP - Field" says 120 (installProgressTimeoutInMinutes)';
const MIXED = /^account setup: not shown in 20 of 80 successful deployments \(accountSetupStatus notAttempted or disabled\): the twin shows it for all/;
const OVER = /^device setup: 7 successful deployments \(8\.8%\) took longer than the ESP timeout of 60 min, which the model cannot reproduce/;

describe('what calibrate says of a segment, by kind', () => {
  it('sorts the notes: a fit that does not follow the data, a caveat on what-ifs, inputs that disagree', async () => {
    const r = await cli('calibrate', events, profiles, '--esp-timeout', '60', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out).segments[0];
    // --esp-timeout against the profile is the inputs disagreeing, not the fit; so is none of the others a failure to fit.
    expect(s.disagreements).toEqual([GIVEN]);
    expect(s.caveats).toContainEqual(expect.stringMatching(MIXED));
    expect(s.flags).toContainEqual(expect.stringMatching(OVER));
    expect(s.flags.some((f: string) => f.startsWith('--esp-timeout') || MIXED.test(f))).toBe(false);
  });

  it('labels each kind for what it is in the terminal, Markdown, HTML without --check, and the twin', async () => {
    const twin = join(dir, 'twin.yaml');
    const html = join(dir, 'fit.html');
    const t = await cli('calibrate', events, profiles, '--esp-timeout', '60', '-o', twin, '--html', html);
    expect(t.code).toBe(0);
    expect(t.out).toContain(`inputs disagree: ${GIVEN}`);
    expect(t.out).not.toContain('cannot fit: --esp-timeout');
    expect(t.out).toMatch(/what-if caveat: account setup: not shown in 20 of 80/);
    expect(t.out).toMatch(/cannot fit: device setup: 7 successful deployments/);
    const yaml = readFileSync(twin, 'utf8');
    expect(yaml).toContain(`# inputs disagree: ${GIVEN}`);
    expect(yaml).toMatch(/# what-if caveat: account setup: not shown in 20 of 80/);
    expect(yaml).toMatch(/# cannot fit: device setup: 7 successful deployments/);
    const m = await cli('calibrate', events, profiles, '--esp-timeout', '60', '--markdown');
    expect(m.out).toContain(`- **user-driven/entra**: inputs disagree: ${GIVEN}`);
    expect(m.out).toMatch(/- \*\*user-driven\/entra\*\*: what-if caveat: account setup: not shown in 20 of 80/);
    expect(m.out).toMatch(/- \*\*user-driven\/entra\*\*: cannot fit: device setup: 7 successful deployments/);
    // Without --check the HTML report showed no flag at all: the flags were in its backtest section alone.
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`user-driven/entra: inputs disagree: ${GIVEN.replace(/"/g, '&quot;').replace(/'/g, '&#39;')}`);
    expect(page).toMatch(/user-driven\/entra: what-if caveat: account setup: not shown in 20 of 80/);
    expect(page).toMatch(/<li class="flag">user-driven\/entra: cannot fit: device setup: 7 successful deployments/);
  });

  it('the backtest still lists the caveats and the disagreements beside its flags', async () => {
    const r = await cli('calibrate', events, profiles, '--esp-timeout', '60', '--check', '--json');
    expect(r.code).toBe(0);
    const b = JSON.parse(r.out).backtest.segments[0];
    expect(b.disagreements).toEqual([GIVEN]);
    expect(b.caveats).toContainEqual(expect.stringMatching(MIXED));
    expect(b.flags).toContainEqual(expect.stringMatching(OVER));
    const t = await cli('calibrate', events, profiles, '--esp-timeout', '60', '--check');
    expect(t.out).toContain(`user-driven/entra: inputs disagree: ${GIVEN}`);
  });

  it("labels the backtest's notes as the report does ('flag' was none of the kinds) in the terminal, Markdown and HTML", async () => {
    const html = join(dir, 'check.html');
    const t = await cli('calibrate', events, profiles, '--esp-timeout', '60', '--check', '--html', html);
    expect(t.code).toBe(0);
    const backtest = t.out.slice(t.out.indexOf('Backtest'));
    expect(backtest).toMatch(/^user-driven\/entra: cannot fit: device setup: 7 successful deployments/m);
    expect(t.out).not.toMatch(/^flag /m);
    const m = await cli('calibrate', events, profiles, '--esp-timeout', '60', '--check', '--markdown');
    const mdBacktest = m.out.slice(m.out.indexOf('### Backtest'));
    expect(mdBacktest).toMatch(/^- \*\*user-driven\/entra\*\*: cannot fit: device setup: 7 successful deployments/m);
    expect(mdBacktest).toContain(`- **user-driven/entra**: inputs disagree: ${GIVEN}`);
    const page = readFileSync(html, 'utf8');
    expect(page.slice(page.indexOf('<h2>Backtest')).replace(/<li/g, '\n<li')).toMatch(/^<li class="flag">user-driven\/entra: cannot fit: device setup: 7 successful deployments/m);
    expect(page).not.toContain('<ul class="flags">');
  });

  it("says nothing cannot fit after the notes, not 'No flags:' above the caveats it then lists", async () => {
    // The bundled sample fits (no 'cannot fit'); --esp-timeout 65 against its ESP profile's 60 makes a note of each segment.
    const args = ['calibrate', 'scenarios/calibration/synthetic-autopilot-events.csv', 'scenarios/calibration/synthetic-esp-profiles.csv', '--esp-timeout', '65', '--check'];
    for (const out of [(await cli(...args)).out, (await cli(...args, '--markdown')).out]) {
      expect(out).not.toContain('No flags');
      const lines = out.split('\n');
      const verdict = lines.findIndex((l) => l.startsWith('Nothing that cannot fit:'));
      const lastNote = lines.map((l) => /inputs disagree: --esp-timeout 65 given/.test(l)).lastIndexOf(true);
      expect(verdict).toBeGreaterThan(lastNote);
      expect(lastNote).toBeGreaterThan(lines.findIndex((l) => /Backtest/.test(l)));
      expect(lines[verdict]).toMatch(/the notes above \(what-if caveat, inputs disagree\) are no failure to fit\.$/);
    }
  });
});
