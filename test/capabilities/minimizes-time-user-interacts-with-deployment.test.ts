// Capability row "Minimizes time user interacts with deployment" (seed 004; pros and cons:
// "Takes longer for user than the pre-provisioned scenario since user has to go through both
// device ESP and user ESP"; domain §6 #4-#5): No / Yes / Yes / NA / NA. The user's time is the
// outcome's endUserMinutes (time in states on the user's clock). Over generated environments,
// healthy and with faults:
// - No (user-driven): the user's clock runs through the device ESP and the user ESP, where they are
//   shown; with the device ESP hidden (§2.1 fork, §3.2: U5-U9 not shown, configuration finishes after
//   the desktop) no device ESP is on the path and its work runs behind the desktop, on no one's clock;
// - Yes (self-deploying): a successful run takes none of the user's time, so less than the same
//   device, environment and seed run user-driven (asUserDriven);
// - Yes (pre-provisioned): device preparation (TPM, join, enrollment) happens only in the
//   technician flow, and the user spends less time than the same device run user-driven by the
//   same user at the same site. That comparison pins every sampled duration to its mode and makes
//   Windows Update unreachable (no zero-day or quality updates), on both sides: the engine draws
//   durations from one random stream in order, so the same seed does not give the two runs the
//   same durations for the steps they share, and those steps' spread (quality updates alone are
//   20-40 min) is larger than what pre-provisioning saves (join, enrollment, IME, device apps).
//   With sampled durations and the same seed, about one Entra pair in five (one hybrid pair in
//   twenty) comes out the other way, with no fault at all. The baseline also runs at the user's
//   site (userFlowNetwork), which asUserDriven alone does not do;
// - NA (existing devices): inherited: the follow-on deployment's reading holds for its part;
// - NA (reset): no ESP on the path, and a remote reset takes none of the user's time.
import { describe } from 'vitest';
import { asUserDriven } from '../../src/capabilities/derive.ts';
import { merge, VARIANTS, type GeneratedEnvironment } from '../../src/capabilities/generators.ts';
import type { Duration, EnvironmentInput } from '../../src/environment/schema.ts';
import { DURATIONS } from '../../src/environment/durations.ts';
import { cell, ensure, explain, passes, RUNS, run, scenarioArb, succeeded, variantArb, visitsWith, type Run } from './helpers.ts';
import { fc, test } from './prop.ts';

const ROW = 'Minimizes time user interacts with deployment';
const EPS = 0.05; // phase and clock minutes are each rounded to 0.01

const mode = (d: Duration): number =>
  typeof d === 'number' ? d : 'fixed' in d ? d.fixed : 'uniform' in d ? (d.uniform[0] + d.uniform[1]) / 2 : 'triangular' in d ? d.triangular[1] : d.lognormal.median;

/** The same environment with every duration fixed at its mode and Windows Update unreachable (no zero-day or quality updates) wherever the device is. */
function controlled(g: GeneratedEnvironment): GeneratedEnvironment {
  const e = g.environment;
  const noWu = (list: readonly string[] | undefined) => [...new Set([...(list ?? []), 'windows-update'])];
  const environment: EnvironmentInput = merge<EnvironmentInput>(e, {
    durations: Object.fromEntries(Object.entries(DURATIONS).map(([k, v]) => [k, { fixed: mode(v.duration) }])),
    network: { blockedEndpoints: noWu(e.network?.blockedEndpoints) },
    ...(e.userFlowNetwork?.blockedEndpoints ? { userFlowNetwork: { blockedEndpoints: noWu(e.userFlowNetwork.blockedEndpoints) } } : {}),
    ...(e.apps ? { apps: e.apps.map((a) => ({ ...a, installMinutes: { fixed: a.installMinutes === undefined ? 2 : mode(a.installMinutes) } })) } : {}),
  });
  return { ...g, environment };
}

/** The same device run user-driven, by the same user at the same site (the user flow's network, when it has its own). */
function userDrivenBaseline(g: GeneratedEnvironment): GeneratedEnvironment {
  const b = asUserDriven(g);
  const site = g.environment.userFlowNetwork;
  return site && Object.keys(site).length ? { ...b, environment: merge<EnvironmentInput>(b.environment, { network: site }) } : b;
}

/** Both succeed, and the user spends strictly less time in `r` than in the user-driven baseline. */
function expectLessThanUserDriven(r: Run, baseline: Run): void {
  if (!succeeded(r) || !succeeded(baseline)) return;
  ensure(
    r.outcome.endUserMinutes < baseline.outcome.endUserMinutes,
    () => `the user spends ${r.outcome.endUserMinutes} min, ${baseline.outcome.endUserMinutes} min when the same device runs user-driven\n${explain(r)()}\n--- user-driven:\n${explain(baseline)()}`,
  );
}

