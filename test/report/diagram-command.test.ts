// `autopilot-sim diagram` takes what `autopilot-sim scenarios --all` lists: a scenario, or a
// scenario file (a lesson, a bundled scenario, a file of one's own), drawn as the machine it runs.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('diagram <scenario file>', () => {
  it('draws the machine a lesson or a bundled scenario runs, as its scenario\'s name draws it', async () => {
    const lesson = await cli('diagram', 'lessons/02-self-deploying-on-a-vm');
    expect(lesson.code, lesson.err).toBe(0);
    expect(lesson.out).toBe((await cli('diagram', 'self-deploying')).out);
    const kiosk = await cli('diagram', 'self-deploying-kiosk', '--format', 'dot');
    expect(kiosk.code, kiosk.err).toBe(0);
    expect(kiosk.out).toContain('label="Secure hardware"');
    const esp = await cli('diagram', 'scenarios/user-driven-hybrid.yaml', '--format', 'svg', '--state', 'deviceEsp');
    expect(esp.code, esp.err).toBe(0);
    expect(esp.out).toContain('data-state="deployment.deviceEsp.running.deviceSetup.apps"');
  });

  it('names what it expected when the argument is neither, exit 2', async () => {
    const r = await cli('diagram', 'kiosk');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/expected a scenario \(user-driven, .*device-preparation\) or a scenario file such as lessons\/02-self-deploying-on-a-vm; got "kiosk"/);
  });
});
