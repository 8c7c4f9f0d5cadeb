// Every timer of the model against its documented edge, in one table: the minute it runs out at (from the state it
// starts in to the trace entry that ends it), the code it ends with and the text the device or the run shows. Each row
// cites the section of domain/autopilot.md that gives the value. The minutes and texts are written out here, not read
// from the model, so a wrong default or timer in the model (setup.ts's delays, HYBRID_ESP_EXTRA_MINUTES, the
// environment's defaults, the check-in schedule of src/world) fails its row.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/environment/schema.ts';
import { runner, type Overrides } from './helpers.ts';

/** The ESP error page's default text (§4, "Setup could not be completed..."; §3.2 no custom message). */
const ESP_PAGE = 'Setup could not be completed. Please try again or contact your support person for help.';
/** ESP rows take a pinned half minute each and IME 3, so only the app can be long. */
const pinned = { durations: { imeInstall: 3, espCategory: 0.5 } };
const bigApp = (installMinutes: number, more: Overrides = {}) => [{ name: 'Big app', type: 'win32', installMinutes, ...more }];
const hybridPreProv = { profile: { joinType: 'hybrid', allowPreProvisioning: true } };
const remoteReset = (hoursSinceEnrollment: number) => ({ reset: { kind: 'remote', hoursSinceEnrollment } });

interface Row {
  ref: string;
  name: string;
  scenario: Scenario;
  env: Overrides;
  /** A path segment of the state the timer starts in (its first trace entry). */
  from: string;
  /** The trace entry that ends it: the code it records, or the event the world answers with. */
  until: { code: string } | { event: string };
  /** The minute it runs out at, or the range it falls in when the documented value is a range or an estimate. */
  minutes: number | [number, number];
  /** The text the run shows at its end: the error's message, or the step's detail. */
  says: string;
}

