// A value that breaks a field's pattern (a connector's version, a calibrated failure's HRESULT) names the file, the field,
// what was expected and what was given: hybrid.connector.version: '6.2' read 'a version such as 6.2504.2001.8', neither
// "expected" nor the value written (src/environment/load.ts describeIssue, invalid_format).
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/load.ts';
import { InputError } from '../../src/environment/load.ts';

const problem = (text: string): string => {
  try {
    parseFleet('f.yaml', text);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
};

describe('a value that breaks a pattern', () => {
  it("a connector's version: expected its form, got the value", () => {
    expect(problem("environment:\n  hybrid:\n    connector:\n      version: '6.2'\n")).toBe('f.yaml:4: environment.hybrid.connector.version: expected a version such as 6.2504.2001.8, got "6.2"');
  });

  it('in a group, named where the group writes it', () => {
    expect(problem("groups:\n  - name: Laptops\n    environment: { hybrid: { connector: { version: v6 } } }\n")).toBe('f.yaml:3: groups[0].environment.hybrid.connector.version: expected a version such as 6.2504.2001.8, got "v6"');
  });
});
