// Fields a fleet file sets that change nothing without another setting: an architect writes one alone and expects it to
// matter (a 240-minute ESP timer for Cloud PCs, users who continue past an error, a rollout window), and the run's figures
// were the same as without it, unsaid. Each is said once, naming the field where the file writes it and what it needs.
import { espErrorButtons } from '../environment/esp-buttons.ts';
import { classicProfileApplies, type Environment } from '../environment/schema.ts';
import { count } from '../format.ts';
import { fleetWarning, type Warning } from './bottlenecks.ts';
import { spreadSample, type Device, type Plan } from './plan.ts';
import type { Fleet } from './schema.ts';

/** A piece of the file that writes environment fields, and which devices it holds for. */
interface Layer {
  /** Where the file writes it: 'environment', 'groups[2].environment', 'sites[1].environment', 'groups[0].vary.tpm[1].environment'. */
  path: string;
  piece: Record<string, unknown>;
  holds: (d: Device) => boolean;
}

/** A field that a device ignores unless another setting is there: why, for a device that ignores it, or null. */
interface Rule {
  field: string[];
  /** The value written matters here (people.onError: 'continue', not 'retry'). */
  applies: (value: unknown) => boolean;
  ignoredBy: (env: Environment) => string | null;
}

/** Device preparation's own flow, not classic Autopilot taking the device over (§7 coexistence; a Cloud PC never is). */
const runsDevicePreparation = (env: Environment) => env.scenario === 'device-preparation' && (env.devicePreparation.mode === 'automatic' || !classicProfileApplies(env));

const RULES: Rule[] = [
  {
    field: ['esp', 'timeoutMinutes'],
    applies: () => true,
    ignoredBy: (env) =>
      env.scenario === 'reset'
        ? 'Autopilot Reset shows no ESP (its required apps install after the desktop, untracked: domain §2.8 RL7), so the ESP timer never runs for them'
        : runsDevicePreparation(env)
          ? "device preparation has no ESP: its one timer is each policy's, devicePreparation.policies[].timeoutMinutes (domain §7)"
          : null,
  },
  {
    field: ['people', 'onError'],
    applies: (v) => v === 'continue',
    ignoredBy: (env) =>
      runsDevicePreparation(env)
        ? env.devicePreparation.policies.some((p) => p.allowSkip)
          ? null
          : 'device preparation\'s error page shows Continue anyway only where the policy allows skipping setup (devicePreparation.policies[].allowSkip: true, domain §7), so the person at the page gives up instead'
        : espErrorButtons(env.esp).continueAnyway
          ? null
          : 'the ESP error page shows no Continue anyway button: it needs esp.allowContinueAnyway: true, with esp.blockDeviceUse: true, which unlocks it (domain §3.2), so the person at the page gives up instead',
  },
  {
    field: ['people', 'onError'],
    applies: (v) => v === 'reset',
    ignoredBy: (env) =>
      // §2.3 T9b: the technician's red screen always offers Reset (a pre-provisioned device's user flow, or an existing
      // device's JSON that pre-provisions, may still meet the ESP's page without it: the technician's is read).
      env.scenario === 'pre-provisioned' || (env.scenario === 'existing-devices' && env.existingDevices.jsonProfile.deploymentMode === 'pre-provisioned')
        ? null
        : env.scenario === 'reset'
          ? 'Autopilot Reset shows no ESP and no error page (domain §2.8, §2.9), so no one chooses at one'
          : runsDevicePreparation(env)
            ? "device preparation's error page offers Retry, and Continue anyway where the policy allows skipping setup, but no Reset (domain §7), so the person at the page gives up instead"
            : espErrorButtons(env.esp).reset
              ? null
              : 'the ESP error page shows no Reset device button: it needs esp.allowReset: true, with esp.blockDeviceUse: true, which unlocks it (domain §3.2), so the person at the page gives up instead',
  },
  {
    field: ['profile', 'allowPreProvisioning'],
    applies: (v) => v === true,
    ignoredBy: (env) =>
      env.scenario === 'pre-provisioned' || env.scenario === 'existing-devices'
        ? null
        : `only a technician flow reads it, and it runs where the scenario is pre-provisioned (scenario, or a group's environment.scenario); these devices run ${env.scenario}`,
  },
];

