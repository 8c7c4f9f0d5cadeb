// Mistakes a newcomer makes with the README open: each is one line that says what was given and what is expected,
// exit 2, and nothing written.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('a newcomer\'s mistakes', () => {
  it('a scenario or twin file given to calibrate is said to be one, not read as a malformed CSV', async () => {
    for (const file of ['scenarios/user-driven-entra.yaml', 'twin.yml']) {
      const r = await cli('calibrate', file, '--check');
      expect(r.code, file).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim()).toBe(`autopilot-sim: ${file}: a YAML file (a scenario, a fleet or a twin); calibrate reads Microsoft Graph's autopilotEvents exports, JSON or CSV`);
    }
  });
});
