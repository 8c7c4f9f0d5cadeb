// Failure modes, not sentences: one root cause is one row however many values its devices saw,
// and every mode's count is the sum of its parts (its devices one by one, its parameter values).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { causeText } from '../../src/catalog/causes.ts';
import { MODES, parseCause } from '../../src/world/failure-modes.ts';

const QUEUE = MODES['connector-queue'].cause;
const RESTARTS = MODES['app-restarts'].cause;
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { failureId } from '../../src/fleet/report.ts';
import { fileURLToPath } from 'node:url';

const dir = new URL('../../scenarios/fleets/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

/** A CSV line as its cells (quoted cells may hold commas). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

describe('cause templates', () => {
  it('read back every template with its values, and leave a fixed cause as it is', () => {
    const text = causeText(QUEUE, { minutes: 358 });
    expect(text).toBe("the connector's queue is 358 minutes long (more requests than it serves)");
    expect(parseCause(text)).toEqual({ template: QUEUE, params: { minutes: 358 } });
    expect(parseCause(`the ESP timer ran out: ${causeText(RESTARTS, { app: 'Teams' })}`)).toEqual({ template: `the ESP timer ran out: ${RESTARTS}`, params: { app: 'Teams' } });
    expect(parseCause('no internet connection')).toEqual({ template: 'no internet connection', params: {} });
  });
});

describe('failure modes over the bundled fleets', () => {
  for (const f of files) {
    it(`${f}: every mode's devices are the sum of its devices one by one, and of its parameter values`, async () => {
      const rows: string[] = [];
      const r = await runFleet(loadFleet(fileURLToPath(new URL(f, dir))), { devices: 3000, onRows: (x) => rows.push(...x) });
      const byDevice = new Map<string, number>();
      // Per group and per site: each mode's distinct causes (its parameter values), from the devices one by one.
      const causesIn = new Map<string, Set<string>>();
      for (const line of rows) {
        const c = cells(line);
        const [status, code, phase, cause] = [c[5]!, c[6]!, c[7]!, c[8]!];
        if (status !== 'failed') continue;
        const id = failureId(code || status, phase, parseCause(cause).template);
        byDevice.set(id, (byDevice.get(id) ?? 0) + 1);
        for (const where of [`group ${c[1]}`, `site ${c[2]}`]) {
          const k = `${where}|${id}`;
          if (!causesIn.has(k)) causesIn.set(k, new Set());
          causesIn.get(k)!.add(cause);
        }
      }
      const failedModes = r.failures.filter((m) => m.phase !== 'oobe' || m.code !== 'fell back to ordinary OOBE');
      expect(Object.fromEntries(failedModes.map((m) => [m.id, m.devices]))).toEqual(Object.fromEntries(byDevice));
      expect(r.failures.reduce((a, m) => a + m.devices, 0)).toBe(r.devices - r.succeeded);
      for (const m of r.failures) {
        // No queue lengths or counts in a mode's key (product names such as Microsoft 365 are not counts).
        expect(m.cause.replace(/\b(Microsoft|Windows) 365\b/g, '')).not.toMatch(/\d{3,}/);
        for (const p of m.parameters) {
          if (p.kind === 'values') {
            expect(p.values.reduce((a, v) => a + v.devices, 0) + p.otherDevices).toBe(m.devices);
            // Several values are counted with what they are, each with its devices after a colon: "one of 5 apps (Office: 455, ...)",
            // not "one of 5 (...)", and "Device app 5: 11", not "Device app 5 11".
            if (p.values.length + p.otherValues > 1) {
              expect(m.causeSummary).toMatch(/one of \d+ [a-zA-Z][a-zA-Z ]* \(/);
              for (const v of p.values.slice(0, 3)) expect(m.causeSummary).toContain(`${v.value}: ${v.devices.toLocaleString('en-US')}`);
            }
          } else expect(p.min).toBeLessThanOrEqual(p.max);
        }
      }
      // The slices' top failures are modes of the whole fleet, and name their parameters (the app still installing) as the
      // fleet's table does, summarised over the slice's own devices: they read "while … was still installing".
      const slices = [...r.groups.map((s) => ['group', s] as const), ...r.sites.map((s) => ['site', s] as const)];
      for (const [kind, s] of slices) {
        if (!s.topFailure) continue;
        const mode = r.failures.find((m) => m.id === s.topFailure!.id)!;
        expect(mode).toBeDefined();
        expect(s.topFailure.causeSummary).not.toMatch(/…|\{\w+\}/);
        if (mode.devices === s.topFailure.devices) expect(s.topFailure.causeSummary).toBe(mode.causeSummary);
        const distinct = causesIn.get(`${kind} ${s.name}|${mode.id}`)!.size;
        if (mode.parameters.length === 1 && mode.parameters[0]!.kind === 'values' && distinct > 1) expect(s.topFailure.causeSummary).toMatch(new RegExp(`one of ${distinct} `));
      }
    });
  }

  it('branch-rollout with too small a connector (the what-if): the connector queue is one mode, with the queue lengths as its range', async () => {
    const fleet = loadFleet(fileURLToPath(new URL('branch-rollout.yaml', dir)));
    const { fleetFrom } = await import('../../src/fleet/load.ts');
    const r = await runFleet(fleetFrom({ ...fleet, sharedWorld: { connectorRequestsPerHour: 12 } }), { devices: 4000 });
    const queue = r.failures.filter((m) => m.cause === QUEUE);
    expect(queue).toHaveLength(1);
    const p = queue[0]!.parameters.find((x) => x.name === 'minutes')!;
    expect(p.kind).toBe('range');
    if (p.kind === 'range') expect(p.max).toBeGreaterThan(p.min);
    expect(queue[0]!.causeSummary).toMatch(/queue is [\d,]+–[\d,]+ minutes long/);
    expect(r.failures.length).toBeLessThan(20);
  });
});

describe('sweep any field', () => {
  const file = fileURLToPath(new URL('branch-rollout.yaml', dir));
  it('a point at the file\'s own value reproduces run exactly, whatever the field', async () => {
    const { parseSweep, sweepFleet } = await import('../../src/fleet/analysis.ts');
    const fleet = loadFleet(file);
    const run = await runFleet(fleet, { devices: 400 });
    for (const arg of ['sites.Branch C.bandwidthMbps=50', 'sharedWorld.connectorRequestsPerHour=600', 'rollout.devicesPerHour=20', 'esp.timeoutMinutes=60', 'share(hardware.tpm=1.2)=0.1', 'groups.Laptops.share(hardware.tpm=1.2)=0.1', 'share(hardware.kind=vm)=0']) {
      const { reports } = await sweepFleet(fleet, parseSweep(arg), { devices: 400 });
      expect(JSON.stringify(reports[0]), arg).toBe(JSON.stringify(run));
    }
  });
  it('moves what it names: a wider link at the saturated branch, lists, linear and log ranges', async () => {
    const { parseSweep, sweepValues } = await import('../../src/fleet/analysis.ts');
    expect(sweepValues('4..24:4', Number)).toEqual([4, 8, 12, 16, 20, 24]);
    expect(sweepValues('120..1920:x2', Number)).toEqual([120, 240, 480, 960, 1920]);
    expect(sweepValues('0.1..0.3:0.1', Number)).toEqual([0.1, 0.2, 0.3]);
    expect(() => parseSweep('sites.Branch Z.bandwidthMbps=10').apply(loadFleet(file), 10)).toThrow(/no "Branch Z".*Head office/);
    const moved = parseSweep('sites.Branch C.bandwidthMbps=500').apply(loadFleet(file), 500).fleet;
    expect(moved.sites.find((s) => s.name === 'Branch C')!.bandwidthMbps).toBe(500);
    expect(loadFleet(file).sites.find((s) => s.name === 'Branch C')!.bandwidthMbps).toBe(50);
  });
});
