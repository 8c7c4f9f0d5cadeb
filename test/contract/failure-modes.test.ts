// The failure-mode registry (src/world/failure-modes.ts) holds the world to it, both ways:
// every registered mode is reachable (a run whose environment triggers it shows its event,
// error id and cause; a trainer's injection of it shows its event and error id), and every
// failure the world sends in bundled and generated runs is a registered mode.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anyEnvironmentArbitrary, merge, VARIANTS, type Variant } from '../../src/capabilities/generators.ts';
import { Session } from '../../src/engine/session.ts';
import { simulate, type TraceEntry } from '../../src/engine/simulate.ts';
import { BUNDLED_DIR } from '../../src/environment/files.ts';
import { defaultEnvironment, environmentOf, parseScenario } from '../../src/environment/load.ts';
import type { EnvironmentInput, ScenarioFile } from '../../src/environment/schema.ts';
import { CONDITIONS, FAULTS_BY_WAIT, MODE_IDS, MODES, modeOf, parseCause, type FailureMode, type ModeId } from '../../src/world/failure-modes.ts';
import { FAULT_IDS } from '../../src/catalog/faults.ts';
import { phasesOf } from '../../src/world/mode-phases.ts';
import type { Shared } from '../../src/world/shared.ts';
import { catalog, type ErrorId } from '../../src/catalog/errors.ts';

/** The generators' healthy bases; device preparation's also with the device associated (a registered device with a profile otherwise runs classic Autopilot). */
const variants: Variant[] = Object.values(VARIANTS)
  .flat()
  .flatMap((v) => {
    const also = (name: string, extra: EnvironmentInput): Variant => ({ ...v, name: `${v.name} ${name}`, base: merge<EnvironmentInput>(v.base, extra) });
    if (v.scenario === 'device-preparation') return [v, also('associated', { devicePreparation: { associated: true }, os: { windows: 11 } }), also('unregistered', { registration: { registered: false }, os: { windows: 11 } })];
    if (v.scenario === 'self-deploying') return [v, also('kiosk', { profile: { kioskAutologon: true } })];
    return [v];
  });

function triggerOf(m: FailureMode): { env: EnvironmentInput; variants: Variant[]; shared?: FailureMode['trigger'] & { shared: unknown } } {
  const t = m.trigger;
  if (typeof t === 'string') return { env: CONDITIONS[t] as EnvironmentInput, variants };
  const vs = t.scenarios ? variants.filter((v) => t.scenarios!.includes(v.scenario)) : variants;
  if ('shared' in t) return { env: t.env ?? {}, variants: vs, shared: t };
  return { env: t.env, variants: vs };
}

function sharedFor(t: { shared: { incident?: string; connectorQueueMinutes?: number } }): Shared {
  return {
    startMs: 0,
    downloadMinutes: () => 0,
    connectorWaitMinutes: () => t.shared.connectorQueueMinutes ?? 0,
    incidentFails: (service) => service === t.shared.incident,
  };
}

/** The entries of a trace that a mode's answer produced, with the entry before (the state that waited). */
function shows(trace: TraceEntry[], id: ModeId): Array<{ entry: TraceEntry; before: TraceEntry }> {
  const out: Array<{ entry: TraceEntry; before: TraceEntry }> = [];
  for (let i = 1; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.source === 'timer' || e.source === 'engine') continue;
    const m: FailureMode = MODES[id];
    const text = m.text === 'detail' ? e.detail : e.cause;
    if (modeOf({ type: e.event, code: e.code }, text) === id) out.push({ entry: e, before: trace[i - 1]! });
  }
  return out;
}

