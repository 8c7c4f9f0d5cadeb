// The fault panel offers only what can happen in the current state and would change the run
// (USERS.md, trainers: "only the faults that can happen in the current state"): not what the
// world answers there anyway, and not what needs something this device does not have.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { Session } from '../../src/engine/session.ts';

const sessionOf = (path: string): Session => {
  const file = parseScenario(path, readFileSync(path, 'utf8'));
  return new Session(environmentOf(file), file.seed ?? 1, [], path);
};
const offeredAt = (s: Session, wait: string): string[] => s.trace.filter((e) => e.wait === wait).flatMap((e) => s.faultsFor(e).map((f) => f.id));
/** What a trainer sees of a run: the states it passes, the events and codes, and how it ends. */
const shape = (s: Session) => JSON.stringify([s.trace.map((e) => [e.state, e.event, e.code]), s.outcome.status, s.outcome.errorCode, s.outcome.failedPhase]);

describe('the faults a session offers', () => {
  it('on an unregistered device preparation run: no profile fault at the profile download (it finds none anyway), no deleted Entra object (it was never imported)', () => {
    const s = sessionOf('scenarios/device-preparation.yaml');
    expect(s.trace.some((e) => e.wait === 'profile.download')).toBe(true);
    expect(offeredAt(s, 'profile.download')).toEqual([]);
    expect(offeredAt(s, 'entra.userJoin')).not.toContain('object-deleted');
    // What can still happen there is offered: the device limit.
    expect(offeredAt(s, 'entra.userJoin')).toContain('device-cap');
  });

  it('on a registered run the same faults are offered: they change it', () => {
    const s = new Session({ scenario: 'user-driven' }, 1);
    expect(offeredAt(s, 'profile.download')).toEqual(expect.arrayContaining(['not-registered', 'no-profile', 'profile-deleted', 'autopilot-blocked']));
    expect(s.trace.flatMap((e) => s.faultsFor(e).map((f) => f.id))).toContain('object-deleted');
  });

  it('a fault whose event and code the world sends next anyway is not offered when only its cause would differ (lesson 04: the DC is already unreachable)', () => {
    const s = sessionOf('scenarios/lessons/04-hybrid-from-home-without-vpn.yaml');
    const ping = s.trace.findIndex((e) => e.wait === 'dc.ping');
    expect(s.trace[ping + 1]!.event).toBe('dc.unreachable');
    expect(s.faultsFor(s.trace[ping]!).map((f) => f.id)).not.toContain('dc-unreachable');
    // The connector's own failures, with the same code, still are: the run then stops a step earlier.
    expect(offeredAt(s, 'connector.odj')).toEqual(expect.arrayContaining(['connector-down', 'ou-rights']));
  });

  for (const path of ['scenarios/device-preparation.yaml', 'scenarios/lessons/04-hybrid-from-home-without-vpn.yaml', 'scenarios/lessons/10-tenant-mismatch.yaml']) {
    it(`every fault offered in ${path} changes its run`, () => {
      const s = sessionOf(path);
      const before = shape(s);
      for (let i = 0; i < s.trace.length; i++) {
        for (const f of s.faultsFor(s.trace[i]!)) {
          const forked = sessionOf(path);
          forked.seek(i);
          forked.inject(f.id);
          expect(shape(forked), `${f.id} at step ${i} (${s.trace[i]!.state})`).not.toBe(before);
        }
      }
    });
  }
});

