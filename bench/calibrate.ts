// npm run bench:calibrate: 1,000,000 synthetic autopilotEvents (Graph JSON pages of 10,000 events)
// calibrated end to end in a child process (reading, classifying, fitting, the twin), its wall
// time, CPU time and peak memory; and the same at 100,000 events, to show how little memory grows
// with the export (the reader holds one record at a time; the aggregates are fixed-size
// histograms; only the duplicate check grows, 11-21 bytes a distinct event id or device, up to
// its 64 MB bound each: src/calibrate/observe.ts IdSet).
// Options: --events N (default 1000000), --small N (default 100000), --csv (one CSV file
// instead of JSON pages), --json (the figures as JSON on the last line), --keep DIR (reuse).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSynthetic, type SyntheticOptions } from '../src/calibrate/synthetic.ts';
import { SAMPLE } from '../src/calibrate/sample.ts';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

if (args[0] === '--child') {
  // The measured run: what `autopilot-sim calibrate <files> -o twin.yaml` does.
  const files = args.slice(1);
  const { observe, fitObserved } = await import('../src/calibrate/index.ts');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const { Observer } = await import('../src/calibrate/observe.ts');
  const { readExport } = await import('../src/calibrate/read.ts');
  // observe(), with the observer kept to read the duplicate check's size.
  const observer = new Observer();
  for (const file of files) {
    observer.observed.files++;
    await readExport(file, (event, record) => observer.add(file, record, event));
  }
  const observed = observer.observed;
  void observe;
  const t1 = performance.now();
  const c = fitObserved(observed);
  const t2 = performance.now();
  clearInterval(sample);
  const cpu = process.cpuUsage(cpu0);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(JSON.stringify({ events: observed.events, usable: observed.usable, segments: c.fits.length, readSeconds: (t1 - t0) / 1000, fitSeconds: (t2 - t1) / 1000, totalSeconds: (t2 - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: Math.round(peak / 1048576), duplicateCheckMb: Math.round(((observer.events.bytes + observer.devices.bytes) / 1048576) * 10) / 10, twinBytes: c.yaml.length }));
  process.exit(0);
}

const json = args.includes('--json');
const csv = args.includes('--csv');
const big = arg('--events', 1_000_000);
const small = arg('--small', 100_000);
const keepAt = args.indexOf('--keep');
const root = keepAt >= 0 ? args[keepAt + 1]! : mkdtempSync(join(tmpdir(), 'bench-calibrate-'));

/** The bundled sample's parameters, scaled to `events` (the shares of each segment kept). */
function scaled(events: number): SyntheticOptions {
  const total = SAMPLE.segments.reduce((a, s) => a + s.count, 0);
  return { ...SAMPLE, pool: 2000, segments: SAMPLE.segments.map((s) => ({ ...s, count: Math.round((s.count / total) * events) })) };
}

function dataset(events: number): string[] {
  const dir = join(root, `${csv ? 'csv' : 'json'}-${events}`);
  if (!existsSync(dir) || readdirSync(dir).length === 0) {
    mkdirSync(dir, { recursive: true });
    const t = performance.now();
    const w = writeSynthetic(dir, { ...scaled(events), format: csv ? 'csv' : 'json', pageSize: 10_000 });
    const bytes = w.files.reduce((a, f) => a + statSync(f).size, 0);
    if (!json) console.error(`wrote ${w.events} events in ${w.files.length} files (${Math.round(bytes / 1048576)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

function measure(events: number): Record<string, number> {
  const files = dataset(events);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(import.meta.url)), '--child', ...files], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()!), files: files.length, megabytes: Math.round(bytes / 1048576) };
}

try {
  const a = measure(small);
  const b = measure(big);
  const result = {
    format: csv ? 'csv' : 'json-pages',
    small: a,
    large: b,
    eventsPerSecond: Math.round(b.events / b.readSeconds),
    underAMinute: b.totalSeconds < 60,
    /** The machine's load while measuring: on a shared machine, wall time is CPU time times the contention. */
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    memoryGrowthMb: b.peakRssMb - a.peakRssMb,
    /** Peak RSS at the large export over the small one: 1 would be flat; the duplicate check is what grows. */
    peakRssRatio: Math.round((b.peakRssMb / a.peakRssMb) * 100) / 100,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    const line = (x: Record<string, number>) => `${x.events.toLocaleString('en')} events, ${x.files} files, ${x.megabytes} MB: read ${x.readSeconds.toFixed(1)} s + fit ${x.fitSeconds.toFixed(1)} s = ${x.totalSeconds.toFixed(1)} s wall (${x.cpuSeconds.toFixed(1)} s CPU), peak RSS ${x.peakRssMb} MB (duplicate check ${x.duplicateCheckMb} MB)`;
    console.log(`calibrate (${result.format})`);
    console.log(`  ${line(a)}`);
    console.log(`  ${line(b)}`);
    console.log(`  ${result.eventsPerSecond.toLocaleString('en')} events/s read; ${result.underAMinute ? 'under' : 'OVER'} a minute (load average ${result.loadAverage} on ${availableParallelism()} cores); peak RSS ${result.memoryGrowthMb >= 0 ? '+' : ''}${result.memoryGrowthMb} MB (×${result.peakRssRatio}) for ${((big - small) / 1e6).toFixed(1)} million more events`);
  }
} finally {
  if (keepAt < 0) rmSync(root, { recursive: true, force: true });
}