function get(piece: Record<string, unknown>, field: string[]): unknown {
  let x: unknown = piece;
  for (const k of field) x = x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined;
  return x;
}

function layers(fleet: Fleet, plan: Plan): Layer[] {
  const out: Layer[] = [{ path: 'environment', piece: fleet.environment as Record<string, unknown>, holds: () => true }];
  fleet.sites.forEach((s, i) => out.push({ path: `sites[${i}].environment`, piece: s.environment as Record<string, unknown>, holds: (d) => d.site === i }));
  fleet.groups.forEach((g, i) => {
    out.push({ path: `groups[${i}].environment`, piece: g.environment as Record<string, unknown>, holds: (d) => d.group === i });
    for (const [dim, options] of Object.entries(g.vary ?? {})) {
      options.forEach((v, k) =>
        out.push({
          path: `groups[${i}].vary.${dim}[${k}].environment`,
          piece: v.environment as Record<string, unknown>,
          holds: (d) => {
            const drawn = plan.drawnOption(d.index, dim);
            return drawn.group === i && drawn.option === k;
          },
        }),
      );
    }
  });
  return out;
}

/** Whose devices a layer holds, in a report's words: 'the fleet', 'group "Teacher Cloud PCs"', 'site "Hill Primary"'. */
function whose(fleet: Fleet, path: string): string {
  const g = /^groups\[(\d+)\]/.exec(path);
  if (g) return `group "${fleet.groups[Number(g[1])]!.name}"${path.includes('.vary.') ? ` (${path.split('.vary.')[1]!.replace(/\.environment$/, '')})` : ''}`;
  const s = /^sites\[(\d+)\]/.exec(path);
  if (s) return `site "${fleet.sites[Number(s[1])]!.name}"`;
  return 'the fleet';
}

/**
 * The environment fields the file writes that no device they hold for reads (RULES), read on a sample spread over the plan
 * (its counted groups' devices: `counted`): one warning each, naming the field where the file writes it and what it needs.
 */
function idleEnvironmentFields(plan: Plan, counted: (group: number) => boolean): Warning[] {
  const fleet = plan.fleet;
  const sample = spreadSample(plan).filter((d) => counted(d.group));
  const out: Warning[] = [];
  for (const layer of layers(fleet, plan)) {
    for (const rule of RULES) {
      const value = get(layer.piece, rule.field);
      if (value === undefined || !rule.applies(value)) continue;
      const devices = sample.filter(layer.holds);
      if (!devices.length) continue;
      const reasons = devices.map((d) => rule.ignoredBy(d.env));
      if (reasons.some((r) => r === null)) continue;
      const why = [...new Set(reasons)].join('; ');
      out.push(fleetWarning('field-without-effect', `${layer.path}.${rule.field.join('.')} (${JSON.stringify(value)}) changes nothing for ${whose(fleet, layer.path)}: ${why}.`));
    }
  }
  return out;
}

/**
 * A rollout window, a pace or a site's own start where the devices share nothing limited: the starts move, and no figure
 * with them (a device's own run does not depend on its start; the links and the connector are unlimited unless the file
 * gives them a capacity, and no cloud incident has hours to fall in).
 */
function idleRollout(fleet: Fleet): Warning | null {
  const limited = fleet.sites.some((s) => s.bandwidthMbps !== undefined) || fleet.sharedWorld.connectorRequestsPerHour !== undefined || fleet.sharedWorld.incident !== undefined;
  if (limited) return null;
  const written = [
    ...(fleet.rollout.windowHours ? [`rollout.windowHours (${count(fleet.rollout.windowHours)} hours)`] : []),
    ...(fleet.rollout.devicesPerHour !== undefined ? [`rollout.devicesPerHour (${count(fleet.rollout.devicesPerHour)})`] : []),
    ...fleet.sites.flatMap((s, i) => (s.startHour ? [`sites[${i}].startHour ("${s.name}", hour ${count(s.startHour)})`] : [])),
  ];
  if (!written.length) return null;
  return fleetWarning(
    'field-without-effect',
    `${written.join(', ')} ${written.length > 1 ? 'change' : 'changes'} nothing here: when the devices start matters only for what they share, a site's link with a capacity (sites[].bandwidthMbps), the connector's (sharedWorld.connectorRequestsPerHour) and a cloud incident's hours (sharedWorld.incident), and the file gives none of them (unset: no limit).`,
  );
}

