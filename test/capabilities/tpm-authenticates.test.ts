// Capability row "TPM authenticates" (seed 004, "Scenario capabilities"; domain §6 #3-#5):
// No / Technician flow / Yes / NA / NA. The TPM authenticates when the path passes a state
// tagged tpmAttestation (device preparation's "Securing your hardware"). Over generated
// environments, healthy and with faults, so failures are generated too:
// - user-driven never passes TPM attestation;
// - every successful pre-provisioned path passes it, and only ever inside flow:technician;
// - every successful self-deploying path passes it;
// - existing devices inherits the cell of the deployment that follows the task sequence;
// - a reset never attests (it keeps the identity the device has);
// - a VM never gets past TPM attestation, even with its TPM field set to 2.0.
import { describe, expect, it } from 'vitest';
import { fc, test } from './prop.ts';
import { COLUMNS } from '../../src/capabilities/table.ts';
import { VARIANTS } from '../../src/capabilities/generators.ts';
import { cell, ensure, expectTagCell, explain, findRun, passes, RUNS, run, scenarioArb, succeeded, variantArb, withChange } from './helpers.ts';

const ROW = 'TPM authenticates';

describe('TPM authenticates', () => {
  for (const { scenario, heading } of COLUMNS) {
    const c = cell(ROW, scenario);
    test.prop([scenarioArb(scenario)], { numRuns: RUNS })(`${heading} = ${c}: tpmAttestation on the path as the cell says`, (g) => {
      expectTagCell(ROW, 'tpmAttestation', c, run(g));
    });
  }

  const attesting = [...VARIANTS['pre-provisioned'], ...VARIANTS['self-deploying'], ...VARIANTS['existing-devices'].filter((v) => v.name !== 'user-driven')];
  const vm = fc.constantFrom(...attesting).chain((v) => withChange(variantArb(v, { withFault: 'virtual machine', maxFaults: 2 }), { hardware: { kind: 'vm', tpm: '2.0' } }));
  test.prop([vm], { numRuns: RUNS })('Pre-provisioned, self-deploying and existing devices followed by either: a VM with a TPM 2.0 never gets past TPM attestation', (g) => {
    const r = run(g);
    const msg = explain(r);
    ensure(!r.visited.some((x) => x.event === 'tpm.attested'), msg);
    // After "Securing your hardware" comes the error page (or the end), never the join.
    for (let i = 1; i < r.visited.length; i++) {
      if (r.visited[i - 1]!.tags.has('tpmAttestation') && !r.visited[i]!.tags.has('tpmAttestation')) {
        ensure(!r.visited[i]!.tags.has('entraJoin') && !r.visited[i]!.tags.has('mdmEnrollment'), msg);
      }
    }
    if (passes(r, 'tpmAttestation')) ensure(!succeeded(r), msg);
  });

  it('some VM reaches TPM attestation and fails there (the property above is not vacuous)', () => {
    expect(findRun(vm, (r) => passes(r, 'tpmAttestation') && r.outcome.errorCode === '0x800705B4')).toBeDefined();
  });
});
