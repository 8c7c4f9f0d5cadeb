// Running the same fleet as another scenario: the profile settings each scenario needs.
import type { EnvironmentInput, Scenario } from '../environment/schema.ts';

export function scenarioOverride(scenario: Scenario): EnvironmentInput {
  switch (scenario) {
    case 'pre-provisioned':
      return { scenario, profile: { deploymentMode: 'user-driven', allowPreProvisioning: true } };
    case 'self-deploying':
      return { scenario, profile: { deploymentMode: 'self-deploying', joinType: 'entra' } };
    case 'user-driven':
      return { scenario, profile: { deploymentMode: 'user-driven' } };
    case 'device-preparation':
      // Device preparation needs no registration, and a registered device with a profile would run classic Autopilot (§7):
      // deploying with it means not registering the devices.
      return { scenario, registration: { registered: false } };
    default:
      return { scenario };
  }
}