describe('every registered failure mode is reachable', () => {
  for (const id of MODE_IDS) {
    const m: FailureMode = MODES[id];
    it(`${id}: its trigger makes the world answer ${m.event}${m.code ? ` ${m.code}` : ''} with its cause, in its phase`, () => {
      const t = triggerOf(m);
      let found: { entry: TraceEntry; before: TraceEntry } | undefined;
      let run: TraceEntry[] = [];
      search: for (const v of t.variants) {
        for (const onError of [undefined, 'retry', 'reset'] as const) {
          const input = merge<EnvironmentInput>(merge(v.base, t.env), onError ? { people: { onError, maxRetries: 2 }, esp: { allowReset: true } } : {});
          for (let seed = 1; seed <= 8; seed++) {
            const { trace } = simulate(defaultEnvironment(input), { seed, ...(t.shared ? { shared: sharedFor(t.shared as never) } : {}) });
            found = shows(trace, id)[0];
            run = trace;
            if (found) break search;
          }
        }
      }
      expect(found, `no run over ${t.variants.map((v) => `${v.scenario}/${v.name}`).join(', ')} shows ${id}`).toBeDefined();
      expect(m.waits).toContain(found!.before.wait);
      // The phase is the machines' (the state that waited): the registry reads it there.
      expect(phasesOf(id)).toContain(found!.before.phase);
      if (m.finding) expect(found!.entry.finding).toBe(m.finding);
      // A fault the panel offers only after an event (a Reset, a restart in device setup): the world's own answer comes after one too, since the device last shipped.
      // One offered not after an event (a domain controller reached): the world's own answer comes with none of them before.
      for (const inj of m.inject ?? []) {
        const passed: string[] = [];
        for (let i = run.indexOf(found!.before); i >= 0 && run[i]!.phase !== 'shipping'; i--) passed.push(run[i]!.event);
        if (inj.after) expect(passed.some((e) => inj.after!.includes(e as never)), `${id}: the world answered with no ${inj.after.join(' or ')} before`).toBe(true);
        if (inj.notAfter) expect(passed.filter((e) => inj.notAfter!.includes(e as never)), `${id}: the world answered after ${inj.notAfter.join(' or ')}`).toEqual([]);
      }
    });
  }

  const injections = Object.entries(FAULTS_BY_WAIT).flatMap(([wait, faults]) => faults!.map((f) => ({ wait, f })));
  for (const { wait, f } of injections) {
    it(`injecting ${f.id} at ${wait} sends ${f.event.type}${f.code ? ` ${f.code}` : ''}`, () => {
      const m: FailureMode = MODES[f.mode!];
      const t = triggerOf(m);
      // A run that reaches the wait: a healthy base, or one where the mode's own trigger is half there (it needs another condition to bite).
      const candidates = [...variants.map((v) => v.base), ...t.variants.map((v) => merge<EnvironmentInput>(v.base, t.env)), ...EXTRA_BASES];
      for (const input of candidates) {
        const s = new Session(input, 1);
        const at = s.trace.findIndex((e) => e.wait === wait && s.faultsFor(e).some((x) => x.id === f.id));
        if (at < 0) continue;
        s.seek(at);
        s.inject(f.id);
        const next = s.trace[at + 1]!;
        expect(next.event).toBe(m.event);
        expect(next.code).toBe(m.code);
        expect(next.cause ?? next.detail).toBe(`injected: ${f.label}`);
        return;
      }
      expect.fail(`no run reaches ${wait} with ${f.id} on offer`);
    });
  }
});

/** Runs that reach waits a healthy base does not (a kiosk, a restart in device setup, a reset's recovery check, a user flow on working Wi-Fi: where it has none, no internet is what happens anyway and is not offered). */
const EXTRA_BASES: EnvironmentInput[] = [
  { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true }, userFlowNetwork: { connection: 'wifi' } },
  // Wi-Fi that works: a pre-provisioned user flow offers no 'no internet' there (with none, its user can only give up), an ordinary OOBE does.
  { scenario: 'user-driven', network: { connection: 'wifi' } },
  { scenario: 'self-deploying', profile: { kioskAutologon: true } },
  { scenario: 'user-driven', policies: { deviceLock: true }, apps: [{ name: 'Firmware tool', type: 'win32', requiresReboot: true }] },
  // The restart without DeviceLock: the credentials are asked for again, and autologon failing there is a fault the world does not answer with anyway.
  { scenario: 'user-driven', apps: [{ name: 'Firmware tool', type: 'win32', requiresReboot: true }] },
  { scenario: 'device-preparation', devicePreparation: { mode: 'automatic' } },
  { scenario: 'device-preparation', apps: [{ name: 'Agent', type: 'msi-lob' }, { name: 'Tool', type: 'win32' }] },
  { scenario: 'device-preparation', devicePreparation: { stuckAt100Share: 0 } },
  { scenario: 'reset', reset: { kind: 'local' }, people: { localResetAllowed: true } },
  { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true }, apps: [{ name: 'Agent', type: 'win32' }] },
  // A Reset whose retry attests (the known issue's chance at 0): the retry's attestation offers it failing so.
  { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true }, apps: [{ name: 'Flaky agent', type: 'win32', failureProbability: 1 }], people: { onError: 'reset', maxRetries: 1 }, chances: { attestationAfterReset: 0 } },
  { scenario: 'user-driven', apps: [{ name: 'Agent', type: 'win32' }, { name: 'Team app', type: 'win32', target: 'user' }] },
];

