// Every bundled fleet's and scenario's fleet results at a fixed seed, as one JSON document per
// line: the JSON report, the Markdown and HTML renderings, a digest of the CSV rows, and a
// paired comparison. Run it before and after a change that must not change any result
// (an optimisation) and compare the two files:
//
//   npx tsx bench/dump-reports.ts > /tmp/before.jsonl
//   ... change ...
//   npx tsx bench/dump-reports.ts > /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl
//
//   --workers N   run the fleets on N worker threads (results must be the same for any N)
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STANDARD_FLEET, TWO_PASS_FLEET } from './fleet-standard.ts';
import { compareFleets } from '../src/fleet/analysis.ts';
import { executorFor, loadFleet, runFleet } from '../src/fleet/index.ts';
import { fleetFrom } from '../src/fleet/load.ts';
import type { Fleet } from '../src/fleet/schema.ts';
import { renderFleetHtml } from '../src/report/html.ts';
import { renderFleetMarkdown } from '../src/report/markdown.ts';

const args = process.argv.slice(2);
const i = args.indexOf('--workers');
const workers = i >= 0 ? Number(args[i + 1]) : 1;
const root = fileURLToPath(new URL('../scenarios/', import.meta.url));
const digest = (s: string) => createHash('sha256').update(s).digest('hex');

const inputs: Array<{ name: string; fleet: Fleet; devices?: number }> = [];
for (const f of readdirSync(join(root, 'fleets')).sort()) inputs.push({ name: `fleets/${f}`, fleet: loadFleet(join(root, 'fleets', f)) });
for (const f of readdirSync(root).filter((f) => f.endsWith('.yaml')).sort()) inputs.push({ name: f, fleet: loadFleet(join(root, f)), devices: 2000 });
for (const dir of ['failures', 'regressions']) {
  for (const f of readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort()) inputs.push({ name: `${dir}/${f}`, fleet: loadFleet(join(root, dir, f)), devices: 300 });
}
inputs.push({ name: 'bench standard fleet', fleet: fleetFrom(STANDARD_FLEET), devices: 20_000 });
inputs.push({ name: 'bench two-pass fleet', fleet: fleetFrom(TWO_PASS_FLEET), devices: 20_000 });

const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
for (const { name, fleet, devices } of inputs) {
  const rows: string[] = [];
  const report = await runFleet(fleet, { workers, ...(devices ? { devices } : {}), onRows: (r) => rows.push(...r) });
  out({ name, report, markdown: renderFleetMarkdown(report), html: digest(renderFleetHtml(report)), csv: digest(rows.join('\n')), rows: rows.length });
}
// A paired comparison (common random numbers): the standard fleet against itself with a shorter ESP timeout.
const executor = await executorFor(workers);
const standard = fleetFrom(STANDARD_FLEET);
const compared = await compareFleets({ label: 'a', fleet: standard }, { label: 'b', fleet: standard, environment: { esp: { timeoutMinutes: 30 } } }, { devices: 10_000, executor });
await executor.close();
out({ name: 'compare standard, ESP 30 minutes', compared });
