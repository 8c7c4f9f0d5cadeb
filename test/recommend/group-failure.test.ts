// A group's own answer that fails most of its devices says what fails them, and gives no time where none reached the
// desktop: ConfigMgr desktops whose AutopilotConfigurationFile.json was saved as UTF-8 read 'no scenario deploys it
// well; the best is existing-devices, 0.0% success, – for the user.', with no word of the JSON.
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/load.ts';
import { recommend } from '../../src/index.ts';

const MIGRATION = `name: ConfigMgr migration
scenario: existing-devices
environment:
  profile: { joinType: entra }
  existingDevices: { configMgr: true, jsonEncoding: utf-8 }
groups:
  - name: ConfigMgr desktops
    count: 200
    environment:
      registration: { registered: false }
  - name: New laptops
    count: 100
    environment:
      scenario: device-preparation
      registration: { registered: false }
`;

describe("a group's own answer", () => {
  it('names the failure that leaves most of its devices without a desktop, and no time for the user where none reached it', async () => {
    const r = await recommend(parseFleet('migration.yaml', MIGRATION));
    const desktops = r.perGroup.find((g) => g.group === 'ConfigMgr desktops')!;
    expect(desktops.sentence).toBe(
      'ConfigMgr desktops (200 devices): no scenario deploys it well; the best is existing-devices, 0.0% success; top failure fell back to ordinary OOBE in OOBE (100.0% of devices: the JSON is saved as utf-8, not ASCII/ANSI, so OOBE ignores it).',
    );
    // A group that deploys well says its time, and no failure.
    const laptops = r.perGroup.find((g) => g.group === 'New laptops')!;
    expect(laptops.sentence).toMatch(/^New laptops \(100 devices, the file fixes device-preparation\): device-preparation, 100\.0% success, \d+ min for the user( \(a tie within noise with user-driven\))?\.$/);
  }, 120_000);
});