describe('a fault the world gives only in one flow, or after something in the run, is offered only there', () => {
  const preProvisioned = { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } } as const;

  it("lesson 06: no 'attestation fails on the retry after Reset' at the first attestation; it is on offer at the retry once the technician pressed Reset (§2.3 T9b)", () => {
    const s = sessionOf('scenarios/lessons/06-pre-provisioning-then-user-weeks-later.yaml');
    expect(s.trace.some((e) => e.event === 'device.resetCompleted')).toBe(false);
    expect(offeredAt(s, 'tpm.attest')).not.toContain('attestation-after-reset');
    // What can happen at a first attestation still is.
    expect(offeredAt(s, 'tpm.attest')).toContain('tpm-fails');
    // A blocking app fails, the technician presses Reset: the retry's attestation may now fail so (here it attests: the
    // known issue's chance at 0, or the world would give that failure anyway and the panel not offer it).
    const r = new Session({ ...preProvisioned, apps: [{ name: 'Flaky agent', type: 'win32', failureProbability: 1 }], people: { onError: 'reset', maxRetries: 1 }, chances: { attestationAfterReset: 0 } }, 1);
    const attests = r.trace.filter((e) => e.wait === 'tpm.attest');
    const reset = r.trace.findIndex((e) => e.event === 'device.resetCompleted');
    expect(reset).toBeGreaterThan(0);
    const [first, retry] = [attests.find((e) => r.trace.indexOf(e) < reset)!, attests.find((e) => r.trace.indexOf(e) > reset)!];
    expect(r.faultsFor(first).map((f) => f.id)).not.toContain('attestation-after-reset');
    expect(r.faultsFor(retry).map((f) => f.id)).toContain('attestation-after-reset');
  });

  it("'profile does not allow pre-provisioning' only in the technician flow: not at a self-deploying device's MDM enrollment (lesson 03)", () => {
    expect(offeredAt(sessionOf('scenarios/lessons/03-self-deploying-twice.yaml'), 'mdm.deviceEnroll')).not.toContain('preprov-not-allowed');
    expect(offeredAt(new Session({ scenario: 'self-deploying' }, 1), 'mdm.deviceEnroll')).not.toContain('preprov-not-allowed');
    expect(offeredAt(new Session(preProvisioned, 1), 'mdm.deviceEnroll')).toContain('preprov-not-allowed');
  });

  it("'the device is not enrolled in Intune' at a local reset's checks, not at a remote one's: that device checked in, which one not enrolled never does (§2.9)", () => {
    expect(offeredAt(sessionOf('scenarios/reset-remote.yaml'), 'reset.eligibility')).not.toContain('not-enrolled');
    expect(offeredAt(sessionOf('scenarios/reset-local.yaml'), 'reset.eligibility')).toContain('not-enrolled');
  });

  it("'the MDM sync after the reset cannot finish' in a local reset, not in a remote one: that device reached Intune at its check-in (§2.9 RR2), and one that cannot never starts the reset (RESET_NO_CHECK_IN)", () => {
    const remote = sessionOf('scenarios/reset-remote.yaml');
    expect(remote.trace.some((e) => e.wait === 'mdm.sync')).toBe(true);
    expect(offeredAt(remote, 'mdm.sync')).not.toContain('sync-blocked');
    expect(offeredAt(sessionOf('scenarios/reset-local.yaml'), 'mdm.sync')).toContain('sync-blocked');
  });

  it("an existing device whose JSON OOBE reads: no 'not registered' or 'Autopilot service blocked' at its profile download, where the JSON stands in (§2.7); a JSON saved as UTF-8 is ignored, and they are", () => {
    const s = sessionOf('scenarios/existing-devices-entra.yaml');
    expect(s.trace.some((e) => e.wait === 'profile.download')).toBe(true);
    expect(offeredAt(s, 'profile.download')).toEqual([]);
    // The same device with the JSON saved as UTF-8: OOBE ignores it, and without a profile the device falls back to ordinary OOBE.
    const utf8 = new Session({ scenario: 'existing-devices', registration: { registered: true }, existingDevices: { jsonEncoding: 'utf-8' } }, 1);
    expect(offeredAt(utf8, 'profile.download')).toEqual(expect.arrayContaining(['not-registered', 'autopilot-blocked']));
  });

  it("'VM below 2 vCPU / 4 GB' in a user-driven ESP, not in a self-deploying or technician one: a VM stops at attestation before that row", () => {
    expect(offeredAt(sessionOf('scenarios/self-deploying.yaml'), 'esp.prepare')).not.toContain('vm-too-small');
    expect(offeredAt(sessionOf('scenarios/pre-provisioned-entra.yaml'), 'esp.prepare')).not.toContain('vm-too-small');
    expect(offeredAt(sessionOf('scenarios/user-driven-entra.yaml'), 'esp.prepare')).toContain('vm-too-small');
  });

  it("'no domain controller or VPN at the logon screen' not after the AD connectivity check reached one in the same flow; in a pre-provisioned user flow, away from the depot's, it is", () => {
    const s = sessionOf('scenarios/user-driven-hybrid.yaml');
    expect(s.trace.some((e) => e.event === 'dc.reachable')).toBe(true);
    expect(offeredAt(s, 'user.domainSignIn')).not.toContain('no-dc-at-logon');
    expect(offeredAt(sessionOf('scenarios/pre-provisioned-hybrid.yaml'), 'user.domainSignIn')).toContain('no-dc-at-logon');
  });

  it("'autologon fails' at the credentials prompt only when the device restarted in device setup (§2.1 U6a, §3.3)", () => {
    // DeviceLock asks for the credentials where no restart lost them: autologon has nothing to fail after.
    const s = new Session({ scenario: 'user-driven' }, 1);
    expect(s.trace.some((e) => e.event === 'app.installedRestartRequired')).toBe(false);
    s.seek(s.trace.findIndex((e) => e.wait === 'device.autoSignIn'));
    s.inject('asked-for-credentials');
    expect(s.trace.some((e) => e.wait === 'user.reenterCredentials')).toBe(true);
    expect(offeredAt(s, 'user.reenterCredentials')).not.toContain('autologon-fails');
    // An app's restart in device setup: the prompt follows it, and DeviceLock would make autologon fail there.
    expect(offeredAt(new Session({ scenario: 'user-driven', apps: [{ name: 'Firmware tool', type: 'win32', requiresReboot: true }] }, 1), 'user.reenterCredentials')).toContain('autologon-fails');
  });
});

