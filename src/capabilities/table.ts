// Microsoft's capability table, transcribed once from ../shared/seeds/004_49542ace5f2e7a02.txt
// ("Scenario capabilities"), cell values as written there. This is the oracle; the
// derivation in derive.ts never reads it.
import type { ScenarioId } from '../../machines/setup.ts';

export const CAPABILITIES = [
  'Supports Azure AD join',
  'Supports hybrid Azure AD join',
  'Deployment requires interaction by user',
  'Deployment requires interaction by IT admin/OEM/reseller',
  'Supports assigning user to device',
  'Minimizes time user interacts with deployment',
  'User authenticates',
  'TPM authenticates',
  'Registered as Autopilot device before deployment',
] as const;

/** A row of the table: one of Microsoft's capabilities, as it words it. */
export type Capability = (typeof CAPABILITIES)[number];

/** A cell of the table as Microsoft writes it. */
export type Cell = 'Yes' | 'No' | 'NA' | 'User flow' | 'Technician flow' | 'Local reset' | 'Remote reset';

/** The scenarios Microsoft's table has a column for (device preparation came later and has none). */
export type TableScenario = Exclude<ScenarioId, 'device-preparation'>;

/** The seed's column order and headings. */
export const COLUMNS: ReadonlyArray<{ scenario: TableScenario; heading: string }> = [
  { scenario: 'user-driven', heading: 'User-driven' },
  { scenario: 'pre-provisioned', heading: 'Pre-provisioned' },
  { scenario: 'self-deploying', heading: 'Self-deploying' },
  { scenario: 'existing-devices', heading: 'Existing devices' },
  { scenario: 'reset', heading: 'Reset' },
];

/**
 * Columns derived from the machines in the same way, that are NOT part of Microsoft's table:
 * printed beside it, clearly marked, and never compared with it.
 */
export const EXTRA_COLUMNS: ReadonlyArray<{ scenario: Exclude<ScenarioId, TableScenario>; heading: string }> = [
  { scenario: 'device-preparation', heading: 'Device preparation' },
];

const row = (...cells: [Cell, Cell, Cell, Cell, Cell]): Record<TableScenario, Cell> => ({
  'user-driven': cells[0],
  'pre-provisioned': cells[1],
  'self-deploying': cells[2],
  'existing-devices': cells[3],
  reset: cells[4],
});

export const MICROSOFT: Record<Capability, Record<TableScenario, Cell>> = {
  'Supports Azure AD join': row('Yes', 'Yes', 'Yes', 'Yes', 'Yes'),
  'Supports hybrid Azure AD join': row('Yes', 'Yes', 'No', 'Yes', 'No'),
  'Deployment requires interaction by user': row('Yes', 'Yes', 'No', 'NA', 'Local reset'),
  'Deployment requires interaction by IT admin/OEM/reseller': row('No', 'Yes', 'No', 'Yes', 'Remote reset'),
  'Supports assigning user to device': row('Yes', 'Yes', 'No', 'NA', 'NA'),
  'Minimizes time user interacts with deployment': row('No', 'Yes', 'Yes', 'NA', 'NA'),
  'User authenticates': row('Yes', 'User flow', 'No', 'NA', 'Local reset'),
  'TPM authenticates': row('No', 'Technician flow', 'Yes', 'NA', 'NA'),
  'Registered as Autopilot device before deployment': row('Yes', 'Yes', 'Yes', 'No', 'Yes'),
};

/** The seed's note under the table. */
export const EXISTING_DEVICES_NOTE =
  'Windows Autopilot for existing devices is not technically an Autopilot deployment itself: after it completes it runs the user-driven, pre-provisioned or self-deploying scenario, and inherits that scenario\'s capabilities.';
