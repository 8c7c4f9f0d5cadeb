// Causes with parameters: the sentences the world writes when the text carries a value (an app's
// name, a queue's length, a version). Each is a template here, filled by the world and read back
// by the fleet statistics, so that one root cause is one failure mode (code, phase, template)
// with its values kept apart, however many different values the devices saw.

/** The templates; `{name}` is a parameter. Fixed causes need no entry: their text is their template. */
export const CAUSES = {
  appRestarts: '{app} restarts the device from inside its installer',
  storeUnderCa: '{app} (Store) is tracked by the ESP while Conditional Access requires a compliant device for all cloud apps',
  appFailed: '{app} failed to install',
  appFailedNonBlocking: '{app} failed (not blocking)',
  connectorQueue: "the connector's queue is {minutes} minutes long (more requests than it serves)",
  connectorOld: 'connector {version} is older than 6.2501.2000.5 and no longer processes requests',
  jsonName: 'the JSON is named {fileName}, not AutopilotConfigurationFile.json, so OOBE ignores it',
  jsonEncoding: 'the JSON is saved as {encoding}, not ASCII/ANSI, so OOBE ignores it',
  espStillInstalling: 'the ESP timer ran out while {app} was still installing',
  injected: 'injected: {fault}',
  stoppedSteps: 'stopped after {steps} steps',
  stoppedLimit: 'stopped at the {minutes}-minute limit',
  noEvent: 'no event can arrive in {state}',
} as const;

/** A cause that wraps another (the ESP timer running out on a hang): the prefix, then the inner cause. */
const WRAPPERS = ['the ESP timer ran out: '] as const;

/** Parameters read as numbers (so a mode can give their range). */
const NUMERIC = new Set(['minutes', 'steps']);

export type CauseParams = Record<string, string | number>;

/** A template filled with its parameters: the text the world writes. */
export function causeText(template: string, params: CauseParams): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMPILED = Object.values(CAUSES).map((template) => {
  const names: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]!);
      return '(.+?)';
    })
    .join('');
  return { template, names, re: new RegExp(`^${pattern}$`) };
});

/** A cause's template and parameters; a cause that matches no template is its own template, with none. */
export function parseCause(text: string): { template: string; params: CauseParams } {
  for (const w of WRAPPERS) {
    if (text.startsWith(w)) {
      const inner = parseCause(text.slice(w.length));
      return { template: w + inner.template, params: inner.params };
    }
  }
  for (const c of COMPILED) {
    const m = c.re.exec(text);
    if (!m) continue;
    const params: CauseParams = {};
    c.names.forEach((n, i) => {
      const v = m[i + 1]!;
      params[n] = NUMERIC.has(n) && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
    });
    return { template: c.template, params };
  }
  return { template: text, params: {} };
}
