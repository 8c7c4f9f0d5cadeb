// runChunk runs a device that shares nothing with the others through its environment's compiled runner once the thread
// has compiled it (src/engine/compiled.ts): every bundled input's fleet report, its CSV rows and a paired comparison must
// be the same, byte for byte, with every environment compiled at its first device as with none compiled.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_FLEET, TWO_PASS_FLEET } from '../../bench/fleet-standard.ts';
import { compiledCounts, forgetCompiled, setCompileAfter } from '../../src/engine/compiled.ts';
import { compareFleets } from '../../src/fleet/analysis.ts';
import { loadFleet, runFleet } from '../../src/fleet/index.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import type { Fleet } from '../../src/fleet/schema.ts';

const root = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const yamls = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
/** As bench/dump-reports.ts has them, fewer devices: every bundled fleet, scenario, failure, regression and lesson, the benchmark's fleets. */
const INPUTS: Array<{ name: string; fleet: () => Fleet; devices?: number }> = [
  ...yamls('fleets').map((f) => ({ name: f, fleet: () => loadFleet(join(root, f)), devices: 3000 })),
  ...yamls('.').map((f) => ({ name: f, fleet: () => loadFleet(join(root, f)), devices: 1000 })),
  ...['failures', 'regressions', 'lessons'].flatMap((d) => yamls(d).map((f) => ({ name: f, fleet: () => loadFleet(join(root, f)), devices: 300 }))),
  { name: 'bench standard fleet', fleet: () => fleetFrom(STANDARD_FLEET), devices: 5000 },
  { name: 'bench two-pass fleet', fleet: () => fleetFrom(TWO_PASS_FLEET), devices: 3000 },
];

/** Each input's report, Markdown-free: the JSON report and the CSV rows. */
async function reports(): Promise<string[]> {
  const out: string[] = [];
  for (const { name, fleet, devices } of INPUTS) {
    const rows: string[] = [];
    const report = await runFleet(fleet(), { workers: 1, ...(devices ? { devices } : {}), onRows: (r) => rows.push(...r) });
    out.push(`${name}\n${JSON.stringify(report)}\n${rows.join('\n')}`);
  }
  const standard = fleetFrom(STANDARD_FLEET);
  out.push(JSON.stringify(await compareFleets({ label: 'a', fleet: standard }, { label: 'b', fleet: standard, environment: { esp: { timeoutMinutes: 30 } } }, { devices: 3000 })));
  return out;
}

describe('a thread forgets its compiled runners', () => {
  it("after forgetCompiled, a fleet an earlier run compiled runs through the engine until it is compiled again", async () => {
    // Test files share a thread, and a kept plan keeps its environments: compiled-reports' engine side ran 4,139 devices
    // through runners an earlier file had compiled, in one whole-suite run.
    const fleet = fleetFrom(STANDARD_FLEET);
    const was = setCompileAfter(1);
    try {
      forgetCompiled();
      await runFleet(fleet, { workers: 1, devices: 2000 });
      expect(compiledCounts.devices).toBeGreaterThan(1000);
      setCompileAfter(Number.POSITIVE_INFINITY);
      forgetCompiled();
      await runFleet(fleet, { workers: 1, devices: 2000 });
      expect(compiledCounts.devices).toBe(0);
    } finally {
      setCompileAfter(was);
      forgetCompiled();
    }
  });
});

describe('fleet reports with environments compiled', () => {
  // Test files share a thread: start from no compiled runner (an earlier file's would run on the engine's side), and
  // leave none to the files after this one.
  let was = 0;
  beforeAll(() => {
    forgetCompiled();
    was = setCompileAfter(Number.POSITIVE_INFINITY);
  });
  afterAll(() => {
    setCompileAfter(was);
    forgetCompiled();
  });

  it('are byte-identical to the engine\'s for every bundled input', async () => {
    // The engine's first: a compiled runner is kept with its environment, and the plans (so their environments) are kept across runs.
    const engine = await reports();
    expect(compiledCounts.devices).toBe(0);
    setCompileAfter(1);
    const compiled = await reports();
    expect(compiledCounts.environments).toBeGreaterThan(50);
    expect(compiledCounts.devices).toBeGreaterThan(20_000);
    for (let k = 0; k < engine.length; k++) expect(compiled[k], engine[k]!.split('\n')[0]).toBe(engine[k]);
  }, 300_000);
});
