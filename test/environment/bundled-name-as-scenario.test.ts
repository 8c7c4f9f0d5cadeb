// A bundled scenario file's name written as the scenario: 'scenario: reset-local' (scenarios/reset-local.yaml is what the
// README's list shows) read 'expected one of "user-driven", ..., "reset", ..., got "reset-local"' with no word of the one
// meant, and "reset" alone runs a remote reset (reset.kind defaults to remote), so the hint names the kind too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meant } from '../../src/environment/spelling.ts';
import { SCENARIOS } from '../../src/environment/schema.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('bundled-name-');
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("a bundled scenario file's name as the scenario", () => {
  it('names the scenario it begins with, the longest', () => {
    expect(meant('reset-local', SCENARIOS)).toBe('reset');
    expect(meant('existing-devices-entra', SCENARIOS)).toBe('existing-devices');
    expect(meant('user-driven-hybrid-vpn', SCENARIOS)).toBe('user-driven');
    expect(meant('self-deploying-kiosk', SCENARIOS)).toBe('self-deploying');
    // Nothing is made up where no scenario begins it.
    expect(meant('kiosk-mode', SCENARIOS)).toBeUndefined();
  });

  it('in a scenario file and a fleet group, with the reset kind meant', async () => {
    const one = await cli('validate', write('lab.yaml', 'scenario: reset-local\n'));
    expect(one.code).toBe(2);
    expect(one.err).toContain('scenario: expected one of "user-driven", "pre-provisioned", "self-deploying", "existing-devices", "reset", "device-preparation", got "reset-local": did you mean "reset", with reset: { kind: local }?');
    const fleet = await cli('validate', write('fleet.yaml', 'groups:\n  - name: Labs\n    count: 10\n    environment: { scenario: reset-remote }\n  - name: Upgrades\n    count: 10\n    environment: { scenario: existing-devices-entra }\n'));
    expect(fleet.code).toBe(2);
    expect(fleet.err).toContain('groups[0].environment.scenario: expected one of');
    expect(fleet.err).toContain('got "reset-remote": did you mean "reset", with reset: { kind: remote }?');
    expect(fleet.err).toContain('got "existing-devices-entra": did you mean "existing-devices"?');
  });
});

// A value that holds one of the field's values as a word, as an admin writes it from the portal's words: 'joinType:
// "Hybrid Azure AD"' and 'hybrid-join' read only 'expected one of "entra", "hybrid"' (the architect's fleet file).
describe("a value written in the portal's words", () => {
  it('names the value it holds as a word, or begins with a dash after it', async () => {
    expect(meant('Hybrid Azure AD', ['entra', 'hybrid'])).toBe('hybrid');
    expect(meant('hybrid-join', ['entra', 'hybrid'])).toBe('hybrid');
    expect(meant('Entra join', ['entra', 'hybrid'])).toBe('entra');
    // Two values held, or none: nothing is guessed.
    expect(meant('entra or hybrid', ['entra', 'hybrid'])).toBeUndefined();
    expect(meant('Azure AD', ['entra', 'hybrid'])).toBeUndefined();
    const r = await cli('validate', write('join.yaml', 'profile: { joinType: "Hybrid Azure AD" }\n'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('profile.joinType: expected one of "entra", "hybrid", got "Hybrid Azure AD": did you mean "hybrid"?');
  });

  // Azure AD is Microsoft Entra ID's former name, still the word of many admins and older documents.
  it('names entra for Azure AD, AAD and azuread, and hybrid where hybrid is written too', async () => {
    for (const [written, meantText] of [
      ['Azure AD joined', 'did you mean "entra"? (Azure AD is Microsoft Entra ID\'s former name)'],
      ['AAD', 'did you mean "entra"? (Azure AD is Microsoft Entra ID\'s former name)'],
      ['azuread', 'did you mean "entra"? (Azure AD is Microsoft Entra ID\'s former name)'],
      ['Hybrid Azure AD join', 'did you mean "hybrid"?'],
    ]) {
      const r = await cli('validate', write('aad.yaml', `reset: { currentJoin: "${written}" }\n`));
      expect(r.code, written).toBe(2);
      expect(r.err, written).toContain(`reset.currentJoin: expected one of "entra", "hybrid", got "${written}": ${meantText}`);
    }
  });
});
