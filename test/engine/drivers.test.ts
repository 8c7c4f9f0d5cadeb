// Drivers compose who answers over the world (src/engine/drivers.ts): a trainer's faults and a
// person's choices each replace the answer at their own steps, keeping its duration and what
// it was about, and the studio's session runs them by composition.
import { describe, expect, it } from 'vitest';
import type { DeploymentEvent } from '../../machines/events.ts';
import { withFaults, withPerson } from '../../src/engine/drivers.ts';
import type { Ask, Responder } from '../../src/engine/kernel.ts';
import { CHOICE, Session } from '../../src/engine/session.ts';
import { simulate } from '../../src/engine/simulate.ts';
import type { Answer } from '../../src/world/index.ts';

const ask = (step: number): Ask => ({ wait: 'esp.deviceApps', tags: new Set(), now: 0, step });
const ev = (type: string) => ({ type }) as DeploymentEvent;


describe('drivers', () => {
  it("a person's choice answers at its step, in the time the world's answer would take, about the same app; other steps are the world's", () => {
    const world: Responder = { answer: (a) => ({ event: ev('app.installed'), minutes: 3 + a.step, detail: 'Company Portal' }), delivered: () => {} };
    const person = withPerson(world, { 2: { event: ev('app.failed'), label: 'the app fails' } });
    expect(person.answer(ask(1))).toEqual({ event: ev('app.installed'), minutes: 4, detail: 'Company Portal' });
    expect(person.answer(ask(2))).toEqual({ event: ev('app.failed'), minutes: 5, detail: 'Company Portal', cause: 'chosen: the app fails' });
  });

  it('composed, each driver answers only at its own steps, and what the kernel delivers reaches the world', () => {
    const seen: Answer[] = [];
    const world: Responder = { answer: (a) => ({ event: ev('esp.itemsApplied'), minutes: a.step }), delivered: (x) => void seen.push(x) };
    const r = withPerson(withFaults(world, { 1: { event: ev('app.failed'), label: 'app fails' } }), { 2: { event: ev('user.retry'), label: 'Try again' } });
    expect([1, 2, 3].map((s) => [r.answer(ask(s))!.event.type, r.answer(ask(s))!.cause])).toEqual([
      ['app.failed', 'injected: app fails'],
      ['user.retry', 'chosen: Try again'],
      ['esp.itemsApplied', undefined],
    ]);
    r.delivered({ event: ev('user.retry'), minutes: 2 });
    expect(seen.map((x) => x.event.type)).toEqual(['user.retry']);
  });

  it("the studio's session runs a person's choice and a fault through the drivers: the same run as simulate() composing them", () => {
    const s = new Session({ scenario: 'user-driven' }, 3);
    const at = s.trace.findIndex((t) => s.choicesFor(t).some((c) => c.id === `${CHOICE}network.needsSetup`));
    expect(at).toBeGreaterThanOrEqual(0);
    s.seek(at);
    const choice = s.inject(`${CHOICE}network.needsSetup`);
    const next = s.trace[at + 1]!;
    expect([next.event, next.cause]).toEqual(['network.needsSetup', `chosen: ${choice.label}`]);
    const faultAt = s.trace.findIndex((t, i) => i > at && s.faultsFor(t).length > 0);
    s.seek(faultAt);
    const fault = s.inject(s.faultsFor(s.trace[faultAt]!)[0]!.id);
    expect(s.trace[faultAt + 1]!.cause).toBe(`injected: ${fault.label}`);
    const direct = simulate(s.env, {
      seed: 3,
      drivers: [
        (w) => withFaults(w, { [s.trace[faultAt]!.step]: { event: fault.event, label: fault.label } }),
        (w) => withPerson(w, { [s.trace[at]!.step]: { event: choice.event, label: choice.label } }),
      ],
    });
    expect(direct.trace).toEqual(s.trace);
  });

  it('a self-deploying device has no user: a person at it acts (its OOBE pages, Try again), in the trace and in the choices; a user-driven device keeps its user', () => {
    const vm = new Session({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, 1);
    const sources = new Set(vm.trace.map((t) => t.source));
    expect(sources.has('user')).toBe(false);
    expect(vm.trace.filter((t) => t.source === 'person').map((t) => t.event)).toEqual(['user.oobePagesCompleted', 'user.gaveUp']);
    const errorPage = vm.trace.find((t) => t.state.endsWith('errorPage'))!;
    const choices = vm.choicesFor(errorPage);
    expect(choices.length).toBeGreaterThan(0);
    expect(new Set(choices.map((c) => c.source))).toEqual(new Set(['person']));
    // Named as the chart names them (machines/labels.ts): someone at the device, never a user; and a chosen one says so in the trace.
    for (const c of choices) expect(c.label).not.toMatch(/\bUser\b/);
    expect(choices.map((c) => c.label)).toContain('Someone presses Try again');
    const ud = new Session({ scenario: 'user-driven', hardware: { kind: 'vm', tpm: 'none' }, esp: { timeoutMinutes: 1 } }, 1);
    expect(ud.trace.some((t) => t.source === 'user')).toBe(true);
    expect(ud.trace.some((t) => t.source === 'person')).toBe(false);
  });
});