/** User-driven's reading ("No"): the user's clock runs through the device ESP and the user ESP, where they are shown (§2.1 fork, §3.2). */
function expectUserSitsThroughEsp(r: Run): void {
  if (!succeeded(r)) return;
  if (!r.env.esp.enabled || r.env.esp.skipDeviceStatusPage) {
    ensure(!passes(r, 'esp:devicePreparation') && !passes(r, 'esp:deviceSetup'), () => `a device ESP on the path with it hidden\n${explain(r)()}`);
    ensure(r.visited.some((v) => v.path.endsWith('preparationBehindDesktop')), () => `the device ESP's work never ran behind the desktop\n${explain(r)()}`);
    return;
  }
  const p = r.outcome.phaseMinutes;
  const esp = (p.devicePreparation ?? 0) + (p.deviceSetup ?? 0) + (p.accountSetup ?? 0);
  ensure(r.outcome.endUserMinutes + EPS >= esp, () => `user ${r.outcome.endUserMinutes} min < ESP ${esp} min\n${explain(r)()}`);
  ensure(passes(r, 'esp:devicePreparation'), explain(r));
}

/** Pre-provisioned's structural reading: device preparation only ever in the technician flow. */
function expectPreparationByTechnician(r: Run): void {
  for (const tag of ['esp:devicePreparation', 'tpmAttestation']) {
    ensure(visitsWith(r, tag).every((v) => v.tags.has('flow:technician')), () => `${tag} outside the technician flow\n${explain(r)()}`);
  }
}

describe('Minimizes time user interacts with deployment', () => {
  test.prop([scenarioArb('user-driven')], { numRuns: RUNS })(`User-driven = ${cell(ROW, 'user-driven')}: the user sits through the device ESP and the user ESP`, (g) => {
    expectUserSitsThroughEsp(run(g));
  });

  test.prop([scenarioArb('self-deploying')], { numRuns: RUNS })(
    `Self-deploying = ${cell(ROW, 'self-deploying')}: a success takes none of the user's time, less than the same device and seed run user-driven`,
    (g) => {
      const r = run(g);
      if (!succeeded(r)) return;
      ensure(r.outcome.endUserMinutes === 0, explain(r));
      expectLessThanUserDriven(r, run(userDrivenBaseline(g)));
    },
  );

  test.prop([scenarioArb('pre-provisioned')], { numRuns: RUNS })(`Pre-provisioned = ${cell(ROW, 'pre-provisioned')}: device preparation only in the technician flow`, (g) => {
    expectPreparationByTechnician(run(g));
  });

  // Non-blocking apps left for the user flow are the known exception (next test).
  const preProvisioned = scenarioArb('pre-provisioned').filter((g) => !g.faults.includes('non-blocking apps left for the user flow'));
  test.prop([preProvisioned], { numRuns: RUNS })(
    `Pre-provisioned = ${cell(ROW, 'pre-provisioned')}: the user spends less time than the same device run user-driven (durations pinned)`,
    (g0) => {
      const g = controlled(g0);
      const r = run(g);
      if (succeeded(r)) expectLessThanUserDriven(r, run(userDrivenBaseline(g)));
    },
  );

  // Fails with this model: the user flow's device setup installs the non-blocking apps the technician
  // flow left ("Only fail selected blocking apps in technician phase" = No, domain §2.3) and the user
  // waits for them, restart included, while user-driven installs non-blocking apps after the ESP. Domain
  // §3.2 says such apps in pre-provisioning "still install but aren't waited for". Kept as found.
  const deferred = fc.constantFrom(...VARIANTS['pre-provisioned']).chain((v) => variantArb(v, { withFault: 'non-blocking apps left for the user flow', maxFaults: 1 }));
  test.prop([deferred], { numRuns: 30 })(
    `Pre-provisioned = ${cell(ROW, 'pre-provisioned')}: less time than user-driven also when non-blocking apps were left for the user flow (durations pinned)`,
    (g0) => {
      const g = controlled(g0);
      const r = run(g);
      if (succeeded(r)) expectLessThanUserDriven(r, run(userDrivenBaseline(g)));
    },
  );

  test.prop([scenarioArb('existing-devices')], { numRuns: RUNS })(`Existing devices = ${cell(ROW, 'existing-devices')}: the follow-on deployment's reading holds`, (g) => {
    const r = run(g);
    if (!succeeded(r)) return;
    switch (r.outcome.followOn) {
      case 'user-driven':
        return expectUserSitsThroughEsp(r);
      case 'pre-provisioned':
        return expectPreparationByTechnician(r);
      case 'self-deploying':
        // The user is only at the OOBE front end the task sequence hands over.
        return ensure(r.outcome.endUserMinutes <= (r.outcome.phaseMinutes.oobe ?? 0) + EPS, explain(r));
      default:
        ensure(false, () => `a successful existing-devices run with no follow-on\n${explain(r)()}`);
    }
  });

  test.prop([scenarioArb('reset')], { numRuns: RUNS })(`Reset = ${cell(ROW, 'reset')}: no ESP, and a remote reset takes none of the user's time`, (g) => {
    const r = run(g);
    ensure(!r.visited.some((v) => [...v.tags].some((t) => t.startsWith('esp:'))), explain(r));
    if (r.env.reset.kind === 'remote') ensure(r.outcome.endUserMinutes === 0, explain(r));
  });
});