describe('every failure the world sends is a registered mode', () => {
  const checkTrace = (trace: TraceEntry[], where: string) => {
    for (const e of trace) {
      if (e.source === 'timer' || e.source === 'engine' || !(e.code || e.cause)) continue;
      if (e.cause?.startsWith('calibrated: ') || e.cause?.startsWith('injected: ')) continue;
      expect(modeOf({ type: e.event, code: e.code }, e.cause), `${where}: step ${e.step} ${e.event} ${e.code ?? ''} "${e.cause}" is no registered mode`).toBeDefined();
    }
  };

  it('in every bundled scenario file', () => {
    const paths = (readdirSync(BUNDLED_DIR, { recursive: true }) as string[]).map((p) => p.split('\\').join('/')).filter((p) => p.endsWith('.yaml') && !p.startsWith('fleets/'));
    for (const path of paths) {
      const file = parseScenario(path, readFileSync(join(BUNDLED_DIR, path), 'utf8')) as ScenarioFile;
      checkTrace(simulate(environmentOf(file), { seed: file.seed ?? 1 }).trace, path);
    }
  });

  it('in generated runs with up to three documented conditions', () => {
    for (const g of fc.sample(anyEnvironmentArbitrary({ maxFaults: 3 }), { seed: 9, numRuns: 400 })) {
      checkTrace(simulate(defaultEnvironment(g.environment), { seed: g.seed }).trace, `${g.variant.scenario}/${g.variant.name} + [${g.faults.join(', ')}]`);
    }
  });

  it('a mode is one (event, error id, cause template): a filled cause tells its own mode, and the fleet reads the values of a mode that keeps them apart', () => {
    const keys = MODE_IDS.map((id) => {
      const m: FailureMode = MODES[id];
      return `${m.event}|${m.code ?? ''}|${m.cause}`;
    });
    expect(new Set(keys).size).toBe(keys.length);
    for (const id of MODE_IDS) {
      const m: FailureMode = MODES[id];
      const filled = m.cause.replace(/\{(\w+)\}/g, (_, k: string) => `x${k}7`);
      expect(modeOf({ type: m.event, code: m.code }, filled), id).toBe(id);
      expect(parseCause(filled).template, id).toBe(m.values === 'apart' ? m.cause : filled);
    }
  });
});

describe("the catalogue's phase of a code is where the machines produce it", () => {
  // The machines hold the fact (a failure mode fails a wait, and the state that waits has a phase:
  // phasesOf reads it there); the catalogue's entry names one of those phases, not a phase of its own.
  const byCode = new Map<ErrorId, ModeId[]>();
  for (const id of MODE_IDS) {
    const code = (MODES[id] as FailureMode).code as ErrorId | undefined;
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), id]);
  }
  for (const [code, ids] of byCode) {
    it(`${code}: ${catalog[code].phase} is a phase the machines produce it in (${ids.join(', ')})`, () => {
      const phases = new Set(ids.flatMap((id) => phasesOf(id)));
      expect([...phases], `the states ${ids.join(', ')} fail`).toContain(catalog[code].phase);
    });
  }
});

describe("the catalogue's fault ids are the faults a trainer can inject", () => {
  it('each id in src/catalog/faults.ts is some mode\'s injection, and each injection is there (its type holds that half)', () => {
    const injected = new Set(Object.values(FAULTS_BY_WAIT).flatMap((fs) => fs!.map((f) => f.id as string)));
    expect([...FAULT_IDS].filter((id) => !injected.has(id))).toEqual([]);
    expect([...injected].filter((id) => !(FAULT_IDS as readonly string[]).includes(id))).toEqual([]);
  });
});
