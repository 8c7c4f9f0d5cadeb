// The standard benchmark fleet: 100,000 user-driven Entra devices with a dozen apps.
import type { FleetInput } from '../src/fleet/schema.ts';

export const STANDARD_APPS = Array.from({ length: 12 }, (_, i) => ({
  name: `App ${i + 1}`,
  type: i % 4 === 3 ? 'store' : 'win32',
  installMinutes: { triangular: [0.5, 2, 5] as [number, number, number] },
}));
export const STANDARD_FLEET: FleetInput = { name: 'bench: user-driven, 12 apps', seed: 1, scenario: 'user-driven', environment: { apps: STANDARD_APPS } };

/**
 * A two-pass fleet: hybrid user-driven laptops at four sites sharing their links, offline
 * domain join through one Intune Connector for AD at a realistic capacity (demand is about
 * devices / windowHours requests an hour).
 */
export const TWO_PASS_FLEET: FleetInput = {
  name: 'bench: hybrid, four sites, a connector',
  seed: 1,
  scenario: 'user-driven',
  environment: { profile: { joinType: 'hybrid' }, apps: STANDARD_APPS },
  sites: [
    { name: 'Head office', share: 4, bandwidthMbps: 1000 },
    { name: 'Branch A', share: 2, bandwidthMbps: 500 },
    { name: 'Branch B', share: 1, bandwidthMbps: 200 },
    { name: 'Branch C', share: 1, bandwidthMbps: 100 },
  ],
  rollout: { windowHours: 720 },
  sharedWorld: { connectorRequestsPerHour: 600 },
};