const TIMERS: Row[] = [
  { ref: '§3.2, §9.1 (ESP timeout default 60)', name: 'device ESP, Entra, default timeout', scenario: 'user-driven', env: { ...pinned, apps: bigApp(80) }, from: 'deviceEsp', until: { code: 'ESP_TIMEOUT' }, minutes: 60, says: ESP_PAGE },
  { ref: '§3.2, §9.1 (configurable)', name: 'device ESP, Entra, 30 configured', scenario: 'user-driven', env: { ...pinned, esp: { timeoutMinutes: 30 }, apps: bigApp(80) }, from: 'deviceEsp', until: { code: 'ESP_TIMEOUT' }, minutes: 30, says: ESP_PAGE },
  { ref: '§2.2 H6, §3.2, §9.1 (hybrid: configured + 40)', name: 'device ESP, hybrid, default timeout', scenario: 'user-driven', env: { ...pinned, profile: { joinType: 'hybrid' }, apps: bigApp(120) }, from: 'deviceEsp', until: { code: 'ESP_TIMEOUT' }, minutes: 100, says: ESP_PAGE },
  { ref: '§9.1 (e.g. 30 -> 70)', name: 'device ESP, hybrid, 30 configured', scenario: 'user-driven', env: { ...pinned, profile: { joinType: 'hybrid' }, esp: { timeoutMinutes: 30 }, apps: bigApp(120) }, from: 'deviceEsp', until: { code: 'ESP_TIMEOUT' }, minutes: 70, says: ESP_PAGE },
  { ref: '§2.1 U9, §3.3, §10 #11 (a timer per ESP phase [INF])', name: 'user ESP, Entra', scenario: 'user-driven', env: { ...pinned, apps: bigApp(80, { target: 'user' }) }, from: 'accountSetup', until: { code: 'ESP_TIMEOUT' }, minutes: 60, says: ESP_PAGE },
  { ref: '§2.2 H9, §3.2 (the +40 is device setup\'s)', name: 'user ESP, hybrid: no +40', scenario: 'user-driven', env: { ...pinned, profile: { joinType: 'hybrid' }, apps: bigApp(80, { target: 'user' }) }, from: 'accountSetup', until: { code: 'ESP_TIMEOUT' }, minutes: 60, says: ESP_PAGE },
  { ref: '§2.3 T8, §3.2', name: 'technician ESP, Entra', scenario: 'pre-provisioned', env: { ...pinned, profile: { allowPreProvisioning: true }, apps: bigApp(120) }, from: 'technicianEsp', until: { code: 'ESP_TIMEOUT' }, minutes: 60, says: ESP_PAGE },
  { ref: '§2.3 T8, §3.2, §9.1 (hybrid: configured + 40)', name: 'technician ESP, hybrid', scenario: 'pre-provisioned', env: { ...pinned, ...hybridPreProv, apps: bigApp(120) }, from: 'technicianEsp', until: { code: 'ESP_TIMEOUT' }, minutes: 100, says: ESP_PAGE },
  { ref: '§7, §9.1 (15-720, the whole deployment)', name: "device preparation's policy timer, 15 configured", scenario: 'device-preparation', env: { registration: { registered: false }, devicePreparation: { policies: [{ timeoutMinutes: 15 }] }, apps: bigApp(40) }, from: 'provisioning', until: { code: 'APDP_TIMEOUT' }, minutes: 15, says: 'Minutes allowed before showing installation error' },
  { ref: '§9.1 (no documented default; community 60-90: the model\'s 60 is an estimate)', name: "device preparation's policy timer, default", scenario: 'device-preparation', env: { registration: { registered: false }, devicePreparation: { policies: [{}] }, apps: bigApp(80) }, from: 'provisioning', until: { code: 'APDP_TIMEOUT' }, minutes: 60, says: 'Minutes allowed before showing installation error' },
  { ref: '§2.9 RR2, §9.1 (every 3 min for 15 min after enrolling)', name: 'remote reset check-in, 12 min after enrolling', scenario: 'reset', env: remoteReset(0.2), from: 'pendingCheckIn', until: { event: 'intune.checkIn' }, minutes: [0, 3], says: 'every 3 min' },
  { ref: '§2.9 RR2, §9.1 (then every 15 min for 2 h)', name: 'remote reset check-in, 18 min after enrolling', scenario: 'reset', env: remoteReset(0.3), from: 'pendingCheckIn', until: { event: 'intune.checkIn' }, minutes: [0, 15], says: 'every 15 min' },
  { ref: '§2.9 RR2, §9.1 (every 15 min up to 2 h 15)', name: 'remote reset check-in, 2 h 12 after enrolling', scenario: 'reset', env: remoteReset(2.2), from: 'pendingCheckIn', until: { event: 'intune.checkIn' }, minutes: [0, 15], says: 'every 15 min' },
  { ref: '§2.9 RR2, §9.1 (then about every 8 h)', name: 'remote reset check-in, 2 h 18 after enrolling', scenario: 'reset', env: remoteReset(2.3), from: 'pendingCheckIn', until: { event: 'intune.checkIn' }, minutes: [0, 480], says: 'every 480 min' },
  { ref: '§4 0x800705B4 (a timeout), §2.3 T5; how long it waits is undocumented: the model\'s 5-20 min is an estimate', name: 'attestation without a TPM', scenario: 'self-deploying', env: { hardware: { tpm: 'none' } }, from: 'secureHardware', until: { code: '0x800705B4' }, minutes: [5, 20], says: 'Securing your hardware (Failed: 0x800705b4)' },
];

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('every timer runs out at its documented minute, with its documented code and text (domain/autopilot.md)', () => {
  it.each(TIMERS.map((r) => [`${r.name} (${r.ref})`, r] as const))('%s', (_label, row) => {
    const run = runner(row.scenario);
    const seen: number[] = [];
    for (const seed of SEEDS) {
      const sim = run(row.env, seed);
      const start = sim.trace.find((t) => t.state.split('.').includes(row.from));
      const end = sim.trace.find((t) => ('code' in row.until ? t.code === row.until.code : t.event === row.until.event));
      const where = `seed ${seed}, trace:\n${sim.trace.map((t) => `${(t.at / 60_000).toFixed(2)} ${t.state} ${t.event} ${t.code ?? ''}`).join('\n')}`;
      expect(start, `the run passes ${row.from}; ${where}`).toBeDefined();
      expect(end, `the run ends the timer; ${where}`).toBeDefined();
      const minutes = (end!.at - start!.at) / 60_000;
      seen.push(minutes);
      if (typeof row.minutes === 'number') expect(minutes, where).toBeCloseTo(row.minutes, 5);
      else {
        expect(minutes, where).toBeGreaterThanOrEqual(row.minutes[0]);
        expect(minutes, where).toBeLessThanOrEqual(row.minutes[1]);
      }
      if ('code' in row.until) {
        expect({ status: sim.outcome.status, errorCode: sim.outcome.errorCode }).toEqual({ status: 'failed', errorCode: row.until.code });
        expect(sim.outcome.errorMessage).toContain(row.says);
      } else expect(end!.detail ?? '').toContain(row.says);
    }
    // A range's upper end is the documented interval: the waits spread over it, not over a fraction of it.
    if (Array.isArray(row.minutes)) expect(Math.max(...seen), `waits over ${SEEDS.length} seeds: ${seen.map((m) => m.toFixed(2)).join(', ')}`).toBeGreaterThan(row.minutes[0] + (row.minutes[1] - row.minutes[0]) / 2);
  });
});