/** Why a site's link carries none of an Autopilot Reset device's downloads (the link warning's words, recommend's per-group line's). */
export const RESET_APPS_NOT_DOWNLOADED = 'required apps install after the desktop (domain §2.8 RL7), which the model does not simulate';

/**
 * A site's link where Autopilot Reset devices are: a reset's required apps install after the desktop (domain §2.8 RL7) and
 * the model does not download them (docs/model.md), so the link carries none of their load and their figures do not depend
 * on it. A school's lab PCs reset at a 20 Mbps branch read '100.0% success' beside that link saturated, as if they had
 * shared it, and a sweep of the link moved only the other devices.
 */
function resetsAtLimitedSites(plan: Plan, counted: (group: number) => boolean): Warning | null {
  const fleet = plan.fleet;
  const resets = spreadSample(plan).filter((d) => counted(d.group) && d.env.scenario === 'reset' && d.env.apps.length > 0 && fleet.sites[d.site]!.bandwidthMbps !== undefined);
  if (!resets.length) return null;
  const sites = [...new Set(resets.map((d) => d.site))].sort((a, b) => a - b).map((i) => `"${fleet.sites[i]!.name}" (${count(fleet.sites[i]!.bandwidthMbps!)} Mbps)`);
  const groups = [...new Set(resets.map((d) => d.group))].map((g) => `"${fleet.groups[g]!.name}"`);
  const list = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : xs[0]!);
  const many = sites.length > 1;
  return fleetWarning(
    'field-without-effect',
    `The ${many ? 'links' : 'link'} of ${list(sites)} (sites[].bandwidthMbps) ${many ? 'carry' : 'carries'} none of the downloads of the Autopilot Reset devices there (${groups.length > 1 ? 'groups' : 'group'} ${list(groups)}): their ${RESET_APPS_NOT_DOWNLOADED}, so their figures do not depend on the ${many ? 'links' : 'link'} and the load leaves them out.`,
  );
}

/**
 * A site's link where devices run Autopilot for existing devices: the link carries their Autopilot deployment's app
 * downloads, but not the task sequence's OS image, which Configuration Manager's task sequence applies (domain §2.7) and
 * the model times with the applyOs duration alone (an estimate). A manufacturer's plants reimaged over
 * 20 Mbps links read the links' load without the images and without a word, so an architect took it for the whole load.
 */
function imagesAtLimitedSites(plan: Plan, counted: (group: number) => boolean): Warning | null {
  const fleet = plan.fleet;
  const reimaged = spreadSample(plan).filter((d) => counted(d.group) && d.env.scenario === 'existing-devices' && fleet.sites[d.site]!.bandwidthMbps !== undefined);
  if (!reimaged.length) return null;
  const sites = [...new Set(reimaged.map((d) => d.site))].sort((a, b) => a - b).map((i) => `"${fleet.sites[i]!.name}"`);
  const groups = [...new Set(reimaged.map((d) => d.group))].map((g) => `"${fleet.groups[g]!.name}"`);
  const list = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more` : xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : xs[0]!);
  const many = sites.length > 1;
  return fleetWarning(
    'not-modelled',
    `The ${many ? 'links' : 'link'} of ${list(sites)} (sites[].bandwidthMbps) ${many ? 'carry' : 'carries'} the app downloads of the devices reimaged with Autopilot for existing devices there (${groups.length > 1 ? 'groups' : 'group'} ${list(groups)}), not their task sequence's OS image: the Configuration Manager task sequence applies it (domain §2.7), and the model times that with durations.applyOs alone (an estimate), whatever the link. Where the image crosses the link, its load is not in these figures.`,
  );
}

/** Every field of the file that changes nothing without its companion setting, as warnings of kind 'field-without-effect', and what the model leaves out of a site's link ('not-modelled'). */
export function fieldsWithoutEffect(plan: Plan, counted: (group: number) => boolean): Warning[] {
  const rollout = idleRollout(plan.fleet);
  const resets = resetsAtLimitedSites(plan, counted);
  const images = imagesAtLimitedSites(plan, counted);
  return [...idleEnvironmentFields(plan, counted), ...(rollout ? [rollout] : []), ...(resets ? [resets] : []), ...(images ? [images] : [])];
}
