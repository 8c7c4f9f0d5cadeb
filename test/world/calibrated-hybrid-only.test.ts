// A hybrid twin's failures at the domain join (0x80070774, the catalogue's hybridJoin phase) strike only devices that
// join hybrid: a what-if of Entra join on the twin (recommend's "with Entra join instead", a file setting joinType: entra
// over the twin's overlay) failed devices with 0x80070774, which an Entra-joined device never meets (domain §2.2).
import { expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.ts';
import { EnvironmentSchema } from '../../src/environment/schema.ts';

const twin = (joinType: 'entra' | 'hybrid') =>
  EnvironmentSchema.parse({
    scenario: 'user-driven',
    profile: { joinType },
    calibrated: { failures: [{ phase: 'deviceSetup', code: '0x80070774', probability: 0.3 }, { phase: 'deviceSetup', code: 'ESP_APP_FAILED', probability: 0.1 }] },
  });

const codes = (joinType: 'entra' | 'hybrid') => {
  const env = twin(joinType);
  const seen = new Map<string, number>();
  for (let i = 0; i < 400; i++) {
    const o = simulate(env, { seed: 3, index: i, trace: false }).outcome;
    if (o.errorCode) seen.set(o.errorCode, (seen.get(o.errorCode) ?? 0) + 1);
  }
  return seen;
};

it("a hybrid twin's 0x80070774 strikes its hybrid devices and none that join Entra; its other failures strike both", () => {
  const hybrid = codes('hybrid');
  const entra = codes('entra');
  expect(hybrid.get('0x80070774') ?? 0).toBeGreaterThan(80);
  expect(entra.get('0x80070774') ?? 0).toBe(0);
  // The app failure still strikes, at its own rate among the devices that reach the phase.
  expect(entra.get('ESP_APP_FAILED') ?? 0).toBeGreaterThan(20);
});
