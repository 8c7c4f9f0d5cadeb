// The registry: scenario id -> machine.
import type { ScenarioId } from './setup.ts';
import { devicePreparationMachine } from './devicePreparation.ts';
import { existingDevicesMachine } from './existingDevices.ts';
import { preProvisionedMachine } from './preProvisioned.ts';
import { resetMachine } from './reset.ts';
import { selfDeployingMachine } from './selfDeploying.ts';
import { userDrivenMachine } from './userDriven.ts';

export const machines = {
  'user-driven': userDrivenMachine,
  'pre-provisioned': preProvisionedMachine,
  'self-deploying': selfDeployingMachine,
  'existing-devices': existingDevicesMachine,
  reset: resetMachine,
  'device-preparation': devicePreparationMachine,
} as const satisfies Record<ScenarioId, unknown>;

export type DeploymentMachine = (typeof machines)[ScenarioId];

export { SCENARIO_IDS, TAGS, type DeploymentInput, type ScenarioId, type Tag, type StateMeta } from './setup.ts';
export * from '../src/catalog/vocabulary.ts';
export { EVENTS, sourceOf, type DeploymentEvent, type EventType, type Source } from './events.ts';
