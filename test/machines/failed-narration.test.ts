// A failed run's last words: the deployments report records the failure, and names its error code only where Microsoft
// documents one. ESP_TIMEOUT and PREPROV_GPO_CONFLICT are the simulator's names for failures with none: the narration
// said 'with the error code shown' for them too, as if the report wrote them (the studio's What Intune records does not).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/catalog/errors.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { Session } from '../../src/engine/session.ts';

const lastOf = (path: string) => {
  const file = parseScenario(path, readFileSync(path, 'utf8'));
  const s = new Session(environmentOf(file), file.seed ?? 1, [], path);
  expect(s.outcome.status).toBe('failed');
  return { code: s.outcome.errorCode!, narration: s.trace[s.trace.length - 1]!.narration };
};

describe("a failed run's narration names what the deployments report shows", () => {
  for (const [path, documented] of [
    ['scenarios/lessons/08-esp-timeout-one-large-app.yaml', false],
    ['scenarios/failures/pre-provisioning-logon-policy.yaml', false],
    ['scenarios/failures/pre-provisioning-not-allowed.yaml', true],
    ['scenarios/lessons/02-self-deploying-on-a-vm.yaml', true],
  ] as const) {
    it(`${path}: ${documented ? 'a documented code' : "the simulator's own name"}`, () => {
      const { code, narration } = lastOf(path);
      expect(Boolean(lookup(code)?.code)).toBe(documented);
      expect(narration).not.toContain('with the error code shown');
      expect(narration).toContain('with an error code only where Microsoft documents one');
    });
  }
});
