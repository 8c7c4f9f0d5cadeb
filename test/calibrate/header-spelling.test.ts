// A CSV's error names the column as the file's header writes it. Export-Csv of the SDK's objects writes PascalCase
// (DeviceSetupDuration), and an admin whose German export had a bad duration read 'record 3: deviceSetupDuration', a
// column their header does not have by that name; a row cut short named 'deploymentTotalDuration' beside a header
// reading DeploymentTotalDuration. Where the header has the property's own name, or in JSON, the error is as it was.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-header-spelling-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS = ['Id', 'DeviceId', 'EnrollmentType', 'DeploymentState', 'DeviceSetupStatus', 'AccountSetupStatus', 'DeploymentStartDateTime', 'DeviceSetupDuration', 'AccountSetupDuration', 'DeploymentTotalDuration', 'EnrollmentFailureDetails'];
const row = (i: number, over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = {
    Id: `event-${i}`, DeviceId: `device-${i}`, EnrollmentType: 'AzureADJoinedWithAutopilotProfile', DeploymentState: 'Success',
    DeviceSetupStatus: 'Success', AccountSetupStatus: 'Success', DeploymentStartDateTime: `${10 + i}.11.2026 09:00:00`,
    DeviceSetupDuration: '00:30:00', AccountSetupDuration: '00:10:00', DeploymentTotalDuration: '00:45:00', EnrollmentFailureDetails: '', ...over,
  };
  return COLUMNS.map((c) => `"${v[c]}"`).join(';');
};
const write = (name: string, lines: string[], header = COLUMNS) => {
  const file = join(dir, name);
  writeFileSync(file, ['#TYPE Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraphDeviceManagementAutopilotEvent', header.map((c) => `"${c}"`).join(';'), ...lines].join('\r\n') + '\r\n');
  return file;
};

it("a value's error names its column as the header writes it (PascalCase from Export-Csv)", async () => {
  const r = await cli('calibrate', write('bad-duration.csv', [row(1), row(2), row(3, { DeviceSetupDuration: '42' })]));
  expect(r.code).toBe(2);
  expect(r.err.trim()).toMatch(/bad-duration\.csv:5: record 3: DeviceSetupDuration: expected an ISO 8601 duration/);
  const date = await cli('calibrate', write('bad-date.csv', [row(1), row(2, { DeploymentStartDateTime: '40.13.2026 09:00:00' })]));
  expect(date.err.trim()).toMatch(/bad-date\.csv:4: record 2: DeploymentStartDateTime: expected a date and time/);
});

it('a row cut short names the column it stops before, and a cell cut off the column it stops in, as the header writes them', async () => {
  const cut = row(3).split(';').slice(0, 9).join(';');
  const r = await cli('calibrate', write('cut.csv', [row(1), row(2), cut]));
  expect(r.code).toBe(2);
  expect(r.err.trim()).toMatch(/cut\.csv:5: record 3: DeploymentTotalDuration: expected a cell in each of the header's 11 columns, got 9/);
  const open = row(3).split(';').slice(0, 8).join(';').replace(/"$/, '');
  const q = await cli('calibrate', write('open.csv', [row(1), row(2), open]));
  expect(q.err.trim()).toMatch(/a quoted cell is never closed in column DeviceSetupDuration: the file ends inside it/);
});

it("dates that read both ways name the header's column, as does the date that told the order", async () => {
  const inProgress = (i: number) => row(i, { DeploymentState: 'InProgress', DeviceSetupStatus: 'InProgress', DeploymentStartDateTime: '01.02.2026 09:00:00' });
  const lines = [1, 2].map((i) => row(i, { DeploymentStartDateTime: `0${i}.03.2026 09:00:00` }));
  const r = await cli('calibrate', write('both-ways.csv', [...lines, inProgress(3)]));
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/record 1: DeploymentStartDateTime: expected dates whose order of day and month can be told/);
  const told = await cli('calibrate', write('told.csv', [row(1, { DeploymentStartDateTime: '20.11.2026 09:00:00' }), row(2, { DeploymentStartDateTime: '11/21/2026 09:00:00' })]));
  expect(told.err).toMatch(/record 2: DeploymentStartDateTime: .*record 1's DeploymentStartDateTime can be read no other way/);
});

it('a header with the property names keeps them', async () => {
  const camel = COLUMNS.map((c) => c[0]!.toLowerCase() + c.slice(1));
  const r = await cli('calibrate', write('camel.csv', [row(1), row(2), row(3, { DeviceSetupDuration: '42' })], camel));
  expect(r.err.trim()).toMatch(/camel\.csv:5: record 3: deviceSetupDuration: /);
});
