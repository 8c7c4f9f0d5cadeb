// Graph autopilotEvents for calibrate's tests: n user-driven Entra successes, each with its own id and device, and a CSV
// of them with the property names as columns (quoted, as Export-Csv writes them).
import { PROPERTIES } from '../../src/calibrate/graph.ts';

export type Event = Record<string, string | null>;

/** `n` successes, device setup 20 to 28 minutes, account setup 9, over October 2026. */
export function successes(n: number): Event[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${String(i).padStart(8, '0')}-aaaa-4000-8000-000000000000`,
    deviceId: `${String(i).padStart(8, '0')}-bbbb-4000-8000-000000000000`,
    enrollmentType: 'azureADJoinedWithAutopilotProfile',
    deploymentState: 'success',
    deviceSetupStatus: 'success',
    accountSetupStatus: 'success',
    deviceSetupDuration: `PT${20 + (i % 9)}M`,
    accountSetupDuration: 'PT9M',
    deploymentTotalDuration: `PT${35 + (i % 9)}M`,
    deploymentStartDateTime: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`,
    enrollmentFailureDetails: null,
  }));
}

/** The events as CSV rows under Graph's property names (`rename` gives a header's other name for one). */
export function csvOf(events: readonly Event[], rename: Record<string, string> = {}): string {
  const header = PROPERTIES.map((p) => `"${rename[p] ?? p}"`).join(',');
  return [header, ...events.map((e) => PROPERTIES.map((p) => `"${e[p] ?? ''}"`).join(','))].join('\r\n') + '\r\n';
}
