// Cases a specialist writes from the schema alone for rows of domain/autopilot.md that the other domain-case tables do not
// hold: §10 conflicts read per flow, §4 catalogue rows, §8 what-ifs. Each row: the file's settings over the scenario's defaults
// and the documented outcome.
import { describe, it } from 'vitest';
import { expectCase, preProv, type Case } from './helpers.ts';

const hybridPreProv = (more: Record<string, unknown> = {}) => preProv({ ...more, profile: { joinType: 'hybrid' } });

const CASES: Case[] = [
  // §10 #1 (default: pre-provision.md 2024), §2.3 "internet only, no DC", §2.5 "needs internet and DC line of sight": the OEM's
  // technician flow has no DC, the user's site has one.
  ['s10-1-technician-without-dc-user-with-dc', '§10 #1, §2.3, §2.5', 'pre-provisioned', hybridPreProv({ hybrid: { dcLineOfSight: false }, userFlowNetwork: { dcLineOfSight: true } }), { status: 'succeeded', reachedDesktop: true }],
  // §10 #1 2023 reading: the same sites fail in the technician flow, at the DC check.
  ['s10-1-2023-technician-without-dc', '§10 #1 2023 tutorial', 'pre-provisioned', hybridPreProv({ hybrid: { dcLineOfSight: false }, userFlowNetwork: { dcLineOfSight: true }, readings: { technicianFlowNeedsDc: true } }), { status: 'failed', errorCode: '0x80070774', failedPhase: 'hybridJoin' }],
  // §2.5 PH3: a DC at the technician's site only: the user flow's domain logon finds none [INF].
  ['s2-5-user-flow-without-dc', '§2.5 PH3', 'pre-provisioned', hybridPreProv({ userFlowNetwork: { dcLineOfSight: false } }), { status: 'failed', failedPhase: 'windowsLogon', inferred: true }],
  // §4 80180018: "Something went wrong" page, MDM enrollment failed, licence missing or wrong; the fourth unlicensed symptom.
  ['s4-80180018-unlicensed', '§4 80180018, §1.3 licence', 'user-driven', { identity: { userLicensed: false, unlicensedSymptom: '80180018' } }, { status: 'failed', errorCode: '80180018', failedPhase: 'identity', errorMessage: 'Something went wrong' }],
  ['s4-80180018-unlicensed-hybrid', '§4 80180018, §2.2', 'user-driven', { profile: { joinType: 'hybrid' }, identity: { userLicensed: false, unlicensedSymptom: '80180018' } }, { status: 'failed', errorCode: '80180018', failedPhase: 'identity' }],
];

describe('what-if cases written from the schema (§4, §8, §10)', () => {
  it.each(CASES)('%s (%s)', (_id, _ref, scenario, env, want) => {
    expectCase(scenario, env, want);
  });
});
