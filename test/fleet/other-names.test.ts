// An architect's fleet wrote 'vpn: AOVPN' and an app's 'type: intunewin', the names Intune's own pages use, and was told
// only the values ('expected one of "none", "always-on", …'); and a group's sites as percents, 'sites: { A: 80%, B: 20% }',
// read 'expected number', where a site's share written so is told how to write it. Each is now named.
import { describe, expect, it } from 'vitest';
import { InputError, loadFleet } from '../../src/index.ts';

const refused = (text: string): string => {
  try {
    loadFleet('f.yaml', text);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('values written by another name', () => {
  it('AOVPN and Always On VPN are "always-on"', () => {
    expect(refused('environment:\n  profile: { joinType: hybrid }\n  hybrid: { vpn: AOVPN }\n')).toContain('got "AOVPN": did you mean "always-on"? (AOVPN is Always On VPN, which connects before sign-in)');
    expect(refused('environment:\n  hybrid: { vpn: Always On VPN }\n')).toContain('did you mean "always-on"?');
  });

  it('an .intunewin app is "win32"', () => {
    expect(refused('environment:\n  apps:\n    - { name: X, type: intunewin }\n')).toContain('apps[0].type: expected one of "win32", "msi-lob", "store", "m365", got "intunewin": did you mean "win32"? (.intunewin is the package a Win32 app is uploaded in)');
    expect(refused('environment:\n  apps:\n    - { name: X, type: .intunewin }\n')).toContain('did you mean "win32"?');
  });

  it("a group's site weights written as percents are told to drop the sign", () => {
    const text = 'sites:\n  - { name: A }\n  - { name: B }\ngroups:\n  - { name: G, sites: { A: 80%, B: 20% } }\n';
    expect(refused(text)).toBe("f.yaml:5: groups[0].sites.A: expected number, got \"80%\" (a percent): write 80, not a percent but a weight beside the group's other sites' (its devices go to the sites it names, in the ratio of their weights: percents that add up to 100 split them as written)");
  });
});
