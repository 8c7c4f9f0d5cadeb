// Domain §2.6 S3, S4: a self-deploying device joins Entra and enrolls inside the ESP's device preparation, and a failure
// there ends on the ESP's error page. With Entra blocked its outcome quoted OOBE's "Something went wrong" (§4, §5.3: the
// user-driven OOBE's page), and with Intune blocked 80180018's OOBE page: pages the device never shows. It gives what the
// code means, in brackets, as the technician flow does (src/catalog/errors.ts messageWhere); the studio shows the ESP page.
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/catalog/errors.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { screenAt } from '../../src/studio/app/screen-model.ts';

const bracketed = (code: string) => `[${lookup(code)!.meaning.replace(/\.$/, '')}]`;

describe("a self-deploying device's join and enrollment failing in the ESP", () => {
  it.each([
    ['entra', 'SOMETHING_WENT_WRONG'],
    ['intune', '80180018'],
  ])('blocked %s: what %s means, not the OOBE page, and the studio on the ESP error page', (endpoint, code) => {
    const env = defaultEnvironment({ scenario: 'self-deploying', network: { blockedEndpoints: [endpoint] } });
    const sim = simulate(env, { seed: 1 });
    expect(sim.outcome.errorCode).toBe(code);
    expect(sim.outcome.failedPhase).toBe('devicePreparation');
    expect(sim.outcome.errorMessage).toBe(bracketed(code));
    const end = screenAt(sim.trace, sim.trace.length - 1, env);
    expect(end.kind).toBe('esp');
    expect(end.esp!.error).toBeDefined();
    expect(JSON.stringify(end)).not.toContain('Something went wrong');
  });
});

// §2.7: an existing device whose follow-on profile is self-deploying runs the same ESP after its task sequence.
describe("an existing device's self-deploying follow-on failing in the ESP", () => {
  it('blocked Entra: what SOMETHING_WENT_WRONG means, not the OOBE page', () => {
    const env = defaultEnvironment({ scenario: 'existing-devices', profile: { deploymentMode: 'self-deploying' }, network: { blockedEndpoints: ['entra'] } });
    const sim = simulate(env, { seed: 1 });
    expect(sim.outcome.followOn).toBe('self-deploying');
    expect(sim.outcome.failedPhase).toBe('devicePreparation');
    expect(sim.outcome.errorMessage).toBe(bracketed('SOMETHING_WENT_WRONG'));
  });
});
