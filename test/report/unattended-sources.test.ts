// The note under time to desktop names where this fleet's unattended minutes come from, not every source there is: a
// university's lab resets read "self-deploying, a task sequence, a Windows 365 Cloud PC in device preparation's automatic
// mode, no one at the device", none of which they were.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

const note = (out: string) => /unattended minutes \(mean [\d.]+: ([^)]*)\)/.exec(out)?.[1];

describe("the unattended minutes' sources", () => {
  it('a remote reset names Autopilot Reset alone', async () => {
    const r = await cli('run', 'reset-remote', '--devices', '40', '--markdown');
    expect(r.code).toBe(0);
    expect(note(r.out)).toBe('Autopilot Reset, no one at the device');
  });

  it('self-deploying kiosks name self-deploying alone; an existing device names its task sequence', async () => {
    const kiosks = await cli('run', 'self-deploying-kiosk', '--devices', '40', '--markdown');
    expect(note(kiosks.out)).toBe('self-deploying, no one at the device');
    const existing = await cli('run', 'existing-devices-entra', '--devices', '40', '--markdown');
    expect(note(existing.out)).toMatch(/^(.*, )?a task sequence, no one at the device$/);
    expect(note(existing.out)).not.toMatch(/Windows 365|Autopilot Reset/);
  });

  it("a Cloud PC in device preparation's automatic mode names it alone", async () => {
    const r = await cli('run', 'device-preparation-windows-365', '--devices', '40');
    expect(note(r.out.replace(/\x1b\[[0-9;]*m/g, '').replace(/\s+/g, ' '))).toBe("a Windows 365 Cloud PC in device preparation's automatic mode, no one at the device");
  });
});