describe("a fault's ending", () => {
  it("is the code the run ends with: an app restarting inside its installer ends in the device preparation policy's timeout, and in the ESP's on classic Autopilot", () => {
    for (const [path, id, code] of [
      ['scenarios/device-preparation.yaml', 'policy-app-hangs', 'APDP_TIMEOUT'],
      ['scenarios/user-driven-entra.yaml', 'app-hangs', 'ESP_TIMEOUT'],
      ['scenarios/device-preparation.yaml', 'policy-app-fails', 'APDP_APP_FAILED'],
    ] as const) {
      const s = sessionOf(path);
      const at = s.trace.findIndex((e) => s.faultsFor(e).some((f) => f.id === id));
      const fault = s.faultsFor(s.trace[at]!).find((f) => f.id === id)!;
      expect(s.endingOf(s.trace[at]!, fault), `${path}: ${id}`).toBe(code);
      s.seek(at);
      s.inject(id);
      expect(s.outcome.errorCode).toBe(code);
    }
  });
});

describe('what a step offers does not depend on what was injected there or later', () => {
  it('a self-deploying VM: after a fault at attestation, the faults offered there are the same, and the run file reads back', () => {
    // A fault injected at a step replaces what was injected there and after; the panel weighed the others against the run
    // with the first fault in it, so it offered tpm-fails (which the VM does anyway), and the file was then refused on import.
    const s = new Session({ scenario: 'self-deploying', hardware: { kind: 'vm' }, people: { onError: 'retry', maxRetries: 1 } }, 0);
    const at = s.trace.findIndex((e) => e.wait === 'tpm.attest');
    s.seek(at);
    const before = s.faults.map((f) => f.id);
    expect(before).not.toContain('tpm-fails');
    for (const id of before) {
      s.seek(at);
      s.inject(id);
      expect(s.faultsFor(s.trace[at]!).map((f) => f.id)).toEqual(before);
      const again = Session.fromFile(JSON.parse(JSON.stringify(s.toFile())));
      expect(again.outcome).toEqual(s.outcome);
    }
  });
});

describe('a fault against the set-up', () => {
  const against = (s: Session, wait: string, id: string) => {
    const e = s.trace.find((x) => x.wait === wait && s.faultsFor(x).some((f) => f.id === id));
    expect(e, `${id} offered at ${wait}`).toBeDefined();
    return s.setUpAgainst(s.faultsFor(e!).find((f) => f.id === id)!);
  };

  it('is offered for a what-if and says what of the set-up it goes against: a VM on a physical device, a VPN at logon', () => {
    const sd = sessionOf('scenarios/self-deploying.yaml');
    expect(against(sd, 'tpm.attest', 'tpm-fails')).toEqual(['hardware.kind: physical']);
    expect(against(sd, 'entra.deviceJoin', 'tpm-not-2')).toEqual(['hardware.tpm: 2.0']);
    // A fault the set-up says nothing against says nothing: a TPM's firmware, a clock.
    expect(against(sd, 'tpm.attest', 'tpm-vulnerable')).toEqual([]);
    expect(against(sd, 'tpm.attest', 'clock-skew')).toEqual([]);
    expect(against(sessionOf('scenarios/user-driven-hybrid-vpn.yaml'), 'user.domainSignIn', 'no-dc-at-logon')).toEqual(['hybrid.vpn: win32-logon']);
    expect(against(sessionOf('scenarios/lessons/06-pre-provisioning-then-user-weeks-later.yaml'), 'mdm.deviceEnroll', 'preprov-not-allowed')).toEqual(['profile.allowPreProvisioning: true']);
  });

  it("reads the set-up, not how it was written: the file as given (the studio's) and parsed with its defaults (play's) agree, and a default is not a set-up's own", () => {
    const path = 'scenarios/user-driven-entra.yaml';
    const parsed = sessionOf(path);
    const given = new Session({ scenario: 'user-driven' }, 1);
    const offered = (s: Session) => s.trace.flatMap((e) => s.faultsFor(e).map((f) => [f.id, s.setUpAgainst(f)] as const)).filter(([, a]) => a.length);
    // Only the VM's fault goes against the default physical device (the header says 'physical'); no internet, no licence
    // and the like go against nothing the file chose.
    expect(Object.fromEntries(offered(parsed))).toEqual({ 'vm-too-small': ['hardware.kind: physical'] });
    expect(offered(given)).toEqual(offered(parsed));
  });
});
