// Reading Graph exports: the three shapes give the same events, real-world quirks are counted by
// reason, and malformed input is one error naming the file, the record and the field.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { observe } from '../../src/calibrate/index.ts';
import { durationMinutes, isoDuration, PROPERTIES } from '../../src/calibrate/graph.ts';
import { codeOf } from '../../src/calibrate/observe.ts';
import { readExport } from '../../src/calibrate/read.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('calibrate-read-');
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const base = {
  enrollmentType: 'azureADJoinedWithAutopilotProfile',
  deploymentState: 'success',
  deviceSetupStatus: 'success',
  accountSetupStatus: 'success',
  deviceSetupDuration: 'PT20M',
  accountSetupDuration: 'PT10M',
  deploymentTotalDuration: 'PT35M',
};
let n = 0;
const ev = (over: Record<string, unknown> = {}) => ({ id: `event-${++n}`, deviceId: `device-${n}`, deviceSerialNumber: `SERIAL-${n}`, ...base, ...over });

const csvOf = (events: Array<Record<string, unknown>>) =>
  `${PROPERTIES.join(',')}\n${events.map((e) => PROPERTIES.map((p) => (e[p] === null || e[p] === undefined ? '' : String(e[p]))).join(',')).join('\n')}\n`;

describe('durations', () => {
  it('reads ISO 8601 durations as Graph writes them, and writes them back', () => {
    expect(durationMinutes('PT42M17S')).toBeCloseTo(42 + 17 / 60, 9);
    expect(durationMinutes('PT1H2M')).toBe(62);
    expect(durationMinutes('P1DT1S')).toBeCloseTo(1440 + 1 / 60, 9);
    expect(durationMinutes('-PT2M57.2190107S')).toBeCloseTo(-(2 + 57.2190107 / 60), 9);
    expect(durationMinutes('PT0S')).toBe(0);
    // .NET's TimeSpan, as PowerShell's Graph SDK (Get-MgBetaDeviceManagementAutopilotEvent | Export-Csv) writes them.
    expect(durationMinutes('00:42:17')).toBeCloseTo(42 + 17 / 60, 9);
    expect(durationMinutes('1.02:03:04.5000000')).toBeCloseTo(1440 + 123 + 4.5 / 60, 9);
    expect(durationMinutes('-00:02:57.2190107')).toBeCloseTo(-(2 + 57.2190107 / 60), 9);
    expect(durationMinutes(null)).toBeNull();
    expect(durationMinutes('')).toBeNull();
    for (const bad of ['42', 'PT', 'P', 'PT5X', 'abc', 5]) expect(durationMinutes(bad)).toBeNaN();
    expect(isoDuration(42 + 17 / 60)).toBe('PT42M17S');
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(90)).toBe('PT1H30M');
  });

  it('finds catalogue codes in failure texts, whatever their spelling, and never returns the text', () => {
    expect(codeOf('Enrollment failed 0x80180014 on device X', 'enrollment')).toEqual({ id: '0x80180014', unmapped: null, coded: true });
    expect(codeOf('error 801c0003', 'enrollment')).toEqual({ id: '801C0003', unmapped: null, coded: true });
    expect(codeOf('hr=-2145910764', 'enrollment').id).toBe('0x80180014');
    expect(codeOf('failed 0x87654321', 'deviceSetup')).toEqual({ id: 'ESP_APP_FAILED', unmapped: '0x87654321', coded: true });
    expect(codeOf(null, 'enrollment')).toEqual({ id: 'SOMETHING_WENT_WRONG', unmapped: null, coded: false });
    // A GUID's 8-digit head has no high bit set here: not a code.
    expect(codeOf('device 1234abcd-0000', 'accountSetup')).toEqual({ id: 'ESP_APP_FAILED', unmapped: null, coded: false });
    // Nor is a GUID's head with its high bit set (an app's, a device's, a correlation id): 'c0ffee12-…' was the tenant's
    // code 0xC0FFEE12, which the twin's devices failed with and every report listed.
    expect(codeOf('Win32 app c0ffee12-3456-7890-abcd-ef0123456789 failed: 0x87D1041C', 'deviceSetup')).toEqual({ id: 'ESP_APP_FAILED', unmapped: '0x87D1041C', coded: true });
    expect(codeOf('App {D1E2F3A4-1111-2222-3333-444455556666} could not be installed', 'deviceSetup')).toEqual({ id: 'ESP_APP_FAILED', unmapped: null, coded: false });
    expect(codeOf('Correlation ID: 9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0. Error 0x80180014', 'enrollment')).toEqual({ id: '0x80180014', unmapped: null, coded: true });
    // Digits alone are a code only where the catalogue knows it: a serial number read as one was the serial in hex in
    // every output. A code of the tenant's own comes from an unmistakable form.
    expect(codeOf('Device 3456789012 failed to enroll', 'enrollment')).toEqual({ id: 'SOMETHING_WENT_WRONG', unmapped: null, coded: false });
    expect(codeOf('Serial 91234567: app install failed', 'deviceSetup')).toEqual({ id: 'ESP_APP_FAILED', unmapped: null, coded: false });
    expect(codeOf('error 80180014', 'enrollment').id).toBe('0x80180014');
    expect(codeOf('error 87d1041c', 'deviceSetup')).toEqual({ id: 'ESP_APP_FAILED', unmapped: '0x87D1041C', coded: true });
    expect(codeOf('hr=-2016345612', 'deviceSetup')).toEqual({ id: 'ESP_APP_FAILED', unmapped: '0x87D101F4', coded: true });
  });

  it('no part of a GUID in the failure details reaches the twin or the report', async () => {
    const device = 'e3b0c442-98fc-41c1-a9a4-0123456789ab';
    const file = write('guid-details.json', JSON.stringify({ value: [ev(), ev({ deploymentState: 'failure', deviceSetupStatus: 'failure', accountSetupStatus: 'notAttempted', enrollmentFailureDetails: `Device ${device} failed to install app {A1B2C3D4-1111-2222-3333-444455556666}` })] }));
    for (const args of [['-o', join(dir, 'guid-twin.yaml')], ['--json'], ['--markdown']]) {
      const r = await cli('calibrate', file, ...args);
      expect(r.code).toBe(0);
      expect(`${r.out}${args[0] === '-o' ? readFileSync(args[1]!, 'utf8') : ''}`.toLowerCase()).not.toMatch(/e3b0c442|a1b2c3d4/);
    }
  });
});

