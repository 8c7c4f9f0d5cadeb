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

  it('--state takes a phase as the slide titles it ("Device setup", "device esp"), or a key in any case', async () => {
    const byKey = await cli('diagram', 'user-driven', '--format', 'svg', '--state', 'deviceSetup');
    expect(byKey.code, byKey.err).toBe(0);
    for (const name of ['Device setup', 'device setup', 'DeviceSetup', 'Running.Device setup']) {
      const r = await cli('diagram', 'user-driven', '--format', 'svg', '--state', name);
      expect(r.code, `${name}: ${r.err}`).toBe(0);
      expect(r.out, name).toBe(byKey.out);
    }
    const esp = await cli('diagram', 'user-driven', '--format', 'svg', '--state', 'Device ESP');
    expect(esp.code, esp.err).toBe(0);
    expect(esp.out).toContain('<title>user-driven: deployment.deviceEsp<');
    // A title several states share is told apart by its paths; a name that is none lists keys beside titles.
    const several = await cli('diagram', 'existing-devices', '--format', 'svg', '--state', 'Device setup');
    expect(several.code).toBe(2);
    expect(several.err).toContain('"Device setup" names several states in existing-devices: userDriven.deviceEsp.running.deviceSetup, ');
    const none = await cli('diagram', 'user-driven', '--format', 'svg', '--state', 'Apps install');
    expect(none.code).toBe(2);
    expect(none.err).toContain('by its name or its title on the diagram, e.g. oobe ("OOBE"), deployment ("Deployment"), signIn ("Sign-in"), deviceEsp ("Device ESP")');
  });

  it('a fleet file draws the machine its devices run; a fleet of several names each group\'s, exit 2', async () => {
    const fleet = await cli('diagram', 'fleets/kiosks-and-vms', '--format', 'dot');
    expect(fleet.code, fleet.err).toBe(0);
    expect(fleet.out).toBe((await cli('diagram', 'self-deploying', '--format', 'dot')).out);
    const mixed = await cli('diagram', 'fleets/legacy-tpm-refresh');
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('fleets/legacy-tpm-refresh is a fleet whose groups run pre-provisioned (New laptops), user-driven (Older laptops), existing-devices (Desktops to reimage): draw one by name, e.g. autopilot-sim diagram pre-provisioned');
  });
});
