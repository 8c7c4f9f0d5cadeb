// The known parameters behind the bundled synthetic sample (scenarios/calibration/), in one place:
// the generator writes the sample from them, the README's tour calibrates it back, and a test
// holds the bundled file to what this writes.
import type { SyntheticOptions } from './synthetic.ts';

export const SAMPLE_FILE = 'synthetic-autopilot-events.csv';

export const SAMPLE: SyntheticOptions = {
  seed: 2026,
  segments: [
    {
      segment: { scenario: 'user-driven', joinType: 'entra' },
      count: 300,
      deviceApps: 5,
      deviceApp: { median: 4, p90: 9 },
      userApps: 2,
      userApp: { median: 3, p90: 7 },
      failures: [
        { phase: 'deviceSetup', code: 'ESP_APP_FAILED', probability: 0.04 },
        { phase: 'enrollment', code: '0x80180014', probability: 0.01 },
      ],
    },
    {
      segment: { scenario: 'user-driven', joinType: 'hybrid' },
      count: 80,
      deviceApps: 5,
      deviceApp: { median: 5, p90: 12 },
      userApps: 2,
      userApp: { median: 3, p90: 7 },
      failures: [{ phase: 'enrollment', code: '0x80070774', probability: 0.05 }],
    },
    {
      segment: { scenario: 'self-deploying', joinType: 'entra' },
      count: 60,
      deviceApps: 5,
      deviceApp: { median: 3, p90: 6 },
      userApps: 0,
      userApp: null,
      failures: [],
    },
  ],
};
