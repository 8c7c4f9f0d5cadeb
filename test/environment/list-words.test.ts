// A list written as something else is named in YAML's words, with what an item looks like: 'apps: expected array, got a
// mapping' (the schema's word beside YAML's, and no word on what an app is) met a file's and a script's apps: {device: 12}.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/environment/load.ts';
import { runFleet } from '../../src/index.ts';

const message = (text: string) => {
  try {
    parseScenario('s.yaml', text);
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
};

describe('a list written as something else', () => {
  it("apps, scripts, a policy's app names and any other list: 'a list', with an item's shape where it has one", () => {
    expect(message('scenario: user-driven\napps: { device: 12 }\n')).toBe('s.yaml:2: apps: expected a list of apps, each with its name (such as - {name: Teams, type: win32, sizeMb: 400}), got a mapping');
    expect(message('scenario: user-driven\nscripts: Set time zone\n')).toBe('s.yaml:2: scripts: expected a list of scripts, each with its name (such as - {name: Set time zone}), got "Set time zone"');
    expect(message('scenario: device-preparation\ndevicePreparation: { policies: [{ apps: Teams }] }\n')).toBe('s.yaml:2: devicePreparation.policies[0].apps: expected a list of app names (from apps), such as [Teams], got "Teams"');
    expect(message('scenario: user-driven\nprofile: { hiddenPages: eula }\n')).toBe('s.yaml:2: profile.hiddenPages: expected a list, got "eula"');
  });

  it("a script's fleet says the same, naming its field", async () => {
    await expect(runFleet({ devices: 10, environment: { apps: { device: 12 } } } as never)).rejects.toThrow('fleet: environment.apps: expected a list of apps, each with its name (such as - {name: Teams, type: win32, sizeMb: 400}), got a mapping');
  });
});