describe('the three export shapes', () => {
  const events = [ev(), ev({ deploymentState: 'failure', deviceSetupStatus: 'failure', enrollmentFailureDetails: 'app failed 0x80070774' }), ev({ enrollmentType: 'offlineDomainJoined' })];

  it('a Graph page, pages in several files, several pages in one file, a bare array and CSV give the same observations', async () => {
    const page = write('page.json', JSON.stringify({ '@odata.context': 'x', value: events }));
    const p1 = write('p1.json', JSON.stringify({ value: events.slice(0, 1), '@odata.nextLink': 'https://example.invalid/next' }));
    const p2 = write('p2.json', JSON.stringify({ '@odata.nextLink': 'ignored before value', value: events.slice(1) }));
    const both = write('both.json', `${JSON.stringify({ value: events.slice(0, 2) })}\n${JSON.stringify({ value: events.slice(2) })}\n`);
    const array = write('array.json', JSON.stringify(events, null, 2));
    // Pages in a list: a PowerShell loop over @odata.nextLink collecting each response, then `$pages | ConvertTo-Json -Depth 10`
    // (it was read as two events without an enrollmentType, and refused as 'not Graph's autopilotEvents').
    const pageList = write('page-list.json', JSON.stringify([{ '@odata.context': 'x', value: events.slice(0, 2), '@odata.nextLink': 'https://example.invalid/next' }, { value: [] }, { '@odata.context': 'x', value: events.slice(2) }], null, 4));
    const csv = write('events.csv', csvOf(events));
    const shape = (o: Awaited<ReturnType<typeof observe>>) => ({
      events: o.events,
      usable: o.usable,
      segments: [...o.segments].map(([k, s]) => [k, s.events, s.outcomes, [...s.failures], s.durations.deviceSetup.n, s.durations.deviceSetup.hist.quantile(0.5)]),
    });
    const expected = shape(await observe([page]));
    expect(expected.events).toBe(3);
    expect(expected.segments).toHaveLength(2);
    for (const files of [[p1, p2], [both], [array], [pageList], [csv]]) expect(shape(await observe(files))).toEqual(expected);
  });

  it('enum members written as their documented numbers (System.Text.Json\'s default for the SDK\'s models, ConvertTo-Json of a .NET enum) or in another case (the .NET SDK\'s PascalCase) read as their names', async () => {
    // The Value column of windowsAutopilotEnrollmentType and windowsAutopilotDeploymentState (Graph's beta reference).
    const types: Record<string, number> = { azureADJoinedWithAutopilotProfile: 1, offlineDomainJoined: 2 };
    const states: Record<string, number> = { success: 1, failure: 3, notAttempted: 5, successOnRetry: 7 };
    const numbered = [...events, ev({ deploymentState: 'successOnRetry', deviceSetupStatus: 'successOnRetry' })].map((e) => ({
      ...e,
      enrollmentType: types[e.enrollmentType]!,
      deploymentState: states[e.deploymentState]!,
      deviceSetupStatus: states[e.deviceSetupStatus]!,
      accountSetupStatus: states[e.accountSetupStatus]!,
    }));
    const named = [...events, ev({ deploymentState: 'successOnRetry', deviceSetupStatus: 'successOnRetry' })];
    const shape = (o: Awaited<ReturnType<typeof observe>>) => [o.events, o.usable, [...o.unusable], [...o.segments].map(([k, s]) => [k, s.outcomes, [...s.failures], s.retried, s.durations.deviceSetup.n])];
    const expected = shape(await observe([write('named.json', JSON.stringify({ value: named }))]));
    expect(expected[1]).toBe(4);
    // JSON refused the first record ('expected one of the documented values as a string, got 1'); the CSV's digits read as every
    // deployment's enrollment type 'not documented'.
    expect(shape(await observe([write('numbered.json', JSON.stringify({ value: numbered }))]))).toEqual(expected);
    expect(shape(await observe([write('numbered.csv', csvOf(numbered))]))).toEqual(expected);
    // The .NET SDK's enum names, PascalCase (JsonStringEnumConverter, an enum's ToString()): every row was 'not documented'.
    const pascal = named.map((e) => ({ ...e, enrollmentType: e.enrollmentType.replace(/^./, (c) => c.toUpperCase()), deploymentState: e.deploymentState.replace(/^./, (c) => c.toUpperCase()), deviceSetupStatus: e.deviceSetupStatus.replace(/^./, (c) => c.toUpperCase()), accountSetupStatus: e.accountSetupStatus.toUpperCase() }));
    expect(shape(await observe([write('pascal.json', JSON.stringify({ value: pascal }))]))).toEqual(expected);
    expect(shape(await observe([write('pascal.csv', csvOf(pascal))]))).toEqual(expected);
    // A number no member has is not documented, named as one; a long one (a serial number in the wrong column) is not echoed.
    const odd = await observe([write('odd-numbers.json', JSON.stringify({ value: [ev({ enrollmentType: 9 }), ev({ deploymentState: 8 }), ev({ enrollmentType: '345678' })] }))]);
    expect(Object.fromEntries(odd.unusable)).toEqual({ 'enrollment type 9 (a number no member has)': 1, 'deployment state 8 (a number no member has)': 1, 'enrollment type a number no member has': 1 });
  });

  it('CSV as PowerShell and Excel write it: a #TYPE line above the header, every cell quoted, CRLF, semicolons (-UseCulture), a sep= line', async () => {
    const quoted = (sep: string) =>
      [PROPERTIES.map((p) => `"${p}"`).join(sep), ...events.map((e) => PROPERTIES.map((p) => `"${e[p as keyof typeof e] ?? ''}"`).join(sep))].join('\r\n') + '\r\n';
    const plain = await observe([write('plain.csv', csvOf(events))]);
    const shape = (o: Awaited<ReturnType<typeof observe>>) => [o.events, o.usable, [...o.segments].map(([k, s]) => [k, s.outcomes, [...s.failures], s.durations.deviceSetup.hist.quantile(0.5)])];
    expect(plain.usable).toBe(3);
    const files = [
      write('ps51.csv', `#TYPE System.Management.Automation.PSCustomObject\r\n${quoted(',')}`),
      write('ps-culture.csv', `\uFEFF${quoted(';')}`),
      write('excel-sep.csv', `sep=;\r\n${quoted(';')}`),
      write('tabs.csv', quoted('\t')),
      // Line endings mixed in one file: a #TYPE line ending in LF above CRLF rows (it failed: 'text after a cell's closing quote').
      write('mixed-endings.csv', `#TYPE Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraphDeviceManagementAutopilotEvent\n${quoted(';')}`),
      write('mixed-rows.csv', quoted(',').replace('\r\n', '\n')),
      // Excel saves a row of separators alone for each row once used below the data: they were read as events without an enrollmentType.
      write('excel-blank-rows.csv', `sep=;\r\n${quoted(';')}${';'.repeat(PROPERTIES.length - 1)}\r\n${';'.repeat(PROPERTIES.length - 1)}\r\n`),
    ];
    for (const file of files) expect(shape(await observe([file])), file).toEqual(shape(plain));
    // An error still names the file's own line (the #TYPE line counted).
    const bad = write('ps51-bad.csv', `#TYPE System.Management.Automation.PSCustomObject\r\n${quoted(',')}"x","y"\r\n`);
    const r = await cli('calibrate', bad);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/ps51-bad\.csv:6: record 4: \w+: expected a cell in each of the header's \d+ columns, got 2: the row ends before this column and the \d+ after it/);
  });

  it('CSV as PowerShell\'s Graph SDK writes it: PascalCase columns, TimeSpan durations, local dates, object columns', async () => {
    const pascal: Record<string, string> = { osVersion: 'OSVersion' };
    const name = (p: string) => pascal[p] ?? p[0]!.toUpperCase() + p.slice(1);
    const span = (iso: unknown) => {
      if (typeof iso !== 'string') return '';
      const m = Math.round(durationMinutes(iso)! * 60);
      return `${String(Math.floor(m / 3600)).padStart(2, '0')}:${String(Math.floor(m / 60) % 60).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    };
    const cols = [...PROPERTIES.map(name), 'AdditionalProperties'];
    const rows = events.map((e) =>
      [...PROPERTIES.map((p) => (/Duration$/.test(p) ? span(e[p as keyof typeof e]) : /DateTime$/.test(p) ? '10/20/2026 4:22:34 PM' : String(e[p as keyof typeof e] ?? ''))), 'System.Collections.Generic.Dictionary`2[System.String,System.Object]']
        .map((c) => `"${c}"`)
        .join(','),
    );
    const file = write('mg-sdk.csv', `#TYPE Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraphDeviceManagementAutopilotEvent\r\n${cols.map((c) => `"${c}"`).join(',')}\r\n${rows.join('\r\n')}\r\n`);
    const shape = (o: Awaited<ReturnType<typeof observe>>) => [o.events, o.usable, [...o.segments].map(([k, s]) => [k, s.outcomes, [...s.failures], s.durations.deviceSetup.hist.quantile(0.5), s.durations.total.n])];
    expect(shape(await observe([file]))).toEqual(shape(await observe([write('plain-sdk.csv', csvOf(events))])));
  });

  it('files as Windows writes them: UTF-16 (Windows PowerShell 5.1\'s > and Out-File), pages saved apart and joined with their byte order marks', async () => {
    const page = JSON.stringify({ '@odata.context': 'x', value: events }, null, 4).replace(/\n/g, '\r\n');
    const expected = await observe([write('utf8-page.json', page)]);
    const shape = (o: Awaited<ReturnType<typeof observe>>) => [o.events, o.usable, [...o.segments].map(([k, s]) => [k, s.outcomes, [...s.failures], s.durations.deviceSetup.hist.quantile(0.5)])];
    const utf16le = join(dir, 'utf16le.json');
    writeFileSync(utf16le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]));
    const utf16be = join(dir, 'utf16be');
    writeFileSync(utf16be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(page, 'utf16le').swap16()]));
    const csv16 = join(dir, 'utf16.csv');
    writeFileSync(csv16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`#TYPE System.Management.Automation.PSCustomObject\r\n${csvOf(events).replace(/\n/g, '\r\n')}`, 'utf16le')]));
    for (const file of [utf16le, utf16be, csv16]) expect(shape(await observe([file])), file).toEqual(shape(expected));
    const joined = write('joined.json', `\uFEFF${JSON.stringify({ value: events.slice(0, 1) })}\r\n\uFEFF${JSON.stringify({ value: events.slice(1) })}\r\n`);
    expect(shape(await observe([joined]))).toEqual(shape(expected));
  });

  it('JSON of the SDK\'s objects (Get-MgBetaDeviceManagementAutopilotEvent -All | ConvertTo-Json): PascalCase properties, TimeSpans as objects', async () => {
    const timeSpan = (iso: unknown) => {
      if (typeof iso !== 'string') return null;
      const minutes = durationMinutes(iso)!;
      return { Ticks: Math.round(minutes * 600_000_000), Days: 0, Hours: Math.floor(minutes / 60), Minutes: Math.floor(minutes) % 60, Seconds: 0, Milliseconds: 0, TotalMinutes: minutes };
    };
    const sdk = events.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k === 'osVersion' ? 'OSVersion' : k[0]!.toUpperCase() + k.slice(1), /Duration$/.test(k) ? timeSpan(v) : v])));
    const shape = (o: Awaited<ReturnType<typeof observe>>) => [o.events, o.usable, [...o.segments].map(([k, s]) => [k, s.outcomes, [...s.failures], s.durations.deviceSetup.hist.quantile(0.5), s.durations.total.n])];
    expect(shape(await observe([write('sdk.json', JSON.stringify(sdk, null, 4))]))).toEqual(shape(await observe([write('graph.json', JSON.stringify({ value: events }))])));
  });

  // Graph's answer to GET autopilotEvents/{id}, and ConvertTo-Json of a list holding one event, are the event alone: it was
  // refused with the error of a file that is no export ('expected a Graph page { "value": [ events ] } or a list of events').
  it('one event alone, or events one after another, each an object at the top (an SDK object too), read as records', async () => {
    const alone = (e: Record<string, unknown>) => JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/autopilotEvents/$entity', ...e }, null, 4);
    const one = await observe([write('one-event.json', alone(events[0]!))]);
    expect([one.events, one.usable, [...one.segments.keys()]]).toEqual([1, 1, ['user-driven/entra']]);
    const sdk = Object.fromEntries(Object.entries(events[1]!).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]));
    const several = await observe([write('events-apart.json', `${alone(events[0]!)}\r\n${JSON.stringify(sdk, null, 4)}\r\n${alone(events[2]!)}`)]);
    expect([several.events, several.usable, [...several.segments].map(([k, s]) => [k, s.events, [...s.failures]])]).toEqual([3, 3, [['user-driven/entra', 2, [['deviceSetup|0x80070774', 1]]], ['user-driven/hybrid', 1, []]]]);
    // Its field errors name it as a record, with its line.
    const r = await cli('calibrate', write('events-bad.json', `${alone(events[0]!)}\n${alone({ ...events[2]!, deviceSetupDuration: 'soon' })}`));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(new RegExp(`events-bad\\.json:${alone(events[0]!).split('\n').length + 1}: record 2: deviceSetupDuration: expected an ISO 8601 duration`));
    // An object that is neither a page nor an event keeps its error.
    expect((await cli('calibrate', write('a-device.json', JSON.stringify({ id: 'x', displayName: 'y' })))).err).toMatch(/a-device\.json: expected a Graph page \{ "value": \[ events \] \} or a list of events$/m);
  });

  it('reads a record that spans the reader\'s chunks, with strings holding braces and escaped quotes', async () => {
    const big = ev({ enrollmentFailureDetails: `x${'{"}[]\\\\\\"'.repeat(200_000)}` });
    const file = write('big.json', JSON.stringify({ value: [ev(), big, ev()] }));
    const seen: number[] = [];
    await readExport(file, (_e, record) => seen.push(record));
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('quirks are counted by reason, never dropped silently', () => {
  it('in progress, unknown and undocumented types, duplicates, missing, zero and negative durations, successWithTimeout, successOnRetry', async () => {
    const same = ev();
    const first = ev();
    const events = [
      first,
      same,
      same, // the same event twice
      ev({ deviceId: first.deviceId, deviceSerialNumber: first.deviceSerialNumber }), // the same device deployed again
      ev({ deploymentState: 'inProgress' }),
      ev({ enrollmentType: 'unknown' }),
      ev({ enrollmentType: 'somethingNew' }),
      ev({ enrollmentType: 'azureADJoinedUsingDeviceAuthWithoutAutopilotProfile' }),
      ev({ deviceSetupDuration: null }),
      ev({ accountSetupDuration: 'PT0S' }),
      ev({ deviceSetupDuration: '-PT3M' }),
      ev({ deploymentState: 'successWithTimeout', deviceSetupStatus: 'successWithTimeout' }),
      ev({ deploymentState: 'successOnRetry' }),
      ev({ deploymentState: 'notAttempted' }),
    ];
    const o = await observe([write('quirks.json', JSON.stringify({ value: events }))]);
    expect(o.events).toBe(14);
    expect(Object.fromEntries(o.unusable)).toEqual({
      'duplicate event (an id already read)': 1,
      'deployment in progress': 1,
      'enrollment type unknown': 1,
      'enrollment type "somethingNew" is not documented': 1,
      'enrollment type azureADJoinedUsingDeviceAuthWithoutAutopilotProfile: no Autopilot profile, not an Autopilot deployment': 1,
      'negative duration (deviceSetupDuration)': 1,
      'deployment state notAttempted: no outcome': 1,
    });
    expect(o.usable + [...o.unusable.values()].reduce((a, b) => a + b, 0)).toBe(o.events);
    expect(o.redeployedDevices).toBe(1);
    const s = o.segments.get('user-driven/entra')!;
    expect(s.outcomes).toEqual({ success: 5, successOnRetry: 1, successWithTimeout: 1, failure: 0 });
    expect(Object.fromEntries(s.failures)).toEqual({ 'deviceSetup|ESP_TIMEOUT': 1 });
    // A success on retry's durations hold its failed first attempt: left out, said so; its phase counted for the twin's retries.
    expect(Object.fromEntries(s.durationsLeftOut)).toEqual({ 'deviceSetupDuration missing': 1, 'accountSetupDuration zero': 1, 'durations of a success on retry (its failed first attempt in them)': 1 });
    expect(s.retried).toEqual({ enrollment: 0, deviceSetup: 1, accountSetup: 0 });
    expect(s.durations.deviceSetup.n).toBe(4);
    expect(s.durations.accountSetup.n).toBe(4);
  });
});

describe('a failure is counted whatever its durations', () => {
  it('failed and timed-out deployments with no end time (a huge negative total) stay failures; a success with one is left out', async () => {
    // As Graph returns a deployment that never reached the desktop: no end, a negative total.
    const noEnd = { deploymentEndDateTime: '0001-01-01T00:00:00Z', deploymentTotalDuration: '-P739518DT4H12M33.1234567S', deploymentDuration: null };
    const events = [
      ev(),
      ev({ ...noEnd, deploymentState: 'failure', deviceSetupStatus: 'failure', accountSetupStatus: 'notAttempted', enrollmentFailureDetails: 'Device setup failed 0x800705B4' }),
      ev({ ...noEnd, deploymentState: 'failure', deviceSetupStatus: 'notAttempted', accountSetupStatus: 'notAttempted', deviceSetupDuration: 'P30DT1H' }),
      ev({ ...noEnd, deploymentState: 'successWithTimeout', deviceSetupStatus: 'successWithTimeout' }),
      ev({ deviceSetupDuration: 'P1DT2H' }), // a success whose device setup cannot be: left out, counted
      ev({ deploymentTotalDuration: '-PT5M' }),
    ];
    const o = await observe([write('failures-no-end.json', JSON.stringify({ value: events }))]);
    const s = o.segments.get('user-driven/entra')!;
    expect(s.outcomes).toEqual({ success: 1, successOnRetry: 0, successWithTimeout: 1, failure: 2 });
    expect(Object.fromEntries(s.failures)).toEqual({ 'deviceSetup|0x800705B4': 1, 'enrollment|SOMETHING_WENT_WRONG': 1, 'deviceSetup|ESP_TIMEOUT': 1 });
    expect(Object.fromEntries(o.unusable)).toEqual({ 'total duration shorter than device setup and account setup together': 1, 'negative duration (deploymentTotalDuration)': 1 });
  });

  it('a failed deployment whose phase was left inProgress failed in that phase, not at enrollment', async () => {
    const failed = { deploymentState: 'failure', deploymentEndDateTime: '0001-01-01T00:00:00Z', deploymentTotalDuration: null, enrollmentFailureDetails: null };
    const events = [
      ev({ ...failed, deviceSetupStatus: 'inProgress', accountSetupStatus: 'notAttempted' }),
      ev({ ...failed, deviceSetupStatus: 'success', accountSetupStatus: 'inProgress' }),
      ev({ ...failed, deviceSetupStatus: 'notAttempted', accountSetupStatus: 'notAttempted' }),
    ];
    const s = (await observe([write('failures-in-progress.json', JSON.stringify({ value: events }))])).segments.get('user-driven/entra')!;
    // Before: all three at enrollment (SOMETHING_WENT_WRONG).
    expect(Object.fromEntries(s.failures)).toEqual({ 'deviceSetup|ESP_APP_FAILED': 1, 'accountSetup|ESP_APP_FAILED': 1, 'enrollment|SOMETHING_WENT_WRONG': 1 });
  });
});

describe('deployments in progress long after they started', () => {
  // No ESP runs for a day: a deployment still in progress a day before the export's newest started stalled or was
  // abandoned. It was one of 'deployment in progress', as a deployment started an hour before the export is.
  it('are said apart from those still running, and left out of the success rate as before', async () => {
    const at = (iso: string) => ({ deploymentStartDateTime: iso, enrollmentStartDateTime: iso });
    const running = { deploymentState: 'inProgress', deviceSetupStatus: 'inProgress', accountSetupStatus: 'notAttempted', deploymentTotalDuration: null };
    const events = [
      ev(at('2026-11-20T09:00:00Z')),
      ev({ ...at('2026-11-20T08:10:00Z'), ...running }),
      ev({ ...at('2026-11-12T14:00:00Z'), ...running }),
      ev({ ...at('2026-10-30T07:45:00Z'), ...running }),
      ev({ ...running, deploymentStartDateTime: '0001-01-01T00:00:00Z' }),
    ];
    const file = write('stalled.json', JSON.stringify({ value: events }));
    const o = await observe([file]);
    expect(Object.fromEntries(o.unusable)).toEqual({ 'deployment in progress': 2, "deployment in progress, started over a day before the export's newest (stalled or abandoned: left out of the success rate, not counted as failures)": 2 });
    expect(o.usable).toBe(1);
    expect((await cli('calibrate', file, '--markdown')).out).toMatch(/\| deployment in progress, started over a day before the export's newest \(stalled or abandoned: left out of the success rate, not counted as failures\) \| 2 \|/);
  });

  it('a DateTime as Windows PowerShell 5.1\'s ConvertTo-Json writes it, "\\/Date(ms)\\/", is read too', async () => {
    // Such an export's stalled deployments were never said apart from those still running.
    const ms = (iso: string) => `/Date(${Date.parse(iso)})/`;
    const at = (iso: string) => ({ deploymentStartDateTime: ms(iso), enrollmentStartDateTime: ms(iso), eventDateTime: ms(iso) });
    const running = { deploymentState: 'inProgress', deviceSetupStatus: 'inProgress', accountSetupStatus: 'notAttempted', deploymentTotalDuration: null };
    // As PowerShell writes it, its slashes escaped.
    const text = JSON.stringify({ value: [ev(at('2026-11-20T09:00:00Z')), ev({ ...at('2026-11-20T08:10:00Z'), ...running }), ev({ ...at('2026-11-12T14:00:00Z'), ...running })] }, null, 4).replace(/"\/Date\((\d+)\)\/"/g, '"\\/Date($1)\\/"');
    expect(text).toContain(`"\\/Date(${Date.parse('2026-11-20T09:00:00Z')})\\/"`);
    const file = write('ps51-dates.json', text);
    expect(Object.fromEntries((await observe([file])).unusable)).toEqual({ 'deployment in progress': 1, "deployment in progress, started over a day before the export's newest (stalled or abandoned: left out of the success rate, not counted as failures)": 1 });
  });

  it('a timestamp without its Z is UTC, as Graph wrote it, wherever the export is calibrated', async () => {
    // Read as the machine's local time, the same export's stalled deployments depended on the time zone: in Los Angeles the
    // one 27 hours before the newest was still running, in Kiritimati (UTC+14) the one 21 hours before had stalled.
    const at = (iso: string) => ({ deploymentStartDateTime: iso, enrollmentStartDateTime: null, eventDateTime: null });
    const running = { deploymentState: 'inProgress', deviceSetupStatus: 'inProgress', accountSetupStatus: 'notAttempted', deploymentTotalDuration: null };
    const file = write('no-zone.json', JSON.stringify({ value: [ev(at('2026-11-20T09:00:00.1234567Z')), ev({ ...at('2026-11-19T06:00:00.1234567'), ...running }), ev({ ...at('2026-11-19T12:00:00'), ...running })] }));
    const tz = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = zone;
        expect(Object.fromEntries((await observe([file])).unusable), zone).toEqual({ 'deployment in progress': 1, "deployment in progress, started over a day before the export's newest (stalled or abandoned: left out of the success rate, not counted as failures)": 1 });
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('a failure the user clicked past', () => {
  // USERS.md: a failure in a later phase, or after "continue anyway", is still a failure. Such a deployment recorded as a
  // success was counted as one (its duration alone left out), and the tenant's success rate was the higher for it.
  it('a success whose device or account setup says failure or successWithTimeout is a failure there, and the report says so', async () => {
    const events = [
      ev(),
      ev({ deviceSetupStatus: 'failure', accountSetupStatus: 'success', enrollmentFailureDetails: 'Win32 app failed 0x87D1041C' }),
      ev({ deviceSetupStatus: 'success', accountSetupStatus: 'successWithTimeout' }),
      ev({ deviceSetupStatus: 'successWithTimeout', accountSetupStatus: 'failure' }),
      ev({ deploymentState: 'successOnRetry' }),
    ];
    const file = write('clicked-past.json', JSON.stringify({ value: events }));
    const s = (await observe([file])).segments.get('user-driven/entra')!;
    expect(s.outcomes).toEqual({ success: 1, successOnRetry: 1, successWithTimeout: 2, failure: 1 });
    expect(Object.fromEntries(s.failures)).toEqual({ 'deviceSetup|ESP_APP_FAILED|0x87D1041C': 1, 'accountSetup|ESP_TIMEOUT': 1, 'deviceSetup|ESP_TIMEOUT': 1 });
    expect(s.durations.deviceSetup.n).toBe(1);
    expect((await cli('calibrate', file, '--markdown')).out).toMatch(/3 deployments recorded as a success \(deploymentState success\) with device or account setup failure or successWithTimeout: the user clicked past the ESP's error \(Continue anyway\); counted as failures at that phase/);
  });
});

describe('a phase that succeeded on retry under a plain success', () => {
  // Not first time right: read as a first-time success, its durations (both attempts in them) were fitted and the twin
  // retried less than the tenant.
  it('is a success on retry at that phase, its durations left out, and the report says so', async () => {
    const events = [ev(), ev({ deviceSetupStatus: 'successOnRetry', deviceSetupDuration: 'PT85M', deploymentTotalDuration: 'PT100M' }), ev({ accountSetupStatus: 'successOnRetry' })];
    const file = write('phase-retried.json', JSON.stringify({ value: events }));
    const s = (await observe([file])).segments.get('user-driven/entra')!;
    expect(s.outcomes).toEqual({ success: 1, successOnRetry: 2, successWithTimeout: 0, failure: 0 });
    expect(s.retried).toEqual({ enrollment: 0, deviceSetup: 1, accountSetup: 1 });
    expect(s.durations.deviceSetup.n).toBe(1);
    expect(s.retriedTotal.n).toBe(2);
    expect((await cli('calibrate', file, '--markdown')).out).toMatch(/2 deployments recorded as a success \(deploymentState success\) with device or account setup successOnRetry: counted as successes on retry at that phase/);
  });
});

describe('values Graph does not document', () => {
  it('its "unknownFutureValue" (an enum member added later) is named as not documented, not as missing', async () => {
    const events = [ev(), ev({ deploymentState: 'unknownFutureValue' }), ev({ deploymentState: null }), ev({ deviceSetupStatus: 'unknownFutureValue' }), ev({ accountSetupStatus: null })];
    const o = await observe([write('future.json', JSON.stringify({ value: events }))]);
    expect(Object.fromEntries(o.unusable)).toEqual({ 'deployment state "unknownFutureValue" (not documented)': 1, 'deployment state missing': 1 });
    expect(Object.fromEntries(o.segments.get('user-driven/entra')!.durationsLeftOut)).toEqual({ 'deviceSetupDuration with status "unknownFutureValue" (not documented)': 1, 'accountSetupDuration with status missing': 1 });
  });
});

describe('an identifier in the wrong column', () => {
  it('is never echoed, though it reads as a word or as digits: an upper-case device name as a type or a state, a Hyper-V serial as a duration', async () => {
    const o = await observe([write('shifted.json', JSON.stringify({ value: [ev({ enrollmentType: 'RECEPTION' }), ev({ deploymentState: 'KIOSKA' }), ev({ deviceSetupStatus: 'Reception' })] }))]);
    expect(Object.fromEntries(o.unusable)).toEqual({ 'enrollment type not documented': 1, 'deployment state not documented': 1 });
    expect(Object.fromEntries(o.segments.get('user-driven/entra')!.durationsLeftOut)).toEqual({ 'deviceSetupDuration with status not documented': 1 });
    const r = await cli('calibrate', write('serial-as-duration.json', JSON.stringify({ value: [ev({ deviceSetupDuration: '1234-5678-9012-3456-7890-1234-56' })] })));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/record 1: deviceSetupDuration: expected an ISO 8601 duration .*, got other text$/);
    expect(r.err).not.toContain('1234-5678');
  });
});

describe('a pilot of a few devices', () => {
  it('is fitted, keeps its apps, and the twin and the report say its rates rest on too few deployments', async () => {
    const file = write('pilot.json', JSON.stringify({ value: [ev(), ev(), ev({ deploymentState: 'failure', deviceSetupStatus: 'failure', enrollmentFailureDetails: '0x800705B4' })] }));
    const twin = join(dir, 'pilot.yaml');
    const r = await cli('calibrate', file, '-o', twin);
    expect(r.code).toBe(0);
    const flag = '3 deployments, fewer than 30: the success rate (66.7%, 95% interval 20.8%–93.8%) and the failure probabilities rest on too few to hold for the tenant';
    expect(r.out).toContain(flag);
    const yaml = readFileSync(twin, 'utf8');
    expect(yaml).toContain(`# what-if caveat: ${flag}`);
    // Two durations fit no app time: the tenant's apps stay in the twin at the model's default install time (without them it deployed in a third of the time).
    expect(yaml).toContain("# 5 device apps at the model's default install time (an estimate): too few device setup durations to fit theirs");
    expect(yaml).toContain('- { name: Device app 5, type: win32 }');
    expect(yaml).toContain('- { name: User app 2, type: win32, target: user, context: user }');
    expect(r.out).toContain("fitted: 5 device apps at the model's default install time (too few durations to fit); 2 user apps at the model's default install time");
    // One deployment: in the singular.
    const one = await cli('calibrate', write('one.json', JSON.stringify({ value: [ev()] })), '-o', join(dir, 'one.yaml'));
    expect(one.out).toContain('1 event in 1 file · 1 usable');
    expect(one.out).toContain('user-driven/entra · 1 deployment · success 1');
    expect(readFileSync(join(dir, 'one.yaml'), 'utf8')).toContain('autopilotEvents: 1 event, 1 usable.');
  });
});

describe('counts in the reports', () => {
  it('carry thousands separators, as every other report\'s prose does', async () => {
    const events = Array.from({ length: 1200 }, (_, i) => ev({ deviceSetupDuration: `PT${20 + (i % 17)}M`, accountSetupDuration: `PT${8 + (i % 5)}M`, deploymentTotalDuration: `PT${50 + (i % 19)}M` }));
    const file = write('thousands.json', JSON.stringify({ value: [...events, ...events.slice(0, 1100).map((e) => ({ ...e, id: `again-${e.id}`, deploymentState: 'inProgress' }))] }));
    const twin = join(dir, 'thousands-twin.yaml');
    const r = await cli('calibrate', file, '-o', twin);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2,300 events in 1 file · 1,200 usable');
    expect(r.out).toContain('Not used: 1,100 deployment in progress');
    expect(r.out).toContain('user-driven/entra · 1,200 deployments · success 1,200');
    const yaml = readFileSync(twin, 'utf8');
    expect(yaml).toContain('2,300 events, 1,200 usable.');
    expect(yaml).toContain('#   not used: 1,100 deployment in progress');
    expect(yaml).toMatch(/# device setup: n=1,200,/);
  });

  it('the successes longer than the ESP timeout carry them too, and one deployment succeeded on retry is one', async () => {
    // A tenant whose device setup ran 70 minutes in 1,100 of 1,200 successes: '1100 successful deployments (91.7%)'.
    const events = Array.from({ length: 1200 }, (_, i) => ev({ deviceSetupDuration: `PT${i < 1100 ? 70 : 30}M`, accountSetupDuration: 'PT8M', deploymentTotalDuration: `PT${i < 1100 ? 85 : 45}M` }));
    events.push(ev({ deploymentState: 'successOnRetry', deviceSetupStatus: 'successOnRetry' }));
    const twin = join(dir, 'long-twin.yaml');
    const r = await cli('calibrate', write('long.json', JSON.stringify({ value: events })), '-o', twin);
    expect(r.code).toBe(0);
    expect(r.out).toContain('device setup: 1,100 successful deployments (91.7%) took longer than the ESP timeout of 60 min');
    // It said '(1 deployments succeeded on retry)'.
    expect(readFileSync(twin, 'utf8')).toContain("# the tenant's people retry at the ESP's error page (1 deployment succeeded on retry)");
  });
});

describe('quirks across files', () => {
  it('overlapping exports (the same events in a JSON page and a CSV), a device deployed again in a later page, successWithTimeout in account setup, no total', async () => {
    const a = ev();
    const b = ev();
    const again = ev({ deviceId: a.deviceId, deviceSerialNumber: a.deviceSerialNumber });
    const timedOut = ev({ deploymentState: 'successWithTimeout', accountSetupStatus: 'successWithTimeout' });
    const noTotal = ev({ deploymentTotalDuration: null });
    const page1 = write('overlap-1.json', JSON.stringify({ value: [a, b], '@odata.nextLink': 'https://example.invalid/2' }));
    const page2 = write('overlap-2.csv', csvOf([b, again, timedOut, noTotal]));
    const o = await observe([page1, page2]);
    expect(o.files).toBe(2);
    expect(o.events).toBe(6);
    expect(Object.fromEntries(o.unusable)).toEqual({ 'duplicate event (an id already read)': 1 });
    expect(o.redeployedDevices).toBe(1);
    const s = o.segments.get('user-driven/entra')!;
    expect(s.outcomes).toEqual({ success: 4, successOnRetry: 0, successWithTimeout: 1, failure: 0 });
    expect(Object.fromEntries(s.failures)).toEqual({ 'accountSetup|ESP_TIMEOUT': 1 });
    expect(Object.fromEntries(s.durationsLeftOut)).toEqual({ 'deploymentTotalDuration missing': 1 });
    // The enrollment remainder (total less both setups) only from deployments with all three.
    expect(s.remainder.n).toBe(3);
    expect(s.remainder.hist.quantile(0.5)).toBe(5);
  });
});

describe('malformed input: one line naming the file, the record and the field', () => {
  it('a JSON record\'s field error names the line where the record starts (ConvertTo-Json writes an event over many lines)', async () => {
    const text = JSON.stringify([ev(), ev(), ev({ accountSetupDuration: 'ten minutes' })], null, 4).replace(/\n/g, '\r\n');
    // The third event's opening brace, counted here from the text itself.
    const line = text.split('\r\n').flatMap((l, i) => (l === '    {' ? [i + 1] : []))[2];
    expect(line).toBeGreaterThan(20);
    const r = await cli('calibrate', write('pretty.json', text));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(new RegExp(`pretty\\.json:${line}: record 3: accountSetupDuration: expected an ISO 8601 duration`));
  });

  const cases: Array<[string, string, RegExp]> = [
    ['bad-duration.json', JSON.stringify({ value: [ev(), ev({ deviceSetupDuration: 'twenty minutes' })] }), /bad-duration\.json: record 2: deviceSetupDuration: expected an ISO 8601 duration such as PT42M17S \(or a TimeSpan such as 00:42:17\), got other text$/],
    ['bad-type.json', JSON.stringify({ value: [ev({ deploymentState: 1.5 })] }), /bad-type\.json: record 1: deploymentState: expected one of the documented values, as a name or its documented number, got 1\.5$/],
    ['bad-type-list.json', JSON.stringify({ value: [ev({ deviceSetupStatus: ['success'] })] }), /bad-type-list\.json: record 1: deviceSetupStatus: expected one of the documented values, as a name or its documented number, got a list$/],
    ['bad-serial.json', JSON.stringify({ value: [ev({ deviceSerialNumber: 12345 })] }), /bad-serial\.json: record 1: deviceSerialNumber: expected a string or null, got number$/],
    ['bad-json.json', `{"value":[${JSON.stringify(ev())},{"id": "x", "deploymentState": }]}`, /bad-json\.json: record 2: expected a valid JSON object/],
    ['truncated.json', `{"value":[${JSON.stringify(ev())},{"id": "x"`, /truncated\.json: record 2: id: the file ends inside the record, at this property or just after it \(truncated\?\)$/],
    // It named no field ('record 3: the file ends inside a record'), nor, in a page written over many lines, the record's line.
    ['cut.json', ((t) => t.slice(0, t.indexOf('PT22M4')))(JSON.stringify({ value: [ev(), ev(), ev({ deviceSetupDuration: 'PT22M4.5S' })] }, null, 2)), /cut\.json:27: record 3: deviceSetupDuration: the file ends inside the record, at this property or just after it \(truncated\?\)$/],
    ['cut-value.json', `{"value":[${JSON.stringify(ev({ enrollmentFailureDetails: 'App SERIAL-77 failed' })).slice(0, -12)}`, /cut-value\.json: record 1: enrollmentFailureDetails: the file ends inside the record, at this property or just after it \(truncated\?\)$/],
    // Several pages in one file: 'record 3' counted across them, and Graph's pages are one line each, so the error gave
    // neither the page nor a line. The record's path in the file says both: a list of pages (a loop's $pages | ConvertTo-Json
    // -Depth 10, here on one line), and pages saved apart and joined one after another.
    ['pages-list.json', JSON.stringify([{ value: [ev(), ev()], '@odata.nextLink': 'https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=1' }, { value: [ev(), ev({ deviceSetupDuration: 'twenty minutes' })] }]), /pages-list\.json: record 4 \(\$\[1\]\.value\[1\]\): deviceSetupDuration: expected an ISO 8601 duration/],
    ['pages-joined.json', `${JSON.stringify({ value: [ev(), ev()], '@odata.nextLink': 'https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=1' })}\n${JSON.stringify({ value: [ev({ deploymentState: 1.5 })] })}\n`, /pages-joined\.json:2: record 3 \(page 2, \$\.value\[0\]\): deploymentState: expected one of the documented values/],
    ['pages-cut.json', JSON.stringify([{ value: [ev()] }, { value: [ev(), ev({ deviceSetupDuration: 'PT22M4.5S' })] }]).slice(0, -30), /pages-cut\.json: record 3 \(\$\[1\]\.value\[1\]\): \w+: the file ends inside the record/],
    ['not-events.json', JSON.stringify({ value: [1, 2] }), /not-events\.json: record 1: expected an event object/],
    // ConvertTo-Json's default -Depth 2 writes a list of pages' events as text: they were skipped without a word (0 events read).
    ['depth-cut.json', JSON.stringify([{ value: [ev(), ev()] }]).replace(/\{"id":[^}]*\}/g, '"System.Collections.Hashtable"'), /depth-cut\.json: record 1: expected an event object \{ \.\.\. \}, got text: PowerShell's ConvertTo-Json writes what lies deeper than its -Depth \(2 unless given\) as text; convert again with ConvertTo-Json -Depth 10$/],
    ['no-value.json', JSON.stringify({ items: [] }), /no-value\.json: expected a Graph page/],
    ['graph-error.json', JSON.stringify({ error: { code: 'Forbidden', message: 'Application is not authorized to perform this operation.' } }), /graph-error\.json: expected a Graph page \{ "value": \[ events \] \}, got Graph's error response \{ "error": \.\.\. \}: the request failed .*DeviceManagementManagedDevices\.Read\.All.*export GET https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/autopilotEvents/],
    ['empty.json', '', /empty\.json: expected a Graph page .* got an empty file$/],
    ['bad.csv', `${PROPERTIES.join(',')}\n${'x,'.repeat(3)}x\n`, new RegExp(`bad\\.csv:2: record 1: ${PROPERTIES[4]}: expected a cell in each of the header's ${PROPERTIES.length} columns, got 4: the row ends before this column and the ${PROPERTIES.length - 5} after it`)],
    ['no-header.csv', 'a,b\n1,2\n', /no-header\.csv: header: expected the Graph property names as columns/],
    // A CSV's field error names the line a spreadsheet shows: after Windows PowerShell's #TYPE line and the header, and past a
    // failure's details written over two lines inside quotes (CRLF, as Windows writes them), the bad record 3 is on line 6.
    ['line.csv', `#TYPE Microsoft.Graph.Beta.PowerShell.Models.MicrosoftGraphDeviceManagementAutopilotEvent\r\n${csvOf([ev(), ev({ deploymentState: 'failure', deviceSetupStatus: 'failure', enrollmentFailureDetails: '"0x80070774{CRLF}The specified domain either does not exist or could not be contacted."' }), ev({ accountSetupDuration: 'ten minutes' })]).replace(/\n/g, '\r\n').replace('{CRLF}', '\r\n')}`, /line\.csv:6: record 3: accountSetupDuration: expected an ISO 8601 duration/],
    // An SDK export opened and saved in Excel: its TimeSpans (00:22:09.3120000) come back as Excel shows them, hours gone.
    // The device preparation report with its Deployment time in German words: it said 'got other text' and no more. How another
    // language writes the time is not documented; the Graph export's seconds are, in every language.
    ['localized-time.csv', '"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"\r\n"CONTOSO-5","03.11.2026 09:12","Success","Completed","PF0012","12 Min. 30 Sek.","joe@contoso.com"\r\n', /localized-time\.csv:2: record 1: Deployment time: expected a time such as "12 min 30 sec", "00:12:30" or minutes as a number, got other text: numbers with words that are not English, as the admin center writes a time in another language, which is not documented .*; export the report with the admin center in English \(Settings > Language and region\), or through Graph \(POST https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/reports\/exportJobs, reportName AutopilotV2DeploymentStatus\), whose DeploymentDurationTimeInSeconds is seconds in every language, and calibrate that file$/],
    // The Graph export without its _loc columns: its status and phase as numbers, whose values are not documented. Every row
    // was 'deployment status not documented (expected In progress, Success or Failed, as the report in English writes them)'.
    ['numbers.csv', 'DeviceName,SerialNumber,UPN,EnrollmentTimeInUtc,DeploymentStatus,DeploymentDurationTimeInSeconds,Phase,ResultCode\r\nCONTOSO-7,PF0014,joe@contoso.com,2026-11-03 09:12:00.0000000,1,754,3,\r\n', /numbers\.csv:2: record 1: DeploymentStatus: expected the status in words \(Success, Failed, In progress\), got the number 1, whose values are not documented: the Graph export writes a localizable column as a number and its words beside it, under DeploymentStatus_loc \(localizationType localizedValuesAsAdditionalColumn, the default\), or in its place \(replaceLocalizableValues\); export the report again with them and calibrate that file$/],
    ['phase-number.csv', 'DeviceName,SerialNumber,UPN,EnrollmentTimeInUtc,DeploymentStatus,DeploymentStatus_loc,DeploymentDurationTimeInSeconds,Phase,ResultCode\r\nCONTOSO-8,PF0015,joe@contoso.com,2026-11-03 09:12:00.0000000,2,Failed,754,2,-2147023436\r\n', /phase-number\.csv:2: record 1: Phase: expected the phase in words \(Policy installation, Script installation, App installation\), got the number 2/],
    ['bad-seconds.csv', 'DeviceName,SerialNumber,UPN,EnrollmentTimeInUtc,DeploymentStatus,DeploymentStatus_loc,DeploymentDurationTimeInSeconds,Phase,Phase_loc\r\nCONTOSO-6,PF0013,joe@contoso.com,2026-11-03 09:12:00.0000000,2,Success,12:30,6,Completed\r\n', /bad-seconds\.csv:2: record 1: DeploymentDurationTimeInSeconds: expected a number of seconds, got "12:30"$/],
    // Select-Object left columns out: every row read as if they were empty, the failures counted at enrollment without a
    // code and no duration fitted, and a twin written (exit 0).
    ['subset.csv', `id,enrollmentType,deploymentState,deploymentTotalDuration\n${[ev(), ev({ deploymentState: 'failure' })].map((e) => [e.id, e.enrollmentType, e.deploymentState, e.deploymentTotalDuration].join(',')).join('\n')}\n`, /subset\.csv: header: expected every property of the export as a column, got none for deviceSetupStatus, accountSetupStatus, deviceSetupDuration, accountSetupDuration, enrollmentFailureDetails \(where a failure happened; the durations fitted; the failures' codes\): export every property \(Export-Csv without Select-Object; in Excel, delete no column\) and calibrate that file$/],
    // Invoke-MgGraphRequest's events are hashtables, and Windows PowerShell's Export-Csv writes a hashtable's own properties.
    ['hashtables.csv', '#TYPE System.Collections.Hashtable\r\n"IsReadOnly","IsFixedSize","IsSynchronized","Keys","Values","SyncRoot","Count"\r\n"False","False","False","System.Collections.Hashtable+KeyCollection","System.Collections.Hashtable+ValueCollection","System.Object","25"\r\n', /hashtables\.csv: header: expected the events' properties as columns, got a PowerShell hashtable's own \(IsReadOnly, Keys, Values, SyncRoot, Count\): Export-Csv writes those for the hashtables Invoke-MgGraphRequest returns; save the events as JSON .*\[pscustomobject\]\$_.* and calibrate that file$/],
    // The device preparation report without its Phase column: every failure was read as the policy's timer.
    ['no-phase.csv', '"Device name","Enrollment date","Deployment status","Serial number","Deployment time","UPN"\r\n"CONTOSO-7","11/3/2026 9:12:44 AM","Failed","PF0014","00:40:00","joe@contoso.com"\r\n', /no-phase\.csv: header: expected the device preparation report's Phase column, which says where a failed deployment failed \(apps, scripts, or the policy's installation\): export the report again with every column and calibrate that file$/],
    // The classic deployments report through exportJobs: DeploymentState and DeviceSetupStatus are the events' names, and
    // it was told its enrollmentType and accountSetupStatus columns were missing, as if cut down.
    ['AutopilotV1DeploymentStatus.csv', 'DeviceId,DeviceName,DeviceSerialNumber,UPN,EnrollmentMethod,EnrollmentMethod_loc,DeploymentState,DeploymentState_loc,DeviceSetupStatus,UserSetupStatus,DeviceSetupDuration,AccountSetupDuration,DeploymentTotalDuration,FailureDetails\r\nd-1,CONTOSO-8,PF0015,joe@contoso.com,1,User-driven,2,Success,2,2,1234,321,1800,\r\n', /AutopilotV1DeploymentStatus\.csv: header: this looks like the Autopilot deployments report as Graph's exportJobs writes it \(AutopilotV1DeploymentStatus: EnrollmentMethod, DeploymentState_loc, UserSetupStatus\), whose values are not documented .*: calibrate reads the deployment records themselves: export GET https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/autopilotEvents/],
    ['excel-saved.csv', csvOf([ev(), ev({ deviceSetupDuration: '22:09.3' })]), /excel-saved\.csv:3: record 2: deviceSetupDuration: expected an ISO 8601 duration .*, got "22:09\.3": minutes and seconds, as Excel shows a TimeSpan .* hours dropped; export again \(Export-Csv\)/],
  ];
  for (const [name, text, expected] of cases) {
    it(name, async () => {
      const file = write(name, text);
      const r = await cli('calibrate', file);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err.trim()).toMatch(expected);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    });
  }

  it('an empty page with an @odata.nextLink, saved alone, says the events are on the pages after it', async () => {
    // Graph may answer a page with no events and a link to the next: it read 'nothing to calibrate (0 events read)', no more.
    const file = write('empty-first-page.json', JSON.stringify({ '@odata.context': 'x', value: [], '@odata.nextLink': 'https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=a' }));
    const r = await cli('calibrate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no usable deployment in ${file}: nothing to calibrate (0 events read); the one Graph page read has an @odata.nextLink, so Graph has more on the pages after it (it may answer a page with no events and a link to the next): follow @odata.nextLink until a page has none`);
    // Graph's last page, empty: nothing more to say.
    expect((await cli('calibrate', write('empty-last-page.json', JSON.stringify({ value: [] })))).err).toMatch(/nothing to calibrate \(0 events read\)$/);
  });

  it("pages saved without Graph's last say so: Graph holds more events than the files", async () => {
    // Graph Explorer's first page alone, or a loop over @odata.nextLink stopped early: it calibrated the events read, not a word.
    const page = (events: Array<Record<string, unknown>>, next: string | null) => JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/autopilotEvents', ...(next ? { '@odata.nextLink': `https://graph.microsoft.com/beta/deviceManagement/autopilotEvents?$skiptoken=${next}` } : {}), value: events });
    const first = write('page-1.json', page([ev(), ev(), ev()], 'Mg2'));
    const second = write('page-2.json', page([ev(), ev()], 'Mg3'));
    const last = write('page-3.json', page([ev()], null));
    const said = /Incomplete: both Graph pages read have an @odata\.nextLink and Graph's last page has none: Graph holds more events than these files \(the last pages after them not saved\), and the twin is fitted to the 5 read; follow @odata\.nextLink until a page has none \(Invoke-MgGraphRequest in a loop, or Get-MgBetaDeviceManagementAutopilotEvent -All\) and calibrate every page/;
    const twin = join(dir, 'incomplete.yaml');
    const r = await cli('calibrate', first, second, '-o', twin);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(said);
    expect(readFileSync(twin, 'utf8')).toMatch(new RegExp(`^# ${said.source}\\.$`, 'm'));
    expect((await cli('calibrate', first, second, '--markdown')).out).toMatch(/\*\*Incomplete:\*\* both Graph pages read/);
    expect(JSON.parse((await cli('calibrate', first, second, '--json')).out).pagesMissing).toMatch(/^both Graph pages read have an @odata\.nextLink/);
    expect((await cli('calibrate', first)).out).toMatch(/Incomplete: the one Graph page read has an @odata\.nextLink .*\(the last page after them not saved\)/);
    // Every page, in any order, in files apart or joined or in a list as ConvertTo-Json writes them: nothing to say.
    for (const files of [[first, second, last], [last, first, second], [write('joined.json', [first, second, last].map((f) => readFileSync(f, 'utf8')).join('\n'))], [write('list.json', `[${[first, second, last].map((f) => readFileSync(f, 'utf8')).join(',')}]`)]]) {
      const all = await cli('calibrate', ...files);
      expect(all.out).toMatch(/6 events/);
      expect(all.out).not.toMatch(/Incomplete/);
    }
    // A list of events (no pages) says nothing of pages.
    expect((await cli('calibrate', write('events.json', JSON.stringify([ev(), ev()])))).out).not.toMatch(/Incomplete/);
  });

  it("a JSON export a property was left out of (a query's $select, Select-Object) is refused as a CSV missing the column is", async () => {
    // Read as missing in every record: the twin's apps at the model's default time (no device setup duration), or every
    // failure at enrollment (no deviceSetupStatus), exit 0.
    const events = [ev(), ev(), ev({ deploymentState: 'failure', deviceSetupStatus: 'failure', enrollmentFailureDetails: '0x87D1041C' })];
    const without = (k: string) => JSON.stringify({ value: events.map((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== k))) });
    const twin = join(dir, 'selected-twin.yaml');
    let r = await cli('calibrate', write('selected.json', without('deviceSetupDuration')), '-o', twin);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/selected\.json: record 1: deviceSetupDuration: expected every property Graph gives in each record, got none for deviceSetupDuration in the file's 3 records \(the durations fitted\): export every property \(no \$select in the query, no Select-Object\) and calibrate that file$/);
    r = await cli('calibrate', write('selected-status.json', without('deviceSetupStatus')), '-o', twin);
    expect(r.err.trim()).toMatch(/selected-status\.json: record 1: deviceSetupStatus: expected every property Graph gives in each record, got none for deviceSetupStatus .*\(where a failure happened\)/);
    expect(() => readFileSync(twin)).toThrow();
    // enrollmentFailureDetails is null in every success, and a tool that drops nulls leaves it out: not refused.
    expect((await cli('calibrate', write('no-details.json', JSON.stringify({ value: [ev(), ev()] })))).code).toBe(0);
  });

  it('an export saved under the other extension is read by what it holds; a web page saved in its place says so', async () => {
    // Export-Csv to autopilotEvents.json was refused: 'expected a Graph page { "value": [ events ] } or a list of events (byte 0)'.
    const events = [ev(), ev(), ev({ deploymentState: 'failure', deviceSetupStatus: 'failure', enrollmentFailureDetails: '0x87D1041C' })];
    const plain = await observe([write('named-right.json', JSON.stringify({ value: events }))]);
    const shape = (o: Awaited<ReturnType<typeof observe>>) => ({ events: o.events, usable: o.usable, outcomes: o.segments.get('user-driven/entra')!.outcomes });
    expect(shape(await observe([write('csv-named.json', csvOf(events))]))).toEqual(shape(plain));
    expect(shape(await observe([write('json-named.csv', JSON.stringify({ value: events }))]))).toEqual(shape(plain));
    const r = await cli('calibrate', write('signin.json', '\n<!DOCTYPE html><html><head><title>Sign in to your account</title></head></html>'));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/signin\.json: expected a CSV or JSON export, got HTML or XML \(a web page, such as a sign-in or proxy error page, saved in place of Graph's answer\): export GET https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/autopilotEvents/);
  });

  it('a row with too few or too many cells names the column it stops before, or how many cells too many', async () => {
    // It said 'record 3: expected as many cells as the header has columns', and the admin searched 25 columns for the one missing.
    const rows = csvOf([ev(), ev(), ev({ enrollmentFailureDetails: 'x' })]).trimEnd().split('\n');
    const cut = rows.slice(0, 3).concat(rows[3]!.split(',').slice(0, PROPERTIES.length - 2).join(','));
    let r = await cli('calibrate', write('cut-short.csv', `${cut.join('\n')}\n`), '-o', join(dir, 'cut-twin.yaml'));
    expect(r.code).toBe(2);
    const missing = PROPERTIES[PROPERTIES.length - 2];
    expect(r.err.trim()).toBe(`autopilot-sim: ${join(dir, 'cut-short.csv')}:4: record 3: ${missing}: expected a cell in each of the header's ${PROPERTIES.length} columns, got ${PROPERTIES.length - 2}: the row ends before this column and the 1 after it (the file cut short, or a line break inside a cell that is not quoted)`);
    rows[2] = `${rows[2]},extra`;
    r = await cli('calibrate', write('long-row.csv', `${rows.join('\n')}\n`), '-o', join(dir, 'cut-twin.yaml'));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(new RegExp(`long-row\\.csv:3: record 2: expected a cell in each of the header's ${PROPERTIES.length} columns, got ${PROPERTIES.length + 1}: 1 more than the header names \\(a separator inside a cell that is not quoted\\)$`));
    // A header with a name deleted: the first row overruns it. It was said to be a separator inside a cell alone.
    const lost = [rows[0]!.replace(`${PROPERTIES[5]},`, ''), ...rows.slice(1)];
    r = await cli('calibrate', write('header-lost.csv', `${lost.join('\n')}\n`), '-o', join(dir, 'cut-twin.yaml'));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(new RegExp(`header-lost\\.csv:2: record 1: expected a cell in each of the header's ${PROPERTIES.length - 1} columns, got ${PROPERTIES.length}: 1 more than the header names \\(a separator inside a cell that is not quoted; or, as the first row has it, the header lost a column's name \\(a name deleted from the header line\\): export again\\)$`));
    // Nothing written.
    expect(() => readFileSync(join(dir, 'cut-twin.yaml'))).toThrow();
  });

  it('a zip archive (a report as the admin center downloads it) or an Excel workbook says what to do instead', async () => {
    // A zip's local file header, then a file name and deflated bytes (the archive's content does not matter).
    const zipped = '\u0050\u004b\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000DevicePreparationDeployments.csv';
    let r = await cli('calibrate', write('DevicePreparationDeployments.zip', zipped));
    expect(r.code).toBe(2);
    // Before: 'record 1: expected as many cells as the header has columns'.
    expect(r.err.trim()).toMatch(/DevicePreparationDeployments\.zip: expected a CSV or JSON export, got a zip archive \(the Intune admin center downloads a report zipped\): extract the CSV in it and calibrate that file$/);
    r = await cli('calibrate', write('autopilotEvents.xlsx', zipped));
    expect(r.err.trim()).toMatch(/autopilotEvents\.xlsx: expected a CSV or JSON export, got an Excel workbook \(\.xlsx\): save it as CSV \(File > Save As > CSV UTF-8\) and calibrate that file$/);
  });

  it('a missing file, a folder', async () => {
    expect((await cli('calibrate', join(dir, 'nope.json'))).err).toMatch(/nope\.json: file not found/);
    expect((await cli('calibrate', dir)).err).toMatch(/expected an export file/);
  });

  it('an export with nothing usable says so', async () => {
    const r = await cli('calibrate', write('nothing.json', JSON.stringify({ value: [ev({ deploymentState: 'inProgress' })] })));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no usable deployment .* nothing to calibrate \(1 event read, not used: 1 deployment in progress\)$/m);
  });

  it('an export that is not the Graph records says what it is and what to export instead', async () => {
    // The admin center's Autopilot deployments report: display names as columns.
    const report = write('AutopilotDeployments.csv', '\uFEFF"Device","Serial number","User","Enrollment date","Deployment status","Deployment duration"\r\n"CONTOSO-1","PF0001","jane@contoso.com","2026-10-01","Success","00:41:12"\r\n');
    let r = await cli('calibrate', report);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/AutopilotDeployments\.csv: header: this looks like the Intune admin center's Autopilot deployments report \("Device", "Serial number", "User", "Enrollment date": display names as columns\).*export GET https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/autopilotEvents/);
    // The device preparation deployments report is read (test/calibrate/device-preparation.test.ts); without its
    // Deployment status and Deployment time columns there is nothing to read, and the admin is told to export them.
    const apdp = write('DevicePreparationDeployments.csv', '\uFEFF"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"\r\n"CONTOSO-2","11/3/2026 9:12:44 AM","Failed","Apps installation","PF0009","01:00:00","joe@contoso.com"\r\n');
    r = await cli('calibrate', apdp);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/# device-preparation\/entra: 1 deployment\n/);
    expect(r.out).toMatch(/scenario: device-preparation/);
    expect(r.out + r.err).not.toMatch(/CONTOSO|PF0009|joe/);
    const partial = write('DevicePreparationColumns.csv', '"Device name","Enrollment date","Phase","Serial number","UPN"\r\n"CONTOSO-2","11/3/2026 9:12:44 AM","Apps installation","PF0009","joe@contoso.com"\r\n');
    r = await cli('calibrate', partial);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/DevicePreparationColumns\.csv: header: this looks like the Intune admin center's Windows Autopilot device preparation deployments report \("Device name", "Enrollment date", "Phase", "Serial number"\), without its Deployment status and Deployment time columns, which calibrate reads: export the report again with every column$/);
    expect(r.err).not.toMatch(/CONTOSO|PF0009|joe/);
    // The report exported with the admin center in German: only "Phase" and "UPN" are named as in English. It said to export
    // again 'with every column', which the file has.
    const german = write('Bereitstellungen.csv', '\uFEFFGerätename;Registrierungsdatum;Bereitstellungsstatus;Phase;Seriennummer;Bereitstellungsdauer;UPN\r\nCONTOSO-3;03.11.2026 09:12;Erfolgreich;Abgeschlossen;PF0010;00:21:47;joe@contoso.com\r\n');
    r = await cli('calibrate', german);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/Bereitstellungen\.csv: header: this looks like the Intune admin center's Windows Autopilot device preparation deployments report exported in another language \("Phase", "UPN" and 5 columns not named in English\): calibrate reads its English column names and statuses .*set the admin center's language to English \(Settings > Language and region\) and export the report again$/);
    expect(r.err).not.toMatch(/CONTOSO|PF0010|joe/);
    // English columns, statuses in German: none usable, and the reason says what is read.
    const statuses = write('StatusDeutsch.csv', '"Device name","Enrollment date","Deployment status","Phase","Serial number","Deployment time","UPN"\r\n"CONTOSO-4","03.11.2026 09:12","Erfolgreich","Abgeschlossen","PF0011","00:21:47","joe@contoso.com"\r\n');
    r = await cli('calibrate', statuses);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/no usable deployment in .*StatusDeutsch\.csv: nothing to calibrate \(1 event read, not used: 1 deployment status not documented \(expected In progress, Success or Failed, as the report in English writes them\)\)$/);
    // Another Graph resource (the device list), as a Graph page: every record lacks enrollmentType.
    const devices = write('identities.json', JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceManagement/windowsAutopilotDeviceIdentities', value: [{ id: 'a1', serialNumber: 'PF0002', enrollmentState: 'enrolled' }, { id: 'a2', serialNumber: 'PF0003' }] }));
    r = await cli('calibrate', devices);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/identities\.json: record 1: enrollmentType: expected Graph's autopilotEvents, each with an enrollmentType: none of the file's 2 records has one, so it is another export \(the device list, another Graph resource or report\): export GET https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/autopilotEvents/);
    // Beside the right export, the same: it was counted as '2 enrollment type missing', exit 0, and the twin written.
    const twin = join(dir, 'mixed-twin.yaml');
    r = await cli('calibrate', write('right.json', JSON.stringify({ value: [ev(), ev()] })), devices, '-o', twin);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/identities\.json: record 1: enrollmentType: expected Graph's autopilotEvents/);
    expect(() => readFileSync(twin)).toThrow();
    for (const id of ['PF000', 'contoso', 'CONTOSO']) expect(r.err + (await cli('calibrate', report)).err).not.toContain(id);
  });

  it('a malformed record is described without the text around the mistake, which can hold an identifier', async () => {
    const header = 'id,enrollmentType,deploymentState,managedDeviceName,userPrincipalName\r\n';
    const cases: Array<[string, string, RegExp]> = [
      ['quote-in-cell.csv', `${header}1,azureADJoinedWithAutopilotProfile,success,CONTOSO "LAPTOP",john.secret@contoso.com\r\n`, /quote-in-cell\.csv:2: record 1: expected valid CSV \(a quote inside a cell that does not start with one in column managedDeviceName: a cell holding quotes is quoted whole, its quotes doubled\)$/],
      ['after-quote.csv', `${header}1,azureADJoinedWithAutopilotProfile,success,"CONTOSO-PC1"x,john.secret@contoso.com\r\n`, /after-quote\.csv:2: record 1: expected valid CSV \(text after a cell's closing quote in column managedDeviceName/],
      ['unclosed.csv', `${header}1,azureADJoinedWithAutopilotProfile,success,"CONTOSO-PC1,john.secret@contoso.com\r\n`, /unclosed\.csv:3: record 1: expected valid CSV \(a quoted cell is never closed in column managedDeviceName: the file ends inside it, truncated\?\)$/],
      // Export-Csv quotes every cell: a file cut off mid-record names the column it stops in.
      ['truncated.csv', `"id","enrollmentType","deploymentState","deviceSetupStatus","accountSetupStatus","deviceSetupDuration","accountSetupDuration","deploymentTotalDuration","enrollmentFailureDetails","deploymentStartDateTime"\r\n"1","azureADJoinedWithAutopilotProfile","success","success","success","00:31:02","00:10:40","00:47:12","","11/3/2026 2:05:33 PM"\r\n"2","azureADJoinedWithAutopilotProfile","success","success","success","00:28:15","00:09:51","00:44:03","","11/4/2026 9:`, /truncated\.csv:3: record 2: expected valid CSV \(a quoted cell is never closed in column deploymentStartDateTime: the file ends inside it, truncated\?\)$/],
      ['bare-upn.json', '{"value":[{"id":"1","managedDeviceName":"CONTOSO-PC1","userPrincipalName":john.secret@contoso.com}]}', /bare-upn\.json: record 1: expected a valid JSON object \(Unexpected token 'j'\)$/],
    ];
    for (const [name, text, expected] of cases) {
      const r = await cli('calibrate', write(name, text));
      expect(r.code, name).toBe(2);
      expect(r.err.trim(), name).toMatch(expected);
      for (const id of ['CONTOSO', 'LAPTOP', 'john', 'secret', 'contoso']) expect(r.err, name).not.toContain(id);
    }
  });

  it('identifiers in the wrong field are not echoed', async () => {
    const r = await cli('calibrate', write('echo.json', JSON.stringify({ value: [ev({ deviceSetupDuration: 'user@contoso.com' })] })));
    expect(r.err).not.toContain('contoso');
    expect(readFileSync(join(dir, 'echo.json'), 'utf8')).toContain('contoso');
  });
});

describe('the duplicate check holds hashes, compactly and within a bound', () => {
  it('finds repeats exactly, says which repeat is the first, and stops growing at its bound', async () => {
    const { IdSet } = await import('../../src/calibrate/observe.ts');
    const set = new IdSet(1 << 13);
    const h = (i: number): [number, number] => [Math.imul(i, 0x9e3779b1) >>> 0, Math.imul(i ^ 0x5bd1e995, 0x85ebca6b) >>> 0];
    for (let i = 0; i < 5000; i++) expect(set.add(...h(i))).toBe('new');
    expect(set.bytes).toBe(8 * (1 << 13));
    for (let i = 0; i < 5000; i += 7) expect(set.add(...h(i))).toBe('again');
    expect(set.add(...h(7))).toBe('more');
    expect(set.saturatedAt).toBeNull();
    // Three quarters of 8192 slots: full. Ids held are still found; new ones are not remembered.
    for (let i = 5000; i < 7000; i++) set.add(...h(i));
    expect(set.saturatedAt).toBe(6144);
    expect(set.bytes).toBe(8 * (1 << 13));
    expect(set.add(...h(14))).toBe('more');
    expect(set.add(...h(6999))).toBe('new');
    expect(set.add(...h(6999))).toBe('new');
    expect(set.add(...h(100))).toBe('again');
  });
});

describe("Graph's newer properties", () => {
  it('targetedAppCount, from JSON or an SDK CSV, is said beside the app count the fit assumes; a bad one names its record and field', async () => {
    // Graph's current beta: targetedAppCount, devicePreparationDuration, and policyStatusDetails when expanded.
    const events = Array.from({ length: 40 }, (_, i) => ev({ targetedAppCount: i < 30 ? 9 : 4, targetedPolicyCount: 14, devicePreparationDuration: 'PT3M', policyStatusDetails: [{ displayName: 'Company Portal', complianceStatus: 'installed', trackedOnEnrollmentStatus: true }] }));
    const json = write('targeted.json', JSON.stringify({ value: events }));
    const r = await cli('calibrate', json, '--markdown');
    expect(r.code).toBe(0);
    expect(r.out).toContain('- **user-driven/entra**: targetedAppCount: median 9 apps targeted (40 deployments); the fit takes 5 device and 2 user apps as those the ESP tracks (--device-apps, --user-apps): if the ESP waits for every targeted app, calibrate again with counts that add up to 9');
    // The same count as the fit's: said without the advice.
    const twin = await cli('calibrate', json, '--device-apps', '7', '--user-apps', '2');
    expect(twin.out).toContain('# targetedAppCount: median 9 apps targeted (40 deployments); the fit takes 7 device and 2 user apps as those the ESP tracks\n');
    // PowerShell's Export-Csv of the SDK's objects: PascalCase columns, the count as digits.
    const header = ['Id', 'EnrollmentType', 'DeploymentState', 'DeviceSetupStatus', 'AccountSetupStatus', 'DeviceSetupDuration', 'AccountSetupDuration', 'DeploymentTotalDuration', 'EnrollmentFailureDetails', 'TargetedAppCount'];
    const row = (i: number, count: string) => [`e${i}`, 'azureADJoinedWithAutopilotProfile', 'success', 'success', 'success', '00:20:00', '00:10:00', '00:35:00', '', count].join(',');
    const csv = write('targeted.csv', `${header.join(',')}\r\n${[row(1, '6'), row(2, '6'), row(3, '')].join('\r\n')}\r\n`);
    expect((await cli('calibrate', csv, '--markdown')).out).toContain('targetedAppCount: median 6 apps targeted (2 deployments)');
    const bad = write('targeted-bad.csv', `${header.join(',')}\r\n${[row(1, '6'), row(2, 'nine')].join('\r\n')}\r\n`);
    const e = await cli('calibrate', bad);
    expect(e.code).toBe(2);
    expect(e.err.trim()).toBe(`autopilot-sim: ${bad}:3: record 2: TargetedAppCount: expected a whole number of apps (Graph's Int32), got other text`);
  }, 60_000);
});
