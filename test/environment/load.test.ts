import { describe, expect, it } from 'vitest';
import { InputError, decodeText, defaultEnvironment, parseScenario } from '../../src/environment/load.ts';

function errorOf(text: string, file = 'x.yaml'): InputError {
  try {
    parseScenario(file, text);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('scenario files', () => {
  it('an empty file is the healthy default environment', () => {
    const f = parseScenario('x.yaml', '');
    expect(f.scenario).toBe('user-driven');
    expect(f.hardware.tpm).toBe('2.0');
    expect(f.esp.timeoutMinutes).toBe(60);
  });

  it('defaultEnvironment, from code, names a wrong field as a file\'s error does (it threw a ZodError\'s JSON)', () => {
    let error: unknown;
    try {
      defaultEnvironment({ hardware: { kind: 'vmm' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('environment: hardware.kind: expected one of "physical", "vm", got "vmm": did you mean "vm"?');
    expect(() => defaultEnvironment({ esp: { timeoutMinuts: 30 } })).toThrow('environment: esp.timeoutMinuts: unknown field (did you mean "timeoutMinutes"?)');
    expect(defaultEnvironment({ scenario: 'reset' }).scenario).toBe('reset');
  });

  it('reads YAML merge keys (<<: *base), as a fleet of many groups shares a mapping; it said unknown field "<<"', async () => {
    const { parseFleet } = await import('../../src/fleet/load.ts');
    const text = 'groups:\n  - name: A\n    environment: &base\n      esp: { timeoutMinutes: 90 }\n      hardware: { tpm: "2.0" }\n  - name: B\n    environment:\n      <<: *base\n      hardware: { kind: vm }\n';
    const fleet = parseFleet('f.yaml', text);
    expect(fleet.groups[1]!.environment).toEqual({ esp: { timeoutMinutes: 90 }, hardware: { kind: 'vm' } });
    // A merged mapping is checked as if written out, and an error names the field that merges it.
    expect(() => parseFleet('f.yaml', text.replace('timeoutMinutes: 90', 'timeoutMinutes: -1'))).toThrow(/f\.yaml:4: groups\[0\]\.environment\.esp\.timeoutMinutes: expected >= 1/);
  });

  it('a merge key whose source is not a mapping, even inside a key, is an input error (the fuzzing found "? <<: " threw a plain Error)', () => {
    for (const text of ['? <<: \n', '? \n<<: \n', 'a:\n  <<: 3\n']) {
      expect(() => parseScenario('soup.yaml', text), JSON.stringify(text)).toThrow(InputError);
      expect(() => parseScenario('soup.yaml', text)).toThrow(/soup\.yaml: .*expected valid YAML \(Merge sources must be maps or map aliases\)/);
    }
  });

  it('a fleet names where an environment field written at its top or in a site belongs', async () => {
    const { parseFleet } = await import('../../src/fleet/load.ts');
    expect(() => parseFleet('f.yaml', 'groups: [{ name: a }]\nesp: { timeoutMinutes: 30 }\n')).toThrow('f.yaml:2: esp: unknown field (did you mean "environment.esp"?)');
    expect(() => parseFleet('f.yaml', 'sites: [{ name: a, vpn: none }]\n')).toThrow('sites[0].vpn: unknown field (did you mean "environment.hybrid.vpn"?)');
  });

  it('an ESP blocking list may name an app that is not assigned (not under apps): Intune ignores it (domain §3.2), so the file loads', () => {
    const f = parseScenario('sel.yaml', 'esp: { blockingApps: selected, selectedApps: [Agent, Retired tool] }\napps: [{ name: Agent }]\n');
    expect(f.esp.selectedApps).toEqual(['Agent', 'Retired tool']);
  });

  it('a name in the ESP blocking list one or two letters from an app under apps is a typo, named with the app it is a slip for', () => {
    // The ESP would silently stop waiting for the app: the run succeeded faster, and nothing said why.
    expect(() => parseScenario('sel.yaml', 'esp: { blockingApps: selected, selectedApps: [Compny Portal] }\napps: [{ name: Company Portal }]\n')).toThrow(
      'esp.selectedApps[0]: "Compny Portal" is not under apps: did you mean "Company Portal"? (an app on the list that is not assigned is ignored by the ESP)',
    );
    expect(() => parseScenario('sel.yaml', 'esp: { blockingApps: selected, selectedApps: [Agent, company portal] }\napps: [{ name: Agent }, { name: Company Portal }]\n')).toThrow('esp.selectedApps[1]');
  });

  it('reads JSON as well as YAML', () => {
    const f = parseScenario('x.json', '{"scenario":"self-deploying","hardware":{"kind":"vm"}}');
    expect(f.hardware.kind).toBe('vm');
  });

  it.each([
    ['hardware:\n  tpm: "3.0"\n', 'hardware.tpm', /expected one of "none", "1.2", "2.0", "2.0-in-1.2-mode", "reduced-functionality", got "3.0"/, 2],
    ['hardware:\n  tmp: "2.0"\n', 'hardware.tmp', /unknown field \(did you mean "tpm"\?\)/, 2],
    ['esp:\n  timeoutMinutes: -5\n', 'esp.timeoutMinutes', /expected >= 1/, 2],
    ['esp:\n  timeoutMinutes: "sixty"\n', 'esp.timeoutMinutes', /expected number, got "sixty"/, 2],
    ['apps:\n  - name: Office\n    installMinutes: {triangular: [5, 1, 9]}\n', 'apps[0].installMinutes', /min <= mode <= max/, 3],
    ['scenario: self-deploying\nprofile:\n  joinType: hybrid\n', 'profile.joinType', /Entra join only/, 3],
    ['durations:\n  coffeeBreak: 5\n', 'durations.coffeeBreak', /./, 2],
    // A field a level too high: where it belongs (the list of every top-level field said nothing of it).
    ['tpm: "1.2"\n', 'tpm', /^unknown field \(did you mean "hardware\.tpm"\?\)$/, 1],
    ['joinType: hybrid\n', 'joinType', /^unknown field \(did you mean "profile\.joinType"\?\)$/, 1],
    ['connection: wifi\n', 'connection', /^unknown field \(did you mean "network\.connection" or "userFlowNetwork\.connection"\?\)$/, 1],
    // A one-letter key is two edits from "os": no slip for it (it said 'did you mean "os"?').
    ['x: 1\n', 'x', /^unknown field(?!.*did you mean)/, 1],
  ])('%j names the field and what was expected', (text, field, expected, line) => {
    const e = errorOf(text);
    expect(e.file).toBe('x.yaml');
    expect(e.field).toBe(field);
    expect(e.expected).toMatch(expected);
    expect(e.line).toBe(line);
    expect(e.message).not.toMatch(/\n|at .*\.ts/);
  });

  it('rejects duplicate keys, lists and scalars at the top, bad JSON', () => {
    expect(errorOf('a: 1\na: 2\n')).toMatchObject({ field: 'a', line: 2, expected: expect.stringMatching(/each key once/) });
    expect(errorOf('- 1\n- 2\n').expected).toMatch(/expected a mapping/);
    expect(errorOf('{"a":', 'x.json').expected).toMatch(/valid JSON/);
  });

  it('refuses bytes that are not UTF-8, or not UTF-16 after a UTF-16 byte order mark', () => {
    expect(() => decodeText('x.yaml', new Uint8Array([0xc3, 0x28, 0x0a]))).toThrow(/expected UTF-8 text .*UTF-16 with a byte order mark, as Windows PowerShell writes it, reads too/);
    expect(() => decodeText('x.yaml', new Uint8Array([0xff, 0xfe, 0x00]))).toThrow(/expected UTF-16 text after its byte order mark \(the file has bytes that are not UTF-16LE\)/);
  });

  it('reads UTF-16 with a byte order mark, as Windows PowerShell 5.1 writes a file (it was refused as not UTF-8)', () => {
    const text = 'name: From PowerShell\r\nscenario: reset\r\n';
    const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [0, c.charCodeAt(0)])]);
    for (const bytes of [le, be]) {
      expect(decodeText('f.yaml', bytes)).toBe(text);
      expect(parseScenario('f.yaml', decodeText('f.yaml', bytes)).scenario).toBe('reset');
    }
  });

  it('defaultEnvironment merges overrides and validates them', () => {
    expect(defaultEnvironment({ hardware: { kind: 'vm' } }).hardware.kind).toBe('vm');
    expect(() => defaultEnvironment({ hardware: { kind: 'toaster' } })).toThrow();
  });
});

// §5.1, §4 0x800705B4: the version minimums the notes give (1709, 1809, 1903) are Windows 10's; Windows 11 (the default
// os.windows) began at 21H2. A Windows 11 "1709" was taken as a current Windows 11 and ran.
describe('os.version: a Windows 10 version on Windows 11 is refused, naming the field', () => {
  it.each(['1709', '1903', '20H2'])('Windows 11 %s', (version) => {
    expect(() => parseScenario('w.yaml', `scenario: self-deploying\nos:\n  windows: 11\n  version: '${version}'\n`)).toThrow(
      new RegExp(`w\\.yaml:4: os\\.version: Windows 11 has no version ${version}: its first is 21H2`),
    );
  });
  it.each([[11, '21H2'], [11, '24H2'], [10, '1709'], [10, '22H2']] as const)('Windows %i %s is accepted', (windows, version) => {
    expect(() => parseScenario('w.yaml', `os:\n  windows: ${windows}\n  version: '${version}'\n`)).not.toThrow();
  });
});
