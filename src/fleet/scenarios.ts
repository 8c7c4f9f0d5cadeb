// Running the same fleet as another scenario: the profile settings each scenario needs.
import type { EnvironmentInput, Scenario } from '../environment/schema.ts';

// Deploying with classic Autopilot means registering the devices, as deploying with device preparation means not
// registering them (§7): each side of a comparison gets what its scenario needs, so neither wins on a fleet written for
// the other (a fleet of unregistered devices failed user-driven with 'not registered' beside device preparation).
export function scenarioOverride(scenario: Scenario): EnvironmentInput {
  switch (scenario) {
    case 'pre-provisioned':
      return { scenario, registration: { registered: true }, profile: { deploymentMode: 'user-driven', allowPreProvisioning: true } };
    case 'self-deploying':
      return { scenario, registration: { registered: true }, profile: { deploymentMode: 'self-deploying', joinType: 'entra' } };
    case 'user-driven':
      return { scenario, registration: { registered: true }, profile: { deploymentMode: 'user-driven' } };
    case 'device-preparation':
      // Device preparation needs no registration, and a registered device with a profile would run classic Autopilot (§7):
      // deploying with it means not registering the devices.
      return { scenario, registration: { registered: false } };
    default:
      return { scenario };
  }
}
