// runChunk runs a device that shares nothing with the others through its environment's compiled runner once the thread
// has compiled it (src/engine/compiled.ts): every bundled input's fleet report, its CSV rows and a paired comparison must
// be the same, byte for byte, with every environment compiled at its first device as with none compiled.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { STANDARD_FLEET, TWO_PASS_FLEET } from '../../bench/fleet-standard.ts';
import { compiledCounts, setCompileAfter } from '../../src/engine/compiled.ts';
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

describe('fleet reports with environments compiled', () => {
  const was = setCompileAfter(Number.POSITIVE_INFINITY);
  afterAll(() => void setCompileAfter(was));

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
