// A thin link's warning gave 'a device's own downloads (about N GB)' from what devices got before their ESP timer ran out:
// a clinic's laptops, 7.67 GB of apps (about 102 minutes at 10 Mbps), were told 'about 4.5 GB ... 60.7 minutes', and on a
// longer timer 'about 2.7 GB ... 35.8 of 60 minutes, so a faster link may save them', which points the wrong way. The
// warning now reads what each device's flows download on that link run to their end, and where the installs alone outlast
// the timer (downloads that take no time still run it out) it says no link speed saves them, where it named one.
import { describe, expect, it } from 'vitest';
import { fleetFrom } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/fleet/index.ts';

const clinic = (o: { timeoutMinutes: number; installMinutes: number }) =>
  fleetFrom({
    name: 'Clinic',
    seed: 26,
    environment: {
      scenario: 'user-driven',
      esp: { timeoutMinutes: o.timeoutMinutes },
      apps: [
        { name: 'Epic Hyperspace client', type: 'win32', sizeMb: 2400, installMinutes: o.installMinutes },
        { name: 'PACS diagnostic viewer', type: 'win32', sizeMb: 2800, installMinutes: o.installMinutes },
        { name: 'Dictation client', type: 'win32', sizeMb: 1800, installMinutes: o.installMinutes },
      ],
    },
    sites: [{ name: 'Clinic 07', bandwidthMbps: 10 }],
    groups: [{ name: 'Laptops', count: 30 }],
  });

const warning = async (f: ReturnType<typeof clinic>) => (await runFleet(f)).warnings.find((w) => w.kind === 'link-saturated')!.text;

describe("a thin link's warning on a device's own downloads", () => {
  it('counts every app its flow downloads there, not only those it got before the timer ran out', async () => {
    // 7,000 MB over 10 Mbps is 93.3 minutes; the ESP's 60 runs out in the second download, and the third is never asked
    // for: the old warning read 'about 5.2 GB ... 69.3 minutes'.
    const text = await warning(clinic({ timeoutMinutes: 60, installMinutes: 2 }));
    expect(text).toContain("at 10 Mbps a device's own downloads (about 7.0 GB) take some 93.3 minutes, more than the timer's 60 alone, so the link must be faster to save them.");
  });

  it('says no link speed saves devices whose installs alone outlast the timer', async () => {
    // Three installs of 25 minutes each under a 60-minute ESP: downloads that take no time still run it out.
    const text = await warning(clinic({ timeoutMinutes: 60, installMinutes: 25 }));
    expect(text).toMatch(/take some 93\.3 minutes, but with downloads that take no time 15 of 15 of its devices run again still run out the timer's 60 minutes: their installs alone outlast it, so no link speed saves them/);
    expect(text).not.toContain('must be faster to save them');
    expect(text).not.toMatch(/Fix: about/);
  });
});
