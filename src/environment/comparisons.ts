// What side by side can put beside a run: A with one change (the studio's list, here so that a
// lesson's `compareWith` is checked against the same ids the studio offers), or a bundled file.
import { closest } from './spelling.ts';

/**
 * What a change looks at in run A: the environment's fields it reads, named here rather than imported, since the
 * schema (src/environment/schema.ts) takes this file's ids for `compareWith` (an import back would make a cycle).
 */
interface Run {
  scenario: string;
  devicePreparation: { mode: string };
}

export interface Change {
  id: string;
  label: string;
  override: Record<string, unknown>;
  /** Whether it is offered for A (unset: always). */
  for?: (a: Run) => boolean;
}

export const CHANGES: readonly Change[] = [
  { id: 'vm', label: 'Physical device → virtual machine', override: { hardware: { kind: 'vm' } } },
  { id: 'tpm12', label: 'TPM 2.0 → TPM 1.2', override: { hardware: { tpm: '1.2' } } },
  { id: 'hybrid', label: 'Entra join → hybrid join', override: { profile: { joinType: 'hybrid' } } },
  { id: 'no-dc', label: 'Hybrid: no line of sight to a domain controller', override: { profile: { joinType: 'hybrid' }, hybrid: { dcLineOfSight: false } } },
  { id: 'connector-down', label: 'Hybrid: Intune Connector for AD inactive', override: { profile: { joinType: 'hybrid' }, hybrid: { connector: { active: false } } } },
  { id: 'esp30', label: 'ESP timeout → 30 minutes', override: { esp: { timeoutMinutes: 30 } } },
  { id: 'deployed-before', label: 'Device already self-deployed once', override: { registration: { deployedBefore: 'self-deploying' } } },
  { id: 'unlicensed', label: 'User has no Intune licence', override: { identity: { userLicensed: false } } },
  { id: 'self-deploying', label: 'Scenario → self-deploying', override: { scenario: 'self-deploying', profile: { joinType: 'entra' } } },
  { id: 'user-driven', label: 'Scenario → user-driven', override: { scenario: 'user-driven' } },
  { id: 'pre-provisioned', label: 'Scenario → pre-provisioned', override: { scenario: 'pre-provisioned', profile: { allowPreProvisioning: true } } },
  // The same laptop with device preparation: not registered (a registered device with a profile would run classic Autopilot, §7).
  { id: 'device-preparation', label: 'Classic Autopilot → device preparation (device not registered)', override: { scenario: 'device-preparation', registration: { registered: false } }, for: (a) => a.scenario !== 'device-preparation' },
  // And back: classic Autopilot needs the device registered (with its profile), which device preparation does without.
  // Not for a Windows 365 Cloud PC, which has no classic Autopilot.
  { id: 'classic', label: 'Device preparation → classic user-driven (device registered)', override: { scenario: 'user-driven', registration: { registered: true } }, for: (a) => a.scenario === 'device-preparation' && a.devicePreparation.mode === 'user-driven' },
];

/** A bundled file's name as `compareWith` writes it: its path under scenarios/, as the commands take it. */
const FILE_NAME = /^([\w-]+\/)*[\w.-]+\.(ya?ml|json)$/;

/** What a lesson's `compareWith` names: one of the changes, or a file under scenarios/. */
export function comparisonKind(value: string): 'change' | 'file' | null {
  if (CHANGES.some((c) => c.id === value)) return 'change';
  return FILE_NAME.test(value) ? 'file' : null;
}

/** What `compareWith` expects, for a wrong value's message (every change, and the form of a file's name). */
export const COMPARE_WITH_EXPECTED = `one of the changes side by side offers (${CHANGES.map((c) => c.id).join(', ')}) or a bundled file under scenarios/ with its extension (self-deploying.yaml, lessons/04-hybrid-from-home-without-vpn.yaml)`;

/**
 * The problem with a lesson's `compareWith` beyond its form, or null: a change side by side does not offer for this run
 * (device preparation beside a run that is device preparation already), or a file that is not bundled (`bundled`: the
 * bundled files' names, where the caller knows them).
 */
export function compareWithProblem(value: string, env: Run, bundled?: readonly string[]): string | null {
  const change = CHANGES.find((c) => c.id === value);
  if (change) return change.for && !change.for(env) ? `${value} ("${change.label}") is not offered beside a ${env.scenario} run; expected ${CHANGES.filter((c) => c.for?.(env) ?? true).map((c) => c.id).join(', ')} or a bundled file` : null;
  if (comparisonKind(value) !== 'file' || !bundled) return null;
  // A fleet is no run to put beside one device's.
  const runs = bundled.filter((b) => !b.startsWith('fleets/'));
  if (runs.includes(value)) return null;
  const base = value.replace(/^.*\//, '');
  // The same name in another folder, else the closest spelling ('self-deployng.yaml').
  const moved = runs.filter((b) => b.endsWith(`/${base}`));
  const near = moved.length ? moved : [closest(value, runs)].filter((n): n is string => !!n);
  return `no bundled file ${value}${near.length ? `: did you mean ${near.join(' or ')}?` : ` (expected ${COMPARE_WITH_EXPECTED})`}`;
}
