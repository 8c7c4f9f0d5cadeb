// The hand-written limit: the standard fleet's user-driven Entra flow as a plain loop that
// samples each phase from the same default distributions (src/environment/durations.ts) and checks
// the ESP timeouts. No XState, no world object, no trace: what a person would write to
// answer only "how many succeed and how long do they take" for this one fleet. It is the
// ceiling the engine is measured against in `npm run bench` (issue: close to the
// hand-written limit), and a check on the engine's answers (success, p50, p90 agree).
import type { Duration } from '../src/environment/schema.ts';
import { CHANCES, DURATIONS, type DurationName } from '../src/environment/durations.ts';

/** A small fast PRNG (mulberry32), seeded per device: the bound does not share the engine's streams. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Sampler = (u: number) => number;
function triangular(a: number, m: number, b: number): Sampler {
  const f = (m - a) / (b - a);
  return (u) => (u < f ? a + Math.sqrt(u * (b - a) * (m - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - m)));
}
function sampler(d: Duration): Sampler {
  if (typeof d === 'number') return () => d;
  if ('triangular' in d) return triangular(...(d.triangular as [number, number, number]));
  if ('uniform' in d) return (u) => d.uniform[0] + u * (d.uniform[1] - d.uniform[0]);
  throw new Error('bound: only fixed, uniform and triangular durations are used by the standard fleet');
}
const s = (name: DurationName) => sampler(DURATIONS[name].duration as Duration);

export interface BoundResult {
  devices: number;
  succeeded: number;
  successRate: number;
  p50: number;
  p90: number;
}

/**
 * Runs `devices` devices of user-driven Entra with `apps` tracked Win32/Store apps of the given
 * install-time distribution and a device and user ESP timeout of `timeoutMinutes`.
 */
export function runBound(devices: number, appInstall: Duration, apps: number, timeoutMinutes = 60, seed = 1): BoundResult {
  const network = s('networkDetect');
  const profile = s('profileDownload');
  const zdpCheck = s('criticalUpdateCheck');
  const zdpInstall = s('criticalUpdateInstall');
  const restart = s('restart');
  const pages = s('oobePages');
  const signIn = s('entraSignIn');
  const auth = s('entraAuthentication');
  const join = s('entraJoin');
  const enroll = s('mdmEnrollment');
  const ime = s('imeInstall');
  const category = s('espCategory');
  const autoSignIn = s('autoSignIn');
  const identifying = s('accountSetupIdentifying');
  const install = sampler(appInstall);
  // Minutes to the desktop in 0.001-minute bins up to 8 hours: exact enough for p50/p90.
  const BIN = 1000;
  const counts = new Uint32Array(8 * 60 * BIN + 1);
  let succeeded = 0;
  for (let i = 0; i < devices; i++) {
    const r = mulberry32((seed * 0x9e3779b1) ^ i);
    let t = network(r()) + profile(r());
    // A critical update installs, the device restarts, and the check runs again and finds none.
    if (r() < CHANCES.criticalUpdateAvailable) t += zdpInstall(r()) + restart(r());
    t += zdpCheck(r());
    t += pages(r()) + signIn(r()) + auth(r()) + join(r()) + enroll(r());
    const espStart = t;
    t += ime(r()) + category(r()) + category(r()) + category(r());
    for (let a = 0; a < apps; a++) t += install(r());
    if (t - espStart > timeoutMinutes) continue;
    // Windows signs the user in automatically after the device ESP (§3.3), before the account setup ESP.
    t += autoSignIn(r());
    const userStart = t;
    t += identifying(r()) + category(r()) + category(r()) + category(r());
    if (t - userStart > timeoutMinutes) continue;
    succeeded++;
    counts[Math.min(counts.length - 1, Math.round(t * BIN))]++;
  }
  const quantile = (q: number) => {
    const target = Math.ceil(q * succeeded);
    let seen = 0;
    for (let b = 0; b < counts.length; b++) {
      seen += counts[b]!;
      if (seen >= target) return b / BIN;
    }
    return NaN;
  };
  return { devices, succeeded, successRate: succeeded / devices, p50: quantile(0.5), p90: quantile(0.9) };
}
