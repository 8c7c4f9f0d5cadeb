// Durations and contradictions fixed against domain/autopilot.md (issue 12): each test
// names the section it follows.
import { describe, expect, it } from 'vitest';
import { machines } from '../../machines/index.ts';
import { catalog } from '../../src/catalog/errors.ts';
import { allStateNodes } from '../../src/engine/structure.ts';
import { simulate, type TraceEntry } from '../../src/engine/simulate.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';
import type { EnvironmentInput } from '../../src/environment/schema.ts';

const run = (env: EnvironmentInput, seed = 1) => simulate(defaultEnvironment(env), { seed });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);
const minutesAt = (t: TraceEntry) => t.at / 60_000;

describe('durations (§2.7, §4, §9)', () => {
  it('§2.7: the speed-up task sequence saves about 20 minutes, not the whole first boot', () => {
    const ts = (speedUp: boolean) => mean(SEEDS.map((s) => run({ scenario: 'existing-devices', existingDevices: { speedUp } }, s).outcome.phaseMinutes.taskSequence ?? 0));
    const saved = ts(false) - ts(true);
    expect(saved).toBeGreaterThan(15);
    expect(saved).toBeLessThan(25);
  });

  it('§9.2: the whole default task sequence is about 60 minutes (30-120)', () => {
    const ts = mean(SEEDS.map((s) => run({ scenario: 'existing-devices' }, s).outcome.phaseMinutes.taskSequence ?? 0));
    expect(ts).toBeGreaterThan(45);
    expect(ts).toBeLessThan(75);
  });

  it('§4: 0x800705B4 is a timeout: a VM fails after the attestation timeout, not a normal attestation\'s minute', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const { outcome, trace } = run({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, seed);
      expect(outcome.errorCode).toBe('0x800705B4');
      const k = trace.findIndex((t) => t.event === 'tpm.attestationFailed');
      expect(minutesAt(trace[k]!) - minutesAt(trace[k - 1]!)).toBeGreaterThanOrEqual(5);
    }
  });

  it('§9.2: a critical update with its restart takes about 8 minutes (3-20), counted once', () => {
    const spans: number[] = [];
    for (const seed of Array.from({ length: 400 }, (_, i) => i + 1)) {
      const { trace } = run({}, seed);
      const k = trace.findIndex((t) => t.event === 'zdp.installed');
      if (k < 0) continue;
      const restarted = trace.slice(k).find((t) => t.event === 'device.restarted')!;
      spans.push(minutesAt(restarted) - minutesAt(trace[k - 1]!));
    }
    expect(spans.length).toBeGreaterThan(50);
    const sorted = [...spans].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(6);
    expect(median).toBeLessThan(11);
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...spans)).toBeLessThanOrEqual(20);
  });

  it('§2.1 U8: the automatic sign-in takes its own time (autoSignIn)', () => {
    const { trace } = run({});
    const k = trace.findIndex((t) => t.event === 'device.autoSignedIn');
    expect(k).toBeGreaterThan(0);
    expect(minutesAt(trace[k]!) - minutesAt(trace[k - 1]!)).toBeGreaterThan(0);
  });

  it('§2.7: the task sequence runs unattended; only deploying it is the admin\'s time', () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const { outcome } = run({ scenario: 'existing-devices' }, seed);
      expect(outcome.technicianMinutes).toBeLessThan(outcome.phaseMinutes.taskSequence! / 2);
      expect(outcome.unattendedMinutes).toBeGreaterThanOrEqual(outcome.phaseMinutes.taskSequence! - outcome.technicianMinutes - 0.1);
    }
  });
});

describe('contradictions (§1.3, §2.3, §2.5, §2.7)', () => {
  const preprovAfterTs: EnvironmentInput = {
    scenario: 'existing-devices',
    registration: { registered: true, profileStatus: 'assigned' },
    profile: { deploymentMode: 'user-driven', allowPreProvisioning: true, hiddenPages: [] },
    existingDevices: { jsonProfile: { deploymentMode: 'pre-provisioned' } },
  };

  it('§2.3 T1: existing devices followed by pre-provisioning stops at the first OOBE page for Win x5', () => {
    const { outcome, trace } = run(preprovAfterTs);
    expect(outcome.status).toBe('succeeded');
    const winKey = trace.findIndex((t) => t.event === 'technician.pressedWinKey5');
    expect(winKey).toBeGreaterThan(0);
    expect(trace.slice(0, winKey).map((t) => t.event)).not.toContain('user.oobePagesCompleted');
  });

  it('§2.3 T1: region, keyboard and Wi-Fi in the technician\'s OOBE are the technician\'s', () => {
    const { trace } = run({ scenario: 'pre-provisioned', profile: { allowPreProvisioning: true }, network: { connection: 'wifi' } });
    const region = trace.filter((t) => t.event === 'user.regionAndKeyboardChosen');
    expect(region.map((t) => t.source)).toEqual(['technician', 'user']); // the technician's OOBE, then the user flow's
    expect(trace.find((t) => t.event === 'user.wifiJoined')!.source).toBe('technician');
  });

  it('§1.3, §2.7: personal enrollment blocked on existing devices gives no invented code', () => {
    // An unregistered device: an Autopilot-registered one counts as corporate (§1.3) and is not blocked.
    const { outcome } = run({ scenario: 'existing-devices', registration: { registered: false }, identity: { personalEnrollmentBlocked: true } });
    expect(outcome.errorCode).toBe('PERSONAL_ENROLLMENT_BLOCKED');
    expect(catalog.PERSONAL_ENROLLMENT_BLOCKED.evidence).toBe('INF');
    expect(catalog.PERSONAL_ENROLLMENT_BLOCKED.message).toMatch(/^\[/);
  });

  it('§2.5: the pre-provisioned hybrid user flow\'s restart does not claim to apply the domain join', () => {
    const node = allStateNodes(machines['pre-provisioned']).find((n) => n.path.join('.') === 'deployment.userFlow.domainJoinRestart')!;
    expect(node.description).toContain('technician flow');
    expect(node.description).not.toMatch(/restarts to apply the domain join/);
  });
});
