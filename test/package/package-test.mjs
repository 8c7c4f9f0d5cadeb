// npm run test:package — the package as a consumer gets it. Packs the project as `npm pack` does
// (its prepack script builds it and leaves `prepare` out of the packed package.json), installs the
// tarball into a temporary folder as a consumer would, with npm's warnings, and
// there: imports the library from a plain .mjs under node (the README's consumer.mjs and twin.mjs) and from CommonJS;
// type-checks a TypeScript consumer with module NodeNext and strict, and with bundler resolution, and runs the README's
// consumer.ts compiled; checks that every export and option has a doc comment in the declarations; bundles a program that imports the library with esbuild, the library kept external and inside it;
// runs `npx autopilot-sim run` on a bundled fleet; starts `npx autopilot-sim studio` and fetches its page over 127.0.0.1.
// Every program it runs has a time limit: one that does not exit when done (a worker left running) fails.
// Exit 0 when all hold.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The TypeScript 5 a consumer compiles with, beside the project's own (7): the last of 5, whose "commonjs" is node10's. */
const TYPESCRIPT_5 = '5.9.3';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// A space in the consumer's path, as a home folder on Windows or macOS has one ('C:\\Users\\Ana Silva'): every path the
// package makes from its own place (its worker, bundled scenarios, schemas, the studio) is one with a space.
const dir = mkdtempSync(join(tmpdir(), 'autopilot-sim package-'));
let failures = 0;
const started = Date.now();

function check(what, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${detail.split('\n').join('\n     ')}` : ''}`);
  if (!ok) failures++;
}

function spawnSyncText(cmd, args, cwd = dir) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function sh(cmd, args, cwd = dir, timeout = 180_000) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, timeout });
}

/** A program's output, or what it printed and why it stopped when it failed or did not exit within its time limit. */
function output(cmd, args, cwd = dir) {
  try {
    return sh(cmd, args, cwd).trim();
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}${e.signal ? ` (stopped by ${e.signal}: it did not exit)` : ''}`.trim() || e.message;
  }
}

try {
  // 1. The tarball holds the built package and nothing else.
  const manifestBefore = readFileSync(join(root, 'package.json'), 'utf8');
  // As a pack that failed after prepack leaves it (npm pack --pack-destination of a folder that does not exist): stripped,
  // with the clone's copy kept aside. The next pack must still end with the clone's package.json.
  execFileSync(process.execPath, [join(root, 'scripts/packed-manifest.mjs'), 'strip']);
  let packed;
  try {
    // The whole build (prepack) runs here: on a host busy with other builds it took over 180 s ('spawnSync npm ETIMEDOUT').
    [packed] = JSON.parse(sh(npm, ['pack', '--json', '--pack-destination', dir], root, 600_000));
  } finally {
    const after = readFileSync(join(root, 'package.json'), 'utf8');
    check('npm pack leaves package.json as it was (postpack), after a pack that failed half-way too', after === manifestBefore);
    if (after !== manifestBefore) writeFileSync(join(root, 'package.json'), manifestBefore);
    rmSync(join(root, 'package.json.packing'), { force: true });
  }
  const files = packed.files.map((f) => f.path);
  const stray = files.filter((f) => !/^(dist|schema|scenarios|docs)\//.test(f) && !/^(README\.md|package\.json|LICENSE)$/.test(f));
  check(`npm pack: ${files.length} files, ${(packed.size / 1e6).toFixed(1)} MB, only dist/, schema/, scenarios/, docs/, README, LICENSE and package.json`, stray.length === 0, `also packed: ${stray.join(', ')}`);
  const needed = ['dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'dist/worker.cjs', 'dist/studio/index.html', 'schema/scenario.schema.json', 'schema/fleet.schema.json', 'scenarios/fleets/branch-rollout.yaml', 'scenarios/calibration/synthetic-autopilot-events.csv', 'README.md', 'docs/performance.md', 'LICENSE'];
  const missing = needed.filter((f) => !files.includes(f));
  check('npm pack: the CLI, the library and its types, the worker, the studio, schemas, bundled scenarios, the licence', missing.length === 0, `missing: ${missing.join(', ')}`);
  // No source map (its sources are not packed), profile, test or TypeScript source; no file a consumer downloads for nothing.
  const unwanted = files.filter((f) => /\.(map|prof|cpuprofile|heapsnapshot|tsbuildinfo)$|(^|\/)(test|tests|__golden__)\/|\.test\.|(?<!\.d)\.ts$/.test(f));
  check('npm pack: no source map, profile, test or TypeScript source', unwanted.length === 0, unwanted.join(', '));

  // The studio carries the layout engine (elkjs, 1.6 MB) once: its page (which lays out itself when the layout worker
  // cannot load) and the worker are built apart, and each had its own copy, 1.46 MB twice.
  const studioFiles = packed.files.filter((f) => /^dist\/studio\/.*\.js$/.test(f.path));
  const withElk = studioFiles.filter((f) => readFileSync(join(root, f.path), 'utf8').includes('org.eclipse.elk.layered'));
  const studioMb = (studioFiles.reduce((n, f) => n + f.size, 0) / 1e6).toFixed(2);
  check(`the studio's scripts hold ELK once (${studioFiles.length} scripts, ${studioMb} MB)`, withElk.length === 1, `ELK in: ${withElk.map((f) => f.path).join(', ')}`);

  // The README's library section names the tarball a newcomer installs (the package is not on the registry, where
  // `npm install autopilot-sim` found nothing): the name npm pack gives it.
  check(`the README names the tarball npm pack makes, ${packed.filename}`, readFileSync(join(root, 'README.md'), 'utf8').includes(`npm install /path/to/${packed.filename}`));

  // 2. Install it as a consumer would (dependencies from the npm cache when it has them).
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  // npm 11 lists a package's install scripts for approval; `prepare`, which npm never runs for a tarball, is not packed.
  const installed = spawnSyncText(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)]);
  const consumerManifest = JSON.parse(readFileSync(join(dir, 'node_modules/autopilot-sim/package.json'), 'utf8'));
  check('npm install of the tarball: no install script for a consumer to approve, no warning', installed.status === 0 && !/install-scripts|allowScripts/.test(installed.stderr) && consumerManifest.scripts?.prepare === undefined, installed.stderr.trim());
  // The clone's scripts (start, test, build, bench*...) name files the package does not hold or tools it does not install.
  // prepack, postpack and its build stay for the clone's next pack after one that failed half-way (scripts/packed-manifest.mjs PACKING).
  const listed = Object.keys(consumerManifest.scripts ?? {}).filter((s) => s !== 'prepack' && s !== 'postpack' && s !== 'build');
  check("the packed package.json lists none of the clone's scripts, which a consumer cannot run", listed.length === 0, `scripts: ${listed.join(', ')}`);
  // Every path the packed exports name is in the package (the clone's `source` condition points into src/, not packed).
  const exported = JSON.stringify(consumerManifest.exports).match(/"\.\/[^"]+"/g).map((p) => p.slice(3, -1)).filter((p) => p !== 'package.json');
  const unpacked = exported.filter((p) => !files.includes(p));
  check('the packed exports name only packed files', unpacked.length === 0, `not packed: ${unpacked.join(', ')}`);

  // The dependencies are what the package imports, and no more: every module of dist/ loads from a consumer's install,
  // which has the dependencies alone (the command's own are bundled into it), and each dependency is imported by the
  // library. The command's (commander, elkjs, ws, @statelyai/inspect, cli-progress) were dependencies too, installed for
  // nothing: 28 packages and 46 MB where 15 and 30 MB do.
  writeFileSync(
    join(dir, 'every-module.mjs'),
    `import { readdirSync } from 'node:fs';
const dist = new URL('./node_modules/autopilot-sim/dist/', import.meta.url);
const failed = [];
// cli.js is the command's entry (it runs); its chunks are modules like the library's.
for (const name of readdirSync(dist).filter((n) => n.endsWith('.js') && n !== 'cli.js')) {
  try { await import(new URL(name, dist)); } catch (e) { failed.push(name + ': ' + e.message.split('\\n')[0]); }
}
console.log(failed.join('\\n') || 'loaded');
`,
  );
  const loaded = output(process.execPath, ['every-module.mjs']);
  check("every module of dist/ loads with the package's dependencies alone", loaded === 'loaded', loaded);
  const library = files.filter((f) => /^dist\/(index|chunk-[^/]*)\.js$/.test(f)).map((f) => readFileSync(join(dir, 'node_modules/autopilot-sim', f), 'utf8')).join('\n');
  const unused = Object.keys(consumerManifest.dependencies ?? {}).filter((dep) => !new RegExp(`from ["']${dep}(/[^"']*)?["']`).test(library));
  check(`each of the ${Object.keys(consumerManifest.dependencies ?? {}).length} dependencies is one the library imports`, unused.length === 0, `not imported: ${unused.join(', ')}`);

  // 3. Plain Node, ES modules, no loader.
  writeFileSync(
    join(dir, 'consumer.mjs'),
    `import { runFleet, simulate, defaultEnvironment, MICROSOFT } from 'autopilot-sim';
const report = await runFleet({ devices: 200, environment: { hardware: { kind: 'vm' } }, scenario: 'self-deploying' });
const { outcome } = simulate(defaultEnvironment({}), { seed: 2 });
console.log(JSON.stringify({ devices: report.devices, code: report.failures[0]?.code, status: outcome.status, tpm: MICROSOFT['TPM authenticates']['self-deploying'] }));
`,
  );
  const mjs = sh(process.execPath, ['consumer.mjs']).trim();
  check('node consumer.mjs imports the library and runs a fleet', mjs === '{"devices":200,"code":"0x800705B4","status":"succeeded","tpm":"Yes"}', mjs);

  // The README's library examples, as written there.
  const readmeMjs = readmeBlock('consumer.mjs');
  writeFileSync(join(dir, 'readme.mjs'), readmeMjs);
  let readmeOut = '';
  try {
    readmeOut = sh(process.execPath, ['readme.mjs']).trim();
  } catch (e) {
    readmeOut = `${e.stdout}${e.stderr}`;
  }
  check(`node runs the README's consumer.mjs: ${readmeOut.split('\n').join(' | ')}`, /^0 0x800705B4\nsucceeded \d+$/.test(readmeOut));

  // The README's twin.mjs: calibrate and recommend from the library (they were reachable only through src/, not packed).
  // Its plan as docs/library.md quotes it (it printed recommendation.scenario, the whole fleet's user-driven, before a
  // sentence that deploys most of the fleet pre-provisioned).
  writeFileSync(join(dir, 'twin.mjs'), readmeBlock('twin.mjs'));
  let twinOut = '';
  try {
    twinOut = sh(process.execPath, ['twin.mjs']).trim();
  } catch (e) {
    twinOut = `${e.stdout}${e.stderr}`;
  }
  check(`node runs the README's twin.mjs: ${twinOut.split('\n').map((l) => l.slice(0, 60)).join(' | ')}`, /^\d+ 0\.\d+\n[01](\.\d+)?\n[A-Z].*\npre-provisioned for 468, user-driven for 32$/.test(twinOut));

  // docs/library.md's session.mjs: a run stepped by hand, a fault injected, saved as a run file and opened again.
  writeFileSync(join(dir, 'session.mjs'), readmeBlock('session.mjs'));
  const sessionOut = output(process.execPath, ['session.mjs']);
  check(
    `node runs docs/library.md's session.mjs: ${sessionOut.split('\n').map((l) => l.slice(0, 50)).join(' | ')}`,
    /^\S*secureHardware tpm-fails, .*\nfailed 0x800705B4\ntrue \[ 'tpm-fails' \]\nfaultId: expected a fault or choice possible at step \d+ \(.*\): tpm-fails, .*; got "no-such-fault"$/.test(sessionOut),
    sessionOut,
  );

  // The same three scripts, as written, type-checked as JavaScript (checkJs, strict, the declarations checked) under
  // node16, nodenext and bundler resolution: a script that read a result's property it does not have, or passed an
  // option a call does not take, ran to print undefined or failed only when a reader ran it.
  const tsc = join(dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json')), 'bin/tsc');
  const typeRoots = [join(root, 'node_modules/@types')];
  mkdirSync(join(dir, 'docs-scripts'));
  const scripts = ['consumer.mjs', 'twin.mjs', 'session.mjs'];
  for (const name of scripts) writeFileSync(join(dir, 'docs-scripts', name), readmeBlock(name));
  for (const [resolution, module] of [['node16', 'node16'], ['nodenext', 'nodenext'], ['bundler', 'esnext']]) {
    const config = join(dir, 'docs-scripts', `tsconfig.${resolution}.json`);
    writeFileSync(config, JSON.stringify({ compilerOptions: { module, moduleResolution: resolution, target: 'ES2022', strict: true, allowJs: true, checkJs: true, noEmit: true, skipLibCheck: false, typeRoots, types: ['node'] }, files: scripts }));
    const checked = output(process.execPath, [tsc, '-p', config]);
    check(`tsc (checkJs, strict, moduleResolution ${resolution}) type-checks the docs' consumer.mjs, twin.mjs and session.mjs as written`, checked === '', checked.split('\n').slice(0, 8).join('\n'));
  }

  // 4. TypeScript, module NodeNext, strict, the library's declarations checked too.
  writeFileSync(
    join(dir, 'consumer.ts'),
    `${readmeBlock('consumer.ts')}
import { simulate, defaultEnvironment, type Outcome, type CompareResult } from 'autopilot-sim';
const outcome: Outcome = simulate(defaultEnvironment({}), { seed: 1 }).outcome;
export const seen: [Outcome['status'], CompareResult | undefined] = [outcome.status, undefined];
import { calibrate, recommend, type CalibrationReport, type Recommendation } from 'autopilot-sim';
export const scripted: Array<Promise<{ twin: string; report: CalibrationReport } | Recommendation>> = [calibrate('events.csv', { check: true }), recommend({ devices: 10 }, { workers: 1 })];
// Written as a TypeScript project writes its settings, \`as const\` (read-only lists and fields): it was refused, "The type
// 'readonly [...]' is 'readonly' and cannot be assigned to the mutable type".
import { compareFleets, runFleet as runAgain, scenarioOverride, type EnvironmentInput, type FleetInput } from 'autopilot-sim';
const pilot = {
  environment: { scenario: 'user-driven', apps: [{ name: 'Office', type: 'm365', installMinutes: { lognormal: { median: 8, p90: 15 } } }], profile: { hiddenPages: ['eula', 'privacy'] } },
  sites: [{ name: 'HQ', share: 0.7, bandwidthMbps: 1000 }, { name: 'Branch', share: 0.3, bandwidthMbps: 50 }],
  groups: [{ name: 'Laptops', count: 80, vary: { tpm: [{ share: 0.1, environment: { hardware: { tpm: '1.2' } } }] } }, { name: 'Kiosks', count: 20, environment: { scenario: 'self-deploying' } }],
  rollout: { windowHours: 48 },
} as const;
const vm = { scenario: 'self-deploying', hardware: { kind: 'vm' }, esp: { timeoutMinutes: 30 }, durations: { entraSignIn: { uniform: [1, 3] } } } as const;
const readOnly: readonly [FleetInput, EnvironmentInput] = [pilot, vm];
export const asConst = [runAgain(pilot, { environment: vm }), simulate(vm), compareFleets({ label: 'a', fleet: pilot, override: scenarioOverride('user-driven') }, { label: 'b', fleet: readOnly[0], environment: readOnly[1] })];
`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['consumer.ts'] }),
  );
  let tscOut = '';
  try {
    sh(process.execPath, [tsc, '-p', 'tsconfig.json']);
  } catch (e) {
    tscOut = `${e.stdout}${e.stderr}`.trim();
  }
  check("tsc (NodeNext, strict, no skipLibCheck) type-checks the README's consumer.ts and more of the types", tscOut === '', tscOut.split('\n').slice(0, 12).join('\n'));

  // The README's consumer.ts runs too, compiled as its tsconfig says (it was only type-checked).
  writeFileSync(join(dir, 'readme-ts.ts'), readmeBlock('consumer.ts'));
  writeFileSync(
    join(dir, 'tsconfig.readme.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, outDir: 'out', skipLibCheck: false, types: [] }, files: ['readme-ts.ts'] }),
  );
  const readmeTs = output(process.execPath, [tsc, '-p', 'tsconfig.readme.json']);
  const readmeTsRun = readmeTs === '' ? output(process.execPath, ['out/readme-ts.js']) : readmeTs;
  check(`node runs the README's consumer.ts, compiled: ${readmeTsRun.split('\n').join(' | ').slice(0, 120)}`, /^0\.\d+ \d+(\.\d+)? \{/.test(readmeTsRun), readmeTsRun);

  // TypeScript with bundler resolution (vite, esbuild and webpack projects), strict, the declarations checked.
  writeFileSync(
    join(dir, 'tsconfig.bundler.json'),
    JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['consumer.ts'] }),
  );
  const bundlerTsc = output(process.execPath, [tsc, '-p', 'tsconfig.bundler.json']);
  check('tsc (moduleResolution bundler, strict, no skipLibCheck) type-checks the same consumer', bundlerTsc === '', bundlerTsc.split('\n').slice(0, 12).join('\n'));

  // The strictest consumer: exactOptionalPropertyTypes and the other strict checks beyond `strict`, the libraries'
  // declarations checked. It failed inside XState's own declarations (TS2344 in xstate's setup.d.ts, and in the machines'
  // inferred types), which the library's pulled in, and on runLive's options (TS2430): the declarations now name XState's
  // types from the package's own file (scripts/xstate-types.d.ts), so XState's are not even loaded.
  writeFileSync(
    join(dir, 'strictest.ts'),
    `import { machines, runLive, Session, deriveTable, type Scenario } from 'autopilot-sim';
export * from './consumer.js';
const scenario: Scenario = 'self-deploying';
export const states: string[] = Object.keys(machines[scenario].root.states);
export const live = runLive({ scenario, hardware: { kind: 'vm' } }, { seed: 1, inspect: (event) => void event.type });
const session = new Session({ scenario: 'reset' }, 1);
export const stepped: [boolean, string | undefined, number] = [session.step(), session.name, deriveTable({ runsPerVariant: 1 }).length];
// Options a script has as maybe undefined, which every call takes as left out: under exactOptionalPropertyTypes they
// were refused, "Type 'number | undefined' is not assignable to type 'number'" (TS2379).
import { calibrate, compareFleets, recommend, replayFleetDevice, runFleet, simulate, sweepFleet, parseSweep } from 'autopilot-sim';
declare const flags: { devices?: number; seed?: number; segment?: string; signal?: AbortSignal };
const given = { devices: flags.devices, seed: flags.seed };
export const maybe = [
  runFleet({}, { ...given, workers: flags.devices, signal: flags.signal }), simulate({}, { seed: flags.seed }), runLive({}, { seed: flags.seed }),
  compareFleets({ label: 'a', fleet: {} }, { label: 'b', fleet: {} }, given), sweepFleet({}, parseSweep('apps=1,2'), given), recommend({}, given),
  replayFleetDevice({}, 0, given), calibrate('events.csv', { segment: flags.segment, seed: flags.seed }), deriveTable({ seed: flags.seed }),
];
`,
  );
  const strictest = { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noPropertyAccessFromIndexSignature: true, noImplicitOverride: true, noImplicitReturns: true, useUnknownInCatchVariables: true, noEmit: true, skipLibCheck: false, types: [] };
  writeFileSync(join(dir, 'tsconfig.strictest.json'), JSON.stringify({ compilerOptions: strictest, files: ['strictest.ts'] }));
  const strictestTsc = output(process.execPath, [tsc, '-p', 'tsconfig.strictest.json', '--explainFiles']);
  const strictestErrors = strictestTsc.split('\n').filter((l) => /error TS/.test(l));
  // Nor fast-check's (and pure-rand's, which they import), nor zod's: under TypeScript 5's "module": "commonjs" (node10
  // resolution) they fail, "Cannot find module 'pure-rand/types/RandomGenerator'" (TS2307), and without esModuleInterop
  // "Module '.../zod/v4/locales/ar' can only be default-imported using the 'esModuleInterop' flag" (TS1259, once for
  // each of zod's locales); a script never needs them (the types zod infers are written out: scripts/build.mjs).
  // Nor yaml's, or any other package's: the declarations are the package's own (yaml's came in through the file
  // reader's ParsedText, an internal type, with its Document and LineCounter; scripts/build.mjs UNPUBLISHED_TYPES).
  const unpublishedLoaded = strictestTsc.split('\n').filter((l) => /^node_modules\/(?!autopilot-sim\/)\S+\.d\.[cm]?ts$/.test(l));
  check(
    'tsc (exactOptionalPropertyTypes, noUncheckedIndexedAccess and more, no skipLibCheck) type-checks a consumer of every export, machines and runLive too, loading no declarations but the package\'s own (not XState\'s, fast-check\'s, zod\'s or yaml\'s)',
    strictestErrors.length === 0 && unpublishedLoaded.length === 0,
    [...strictestErrors.slice(0, 8), ...(unpublishedLoaded.length ? [`another package's declarations loaded: ${unpublishedLoaded.length} files, ${unpublishedLoaded.join(', ').slice(0, 300)}`] : [])].join('\n'),
  );
  // And the published declarations import no package at all, whatever a consumer's program reaches of them.
  const bareImports = [...new Set(files.filter((f) => f.endsWith('.d.ts')).flatMap((f) => [...readFileSync(join(dir, 'node_modules/autopilot-sim', f), 'utf8').matchAll(/(?:from\s*|import\s*\(\s*)['"]([^.'"][^'"]*)['"]/g)].map((m) => `${f}: ${m[1]}`)))];
  check("the published declarations import no other package's (self-contained)", bareImports.length === 0, bareImports.join('\n'));

  // A fleet written in TypeScript has its environments typed (the tenant's, a site's, a group's, a variation's): they were
  // Record<string, unknown>, so a misspelt `hardware: { knd: 'vm' }` or `apps: { device: 12 }` type-checked and failed
  // only when the fleet ran ('environment.apps: expected array, got a mapping'). Every bundled fleet, as its YAML reads,
  // is a FleetInput.
  // The clone's yaml (the package carries its own, bundled into the library: scripts/build.mjs yamlAsEsm).
  const { parse: parseYaml } = await import(createRequire(join(root, 'package.json')).resolve('yaml'));
  const fleetsDir = join(dir, 'node_modules/autopilot-sim/scenarios/fleets');
  const bundledFleets = readdirSync(fleetsDir).filter((f) => /\.ya?ml$/.test(f));
  writeFileSync(
    join(dir, 'fleet-typed.ts'),
    `import type { FleetInput } from 'autopilot-sim';
${bundledFleets.map((f, i) => `export const bundled${i}: FleetInput = ${JSON.stringify(parseYaml(readFileSync(join(fleetsDir, f), 'utf8')))};`).join('\n')}
// @ts-expect-error: apps is a list of apps
export const tenant: FleetInput = { environment: { apps: { device: 12 } } };
// @ts-expect-error: hardware has no field knd
export const group: FleetInput = { groups: [{ name: 'G', environment: { hardware: { knd: 'vm' } } }] };
// @ts-expect-error: a kind of hardware that is not one
export const site: FleetInput = { sites: [{ name: 'S', environment: { hardware: { kind: 'vmm' } } }] };
// @ts-expect-error: timeoutMinutes is a number
export const variation: FleetInput = { groups: [{ name: 'G', vary: { esp: [{ share: 0.5, environment: { esp: { timeoutMinutes: '30' } } }] } }] };
`,
  );
  writeFileSync(join(dir, 'tsconfig.fleet-typed.json'), JSON.stringify({ compilerOptions: strictest, files: ['fleet-typed.ts'] }));
  const fleetTyped = output(process.execPath, [tsc, '-p', 'tsconfig.fleet-typed.json']);
  check(`a fleet's environments are typed: the ${bundledFleets.length} bundled fleets type-check as FleetInput, a misspelt or mistyped environment field in the tenant's, a site's, a group's or a variation's does not`, fleetTyped === '', fleetTyped.split('\n').slice(0, 8).join('\n'));

  // A program that exports what it got from every call, its declarations emitted (declaration: true, as a library or a
  // composite project builds): it was TS2883 for 13 of them, 'The inferred type of 'report' cannot be named without a
  // reference to 'FleetReport' from .../dist/types/src/fleet/report.js' (the entry's types were aliases of types in
  // modules the exports map does not offer, and a Session's faults, runLive's result, lookup's entry had no name there).
  writeFileSync(
    join(dir, 'exported.ts'),
    `import * as lib from 'autopilot-sim';
const session = new lib.Session({}, 1);
export const report = await lib.runFleet({}, { devices: 10 });
export const run = lib.simulate({});
export const live = lib.runLive({});
export const table = lib.deriveTable({ runsPerVariant: 1 });
export const entry = lib.lookup('ESP_TIMEOUT');
export const machines = lib.machines;
export const state = [session.faults, session.injections, session.outcome, session.current, session.toFile()] as const;
export const tables = [lib.MICROSOFT, lib.CAPABILITIES, lib.catalog] as const;
export const files = [lib.loadFleet('fleets/branch-rollout'), lib.parseScenario('x.yaml', 'scenario: reset'), lib.defaultEnvironment({}), lib.scenarioOverride('reset'), lib.parseSweep('apps=1,2')] as const;
export const calls = [lib.calibrate('calibration/synthetic-autopilot-events.csv'), lib.recommend({}), lib.compareFleets({ label: 'a', fleet: {} }, { label: 'b', fleet: {} }), lib.sweepFleet({}, lib.parseSweep('apps=1,2')), lib.replayFleetDevice({}, 0)] as const;
`,
  );
  writeFileSync(join(dir, 'tsconfig.exported.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, declaration: true, emitDeclarationOnly: true, outDir: 'exported-types', skipLibCheck: false, types: [] }, files: ['exported.ts'] }));
  const exportedTsc = output(process.execPath, [tsc, '-p', 'tsconfig.exported.json']);
  check('tsc emits the declarations of a program that exports what every call gave it (declaration: true)', exportedTsc === '', exportedTsc.split('\n').slice(0, 8).join('\n'));
  // What an editor shows on hover is what tsc writes there: a fleet, a scenario file and an environment each by its name.
  // They were written out whole, a fleet's and an environment's every field (88 KB for the lines below; runFleet's
  // parameter, on hover, a page of fields where it says Fleet | FleetInput), and defaultEnvironment took `unknown`.
  writeFileSync(
    join(dir, 'hover.ts'),
    `import * as lib from 'autopilot-sim';
export const files = [lib.loadFleet('fleets/branch-rollout'), lib.parseScenario('x.yaml', 'scenario: reset'), lib.defaultEnvironment({ scenario: 'reset' }), lib.scenarioOverride('reset')] as const;
export const env = lib.environmentOf(lib.parseScenario('x.yaml', 'scenario: reset'));
export const calls = {
  runFleet: (...a: Parameters<typeof lib.runFleet>) => a,
  compareFleets: (...a: Parameters<typeof lib.compareFleets>) => a,
  defaultEnvironment: (...a: Parameters<typeof lib.defaultEnvironment>) => a,
  Session: (...a: ConstructorParameters<typeof lib.Session>) => a,
};
`,
  );
  writeFileSync(join(dir, 'tsconfig.hover.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, declaration: true, emitDeclarationOnly: true, outDir: 'hover-types', skipLibCheck: true, types: [] }, files: ['hover.ts'] }));
  const hoverTsc = output(process.execPath, [tsc, '-p', 'tsconfig.hover.json']);
  const hover = hoverTsc === '' ? readFileSync(join(dir, 'hover-types/hover.d.ts'), 'utf8') : hoverTsc;
  const named = [
    'export declare const files: readonly [lib.Fleet, lib.ScenarioFile, lib.Environment, lib.EnvironmentInput];',
    'export declare const env: lib.Environment;',
    '=> [fleet: lib.Fleet | lib.FleetInput, options?: ',
    '=> [a: lib.CompareSide, b: lib.CompareSide, options?: ',
    '=> [input?: lib.EnvironmentInput | undefined];',
    '=> [input: lib.EnvironmentInput, seed: number',
  ].filter((line) => !hover.includes(line));
  check(`tsc names a fleet, a scenario file and an environment by their types where a call gives or takes one, as an editor shows them (${hover.length.toLocaleString('en')} characters)`, named.length === 0 && hover.length < 2_000, `not written so: ${named.join(' | ')}\n${hover.slice(0, 600)}`);

  // The same program in a project with `"lib": ["ES2022"]` and neither @types/node nor the DOM library (a target's default
  // lib has the DOM): it was "Cannot find name 'URL'" and 'AbortSignal' (TS2304) in the declarations, and 'URL' in zod's.
  writeFileSync(join(dir, 'tsconfig.es2022.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022'], strict: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['exported.ts'] }));
  const es2022Tsc = output(process.execPath, [tsc, '-p', 'tsconfig.es2022.json']);
  check('tsc type-checks it with lib ES2022 alone (no @types/node, no DOM)', es2022Tsc === '', es2022Tsc.split('\n').slice(0, 8).join('\n'));

  // What a script gives from XState itself is taken: a machine it built, one of the package's machines cast to XState's
  // type for createActor, an inspector's observer and a function typed with XState's own InspectionEvent.
  writeFileSync(
    join(dir, 'with-xstate.ts'),
    `import { createActor, createMachine, type AnyStateMachine, type InspectionEvent, type Observer } from 'xstate';
import { deriveTable, machines, runLive, simulate } from 'autopilot-sim';
const own = createMachine({ id: 'own', initial: 'a', states: { a: { description: 'A', tags: ['t'] } } });
declare const inspector: { inspect: Observer<InspectionEvent> };
export const runs = [
  simulate({ scenario: 'user-driven' }, { machine: own }),
  runLive({}, { machine: machines['user-driven'], inspect: inspector.inspect }),
  runLive({}, { inspect: (event: InspectionEvent) => void event.rootId }),
  deriveTable({ machines: { reset: own }, runsPerVariant: 1 }),
];
export const actor = createActor(machines['user-driven'] as AnyStateMachine);
`,
  );
  writeFileSync(join(dir, 'tsconfig.with-xstate.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['with-xstate.ts'] }));
  const withXState = output(process.execPath, [tsc, '-p', 'tsconfig.with-xstate.json']);
  check("tsc takes what a script gives from XState's own types (a machine, an inspector, an event handler)", withXState === '', withXState.split('\n').slice(0, 8).join('\n'));

  // Precise types: nothing a public function returns, nor a property of it (six levels deep), is \`any\` (the machines
  // too, now typed as the package declares XState's). One line per export, so an error names the export; a path is found with tsc.
  const exportNames = sh(process.execPath, ['--input-type=module', '-e', "import * as m from 'autopilot-sim'; console.log(Object.keys(m).join(' '))"]).trim().split(' ');
  // Every export as a value, its declaration emitted: `export const errors = { InputError }` was TS2883, 'The inferred type
  // ... cannot be named without a reference to 'InputError' from .../dist/types/src/environment/input-error.js' (the entry
  // exported a const of the class's type, where it now exports the class).
  writeFileSync(join(dir, 'values.ts'), `import * as lib from 'autopilot-sim';\n${exportNames.map((n) => `export const ${n} = lib.${n};`).join('\n')}\n`);
  writeFileSync(join(dir, 'tsconfig.values.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, declaration: true, emitDeclarationOnly: true, outDir: 'values-types', skipLibCheck: true, types: [] }, files: ['values.ts'] }));
  const valuesTsc = output(process.execPath, [tsc, '-p', 'tsconfig.values.json']);
  check(`tsc emits the declarations of a program that exports each of the ${exportNames.length} exports as a value (declaration: true)`, valuesTsc === '', valuesTsc.split('\n').slice(0, 6).join('\n'));

  writeFileSync(
    join(dir, 'no-any.ts'),
    `import * as lib from 'autopilot-sim';
type Depth = [never, 0, 1, 2, 3, 4, 5, 6];
type Prim = string | number | boolean | bigint | symbol | null | undefined | void;
/** The paths to an any in what T gives: a function's result, a class's instances, a promise's value, a list's items, an object's properties. */
type AnyPaths<T, P extends string, D extends number> =
  [D] extends [never] ? never
  : 0 extends 1 & T ? P
  : [T] extends [Prim] ? never
  : T extends (...args: never[]) => infer R ? AnyPaths<R, \`\${P}()\`, Depth[D]>
  : T extends abstract new (...args: never[]) => infer R ? AnyPaths<R, \`new \${P}()\`, Depth[D]>
  : T extends Promise<infer U> ? AnyPaths<U, P, Depth[D]>
  : T extends readonly (infer E)[] ? AnyPaths<E, \`\${P}[]\`, Depth[D]>
  : T extends object ? { [K in keyof T & string]-?: AnyPaths<T[K], \`\${P}.\${K}\`, Depth[D]> }[keyof T & string]
  : never;
${exportNames.map((n) => `export const ${n}: [AnyPaths<typeof lib.${n}, '${n}', 6>] extends [never] ? 'none' : \`\${AnyPaths<typeof lib.${n}, '${n}', 6>}\` = 'none';`).join('\n')}
`,
  );
  writeFileSync(join(dir, 'tsconfig.no-any.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['no-any.ts'] }));
  const noAny = output(process.execPath, [tsc, '-p', 'tsconfig.no-any.json', '--noErrorTruncation']);
  check(`no \`any\` in what the ${exportNames.length} exports give (results, instances, their properties)`, noAny === '', noAny.split('\n').slice(0, 6).join('\n').slice(0, 1500));

  // Doc comments: what a script's editor shows on hover. Every export of the entry had one or not by chance (the types
  // and constants it re-exported from modules written for the code around them had none, nor did seed and onProgress,
  // nor Session's trace, outcome, step, back and toFile).
  const undocumented = undocumentedExports(join(dir, 'node_modules/autopilot-sim/dist/types/src/index.d.ts'));
  check("every export in the library's declarations, every option of the options it takes and every member of Session has a doc comment", undocumented.length === 0, `without one: ${undocumented.join(', ')}`);

  // CommonJS: require() of the ES module library (Node 20.19 and later, as engines says), on worker threads, and the
  // process exits when done.
  writeFileSync(
    join(dir, 'consumer.cjs'),
    `const { runFleet, simulate, InputError } = require('autopilot-sim');
const { outcome } = simulate({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, { seed: 1 });
runFleet({ scenario: 'user-driven' }, { devices: 3000, workers: 2 }).then(async (two) => {
  const one = await runFleet({ scenario: 'user-driven' }, { devices: 3000 });
  let typed = false;
  try { simulate({ scenario: 'user-drivn' }); } catch (e) { typed = e instanceof InputError && e.field === 'scenario'; }
  console.log(outcome.errorCode, JSON.stringify(one) === JSON.stringify(two), typed);
});
`,
  );
  const cjs = output(process.execPath, ['consumer.cjs']);
  check('node consumer.cjs requires the library, runs on 2 workers as on one, and exits', cjs === '0x800705B4 true true', cjs);
  // The report a consumer once gave (not seen again): runFleet(fleet, { workers: 2 }) in a fresh CommonJS project printed
  // nothing and exited 0 under load. A bundled fleet that shares links runs two passes on the workers, which idle (unref'd)
  // between them: five runs in a row, each printed, and the process exits as the last resolves.
  writeFileSync(
    join(dir, 'two-passes.cjs'),
    `const { runFleet, loadFleet } = require('autopilot-sim');
const fleet = loadFleet('fleets/branch-rollout');
(async () => {
  const seen = [];
  for (let i = 0; i < 5; i++) seen.push((await runFleet(fleet, { workers: 2 })).successRate);
  console.log(seen.join(' '));
})();
`,
  );
  const twoPasses = output(process.execPath, ['two-passes.cjs']);
  check('node two-passes.cjs runs a two-pass fleet on 2 workers five times in a row from CommonJS, prints each and exits', twoPasses === '0.786 0.786 0.786 0.786 0.786', twoPasses);

  // A script that runs fleets on worker threads and does nothing else exits as its last call resolves: the shared pool's
  // idle threads do not hold it (no close function to call), and they end on their own after a while in a longer-lived one.
  writeFileSync(
    join(dir, 'exits.mjs'),
    `import { runFleet, compareFleets } from 'autopilot-sim';
const fleet = { scenario: 'user-driven' };
await runFleet(fleet, { devices: 4000, workers: 2 });
await compareFleets({ label: 'a', fleet }, { label: 'b', fleet, environment: { esp: { timeoutMinutes: 30 } } }, { devices: 4000, workers: 2 });
const resolved = performance.now();
process.on('exit', () => console.log(Math.round(performance.now() - resolved)));
`,
  );
  const exitStarted = Date.now();
  const exitGap = output(process.execPath, ['exits.mjs']);
  check(`node exits.mjs (runFleet and compareFleets on 2 workers) exits ${exitGap} ms after its last call resolves (${((Date.now() - exitStarted) / 1000).toFixed(1)} s in all)`, /^\d+$/.test(exitGap) && Number(exitGap) < 500, exitGap);

  // TypeScript compiled to CommonJS (a package without "type": "module"), module nodenext, node20 or commonjs: require() of the
  // ES module library, typed, compiled and run. (node16 and node18 refuse it with TS1479, as the README says.)
  mkdirSync(join(dir, 'cts'));
  writeFileSync(join(dir, 'cts/package.json'), JSON.stringify({ type: 'commonjs' }));
  writeFileSync(
    join(dir, 'cts/consumer.ts'),
    `import { runFleet, InputError, type FleetReport } from 'autopilot-sim';
runFleet({ scenario: 'user-driven' }, { devices: 500 }).then((report: FleetReport) => console.log(report.devices, typeof InputError));
`,
  );
  for (const module of ['nodenext', 'node20', 'commonjs']) {
    writeFileSync(join(dir, `cts/tsconfig.${module}.json`), JSON.stringify({ compilerOptions: { module, target: 'ES2022', strict: true, outDir: `out-${module}`, skipLibCheck: false, types: [] }, files: ['consumer.ts'] }));
    const ctsBuilt = output(process.execPath, [tsc, '-p', `cts/tsconfig.${module}.json`]);
    const ctsRun = ctsBuilt === '' ? output(process.execPath, [`cts/out-${module}/consumer.js`]) : ctsBuilt;
    check(`TypeScript compiled to CommonJS (module ${module}) requires the library, typed, and runs it`, ctsRun === '500 function', ctsRun.split('\n').slice(0, 6).join('\n'));
  }
  // As the README says: node16 and node18 model Nodes that could not require an ES module.
  for (const module of ['node16', 'node18']) {
    writeFileSync(join(dir, `cts/tsconfig.${module}.json`), JSON.stringify({ compilerOptions: { module, target: 'ES2022', strict: true, noEmit: true, types: [] }, files: ['consumer.ts'] }));
    const refused = output(process.execPath, [tsc, '-p', `cts/tsconfig.${module}.json`]);
    check(`TypeScript module ${module} refuses the import with TS1479, as the README says`, /error TS1479/.test(refused), refused.slice(0, 300));
  }

  // TypeScript 5, which most projects still compile with, on the same consumers: its "module": "commonjs" resolves the
  // old way (node10: zod's CommonJS declarations, where TypeScript 7 reads the package's exports), and without
  // esModuleInterop it failed inside zod's declarations, which the package's pulled in (TS1259 for each of zod's locales).
  const ts5 = join(dir, 'ts5');
  mkdirSync(ts5);
  writeFileSync(join(ts5, 'package.json'), JSON.stringify({ name: 'ts5', version: '1.0.0', private: true }));
  const ts5Installed = spawnSyncText(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', `typescript@${TYPESCRIPT_5}`], ts5);
  const tsc5 = join(ts5, 'node_modules/typescript/bin/tsc');
  check(`npm install typescript@${TYPESCRIPT_5} (a consumer's compiler)`, ts5Installed.status === 0 && existsSync(tsc5), ts5Installed.stderr.trim());
  // Its checks take about five times the CPU of TypeScript 7's: the settings where 5 and 7 differ, or most projects are.
  for (const [config, what] of [['tsconfig.strictest.json', 'NodeNext, exactOptionalPropertyTypes and the rest'], ['tsconfig.bundler.json', 'bundler resolution']]) {
    const checked = output(process.execPath, [tsc5, '-p', config]);
    check(`TypeScript ${TYPESCRIPT_5} (${what}, no skipLibCheck) type-checks the same consumer`, checked === '', checked.split('\n').slice(0, 8).join('\n'));
  }
  for (const [module, interop] of [['commonjs', false], ['nodenext', undefined]]) {
    const name = `ts5-${module}${interop === undefined ? '' : interop ? '-interop' : '-no-interop'}`;
    writeFileSync(join(dir, `cts/tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { module, ...(interop === undefined ? {} : { esModuleInterop: interop }), target: 'ES2022', strict: true, outDir: `out-${name}`, skipLibCheck: false, types: [] }, files: ['consumer.ts'] }));
    const built = output(process.execPath, [tsc5, '-p', `cts/tsconfig.${name}.json`, '--listFiles']);
    const errors = built.split('\n').filter((l) => /error TS/.test(l));
    const zod = built.split('\n').filter((l) => /\/node_modules\/zod\//.test(l));
    const ran = errors.length === 0 ? output(process.execPath, [`cts/out-${name}/consumer.js`]) : errors.slice(0, 6).join('\n');
    check(
      `TypeScript ${TYPESCRIPT_5} compiled to CommonJS (module ${module}${interop === undefined ? '' : `, esModuleInterop ${interop}`}, no skipLibCheck) requires the library, typed, without zod's declarations, and runs it`,
      ran === '500 function' && zod.length === 0,
      zod.length ? `zod's declarations loaded: ${zod.length} files, ${zod[0]}` : ran,
    );
  }
  const refused5 = output(process.execPath, [tsc5, '-p', 'cts/tsconfig.node16.json']);
  check(`TypeScript ${TYPESCRIPT_5} module node16 refuses the import with TS1479, as the README says`, /error TS1479/.test(refused5), refused5.slice(0, 300));

  // A program bundled with esbuild: the library kept external (as the README says to) runs on worker threads; bundled
  // inside, it builds (it stopped at 'Could not resolve "esbuild"', an import only the TypeScript source runs), runs on
  // this thread and says what to do when asked for workers.
  const esbuild = join(dirname(createRequire(join(root, 'package.json')).resolve('esbuild/package.json')), 'bin/esbuild');
  writeFileSync(
    join(dir, 'app.mjs'),
    `import { runFleet } from 'autopilot-sim';
const one = await runFleet({ scenario: 'user-driven' }, { devices: 500 });
let workers;
try { workers = JSON.stringify(await runFleet({ scenario: 'user-driven' }, { devices: 500, workers: 2 })) === JSON.stringify(one); } catch (e) { workers = e.message; }
console.log(one.devices, workers);
`,
  );
  const external = output(esbuild, ['app.mjs', '--bundle', '--platform=node', '--format=esm', '--packages=external', '--outfile=bundle/external.mjs', '--log-level=warning']);
  const externalRun = external === '' ? output(process.execPath, ['bundle/external.mjs']) : external;
  check('esbuild --bundle --packages=external: the program runs on 2 workers as on one', externalRun === '500 true', externalRun);
  // Bundled inside an ES module with no banner and no option: it stopped at its first line ('Dynamic require of "process"
  // is not supported': yaml's CommonJS build, which Node's exports condition gave, requires Node's process) unless the
  // program defined a `require` (a createRequire banner). The library bundles yaml's ES module build (scripts/build.mjs).
  const inside = output(esbuild, ['app.mjs', '--bundle', '--platform=node', '--format=esm', '--outfile=bundle/inside.mjs', '--log-level=warning']);
  const insideRun = inside === '' ? output(process.execPath, ['bundle/inside.mjs']) : inside;
  check(`esbuild --bundle --format=esm with the library inside, no banner: it builds and runs, and workers say to keep it external: ${insideRun.slice(0, 100)}`, /^500 autopilot-sim: its worker script .* keep it external/.test(insideRun), insideRun);
  check('docs/library.md gives an ES module bundle no banner to add', !/--banner/.test(readFileSync(join(root, 'docs/library.md'), 'utf8')));
  // Bundled inside a CommonJS program (esbuild leaves import.meta empty there), and either bundle deployed alone (no
  // package.json above it): importing the library was a TypeError ('The "path" argument must be of type string') and
  // 'no package.json above', before the program ran a line; a bundled name said 'file not found (give a path, or a
  // bundled name ...)', as if the name were wrong. It runs on one thread, and a bundled name and the workers say why not.
  writeFileSync(
    join(dir, 'app.cjs'),
    `const { loadFleet, runFleet } = require('autopilot-sim');
(async () => {
  let named = 'read';
  try { loadFleet('fleets/branch-rollout'); } catch (e) { named = e.message; }
  const one = await runFleet({ scenario: 'user-driven' }, { devices: 500 });
  let workers = 'ran';
  try { await runFleet({ scenario: 'user-driven' }, { devices: 500, workers: 2 }); } catch (e) { workers = e.message; }
  console.log(one.devices, named, '|', workers);
})();
`,
  );
  const cjsInside = output(esbuild, ['app.cjs', '--bundle', '--platform=node', '--format=cjs', '--outfile=bundle/inside.cjs', '--log-level=warning']);
  const alone = mkdtempSync(join(tmpdir(), 'autopilot-sim-bundle-'));
  try {
    const bundled = /^500 fleets\/branch-rollout: file not found, and autopilot-sim is bundled into this program without its bundled scenarios: .*keep it external.* \| autopilot-sim: its worker script .* keep it external/;
    for (const [what, file, cwd] of [['CommonJS', 'bundle/inside.cjs', dir], ['CommonJS, deployed alone', 'inside.cjs', alone], ['ES module, deployed alone', 'inside.mjs', alone]]) {
      if (cwd === alone) writeFileSync(join(alone, file), readFileSync(join(dir, 'bundle', file)));
      const ran = cjsInside === '' ? output(process.execPath, [file], cwd) : cjsInside;
      if (file === 'inside.mjs') {
        check(`esbuild --bundle, the library inside an ES module deployed alone: it runs: ${ran.slice(0, 80)}`, /^500 autopilot-sim: its worker script .* keep it external/.test(ran), ran);
      } else {
        check(`esbuild --bundle --format=cjs, the library inside (${what}): it runs on one thread, a bundled name and workers say why not: ${ran.slice(0, 60)}`, bundled.test(ran), ran);
      }
    }
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }

  // 5. The command, through npx, on a bundled fleet.
  const version = sh('npx', ['--no-install', 'autopilot-sim', '--version']).trim();
  check('npx autopilot-sim --version', version === JSON.parse(sh(process.execPath, ['-p', 'JSON.stringify(require("./node_modules/autopilot-sim/package.json").version)'])), version);
  const run = sh('npx', ['--no-install', 'autopilot-sim', 'run', 'fleets/branch-rollout', '--devices', '300', '--json']);
  const report = JSON.parse(run);
  check('npx autopilot-sim run fleets/branch-rollout --devices 300 --json', report.devices === 300, run.slice(0, 300));
  const workers = JSON.parse(sh('npx', ['--no-install', 'autopilot-sim', 'run', 'fleets/branch-rollout', '--devices', '300', '--json', '--workers', '2']));
  check('the same run on 2 worker threads (dist/worker.cjs) gives the same report', JSON.stringify(workers) === JSON.stringify(report));

  // Every command's --help examples, as the installed command prints them, run from a consumer's folder: the bundled
  // scenarios, fleets and calibration sample they name are shipped and found from node_modules (calibrate's
  // `scenarios/calibration/...`, a clone's path, too). The studio serves (below) and play steps with keys; play --auto
  // runs. capabilities and coverage read no file (and coverage takes 15 s): left out.
  const commands = [...sh('npx', ['--no-install', 'autopilot-sim', '--help']).matchAll(/^ {2}(\w+) .*$/gm)].map((m) => m[1]).filter((c) => !['help', 'studio', 'capabilities', 'coverage'].includes(c));
  const examples = commands.flatMap((c) => [...(sh('npx', ['--no-install', 'autopilot-sim', c, '--help']).split('\nExamples:\n')[1] ?? '').replace(/ \\\n {4}/g, ' ').matchAll(/^ {2}autopilot-sim (.+)$/gm)].map((m) => m[1].replace(/ > \S+$/, '').split(' ')));
  const examplesDir = join(dir, 'examples');
  mkdirSync(examplesDir);
  const examplesFailed = examples
    .filter((argv) => argv[0] !== 'play' || argv.includes('--auto'))
    .map((argv) => ({ argv, r: spawnSync(process.execPath, [join(dir, 'node_modules/autopilot-sim/dist/cli.js'), ...argv], { cwd: examplesDir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } }) }))
    .filter(({ r }) => r.status !== 0);
  check(`every command's --help examples run from a consumer's folder (${examples.length} examples of ${commands.length} commands)`, examples.length > commands.length && examplesFailed.length === 0, examplesFailed.map(({ argv, r }) => `autopilot-sim ${argv.join(' ')}: exit ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`).join('\n'));

  // The package's bin, through the link npm makes in node_modules/.bin, from a folder outside the project (a path with spaces).
  const elsewhere = mkdtempSync(join(tmpdir(), 'autopilot-sim another folder-'));
  try {
    const bin = spawnSync(join(dir, 'node_modules/.bin/autopilot-sim'), ['run', 'fleets/branch-rollout', '--devices', '50', '--workers', '2', '--json'], { cwd: elsewhere, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    check("node_modules/.bin/autopilot-sim run from another folder, both paths with spaces, on 2 workers", bin.status === 0 && JSON.parse(bin.stdout).devices === 50, `${bin.status ?? bin.signal} ${bin.stderr}`.slice(0, 300));
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }

  // 6. The studio serves its page on 127.0.0.1.
  const page = await studioPage();
  check('npx autopilot-sim studio serves the page over 127.0.0.1', page.status === 200 && /<html/i.test(page.body) && /<script/i.test(page.body), `${page.status} ${page.body.slice(0, 200)}`);
} catch (e) {
  check('the package test ran to its end', false, `${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${failures === 0 ? 'package test passed' : `package test: ${failures} failed`} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = failures === 0 ? 0 : 1;

/** The fenced block after `<!-- package-test: name -->` in the README. */
function readmeBlock(name) {
  // The README's first script, and docs/library.md's others.
  const readme = ['README.md', 'docs/library.md'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const block = new RegExp(`<!-- package-test: ${name.replace('.', '\\.')} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!block) throw new Error(`README.md and docs/library.md have no block marked <!-- package-test: ${name} -->`);
  return block[1];
}

function studioPage() {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--no-install', 'autopilot-sim', 'studio'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    const stop = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
    };
    const timer = setTimeout(() => (stop(), reject(new Error(`studio did not print its address in 60 s: ${out}${err}`))), 60_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', async (d) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(out)?.[0];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      try {
        const res = await fetch(url);
        resolve({ status: res.status, body: await res.text() });
      } catch (e) {
        reject(e);
      } finally {
        stop();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`studio exited with ${code}: ${out}${err}`));
    });
  });
}

/**
 * What a script's editor would show without a doc comment, in the library's declarations: each export of the entry
 * (followed through a re-export to the declaration it names), and each option of an interface the entry declares, with
 * the options it inherits from the modules it imports them from (documented in the interface or in one it extends).
 */
function undocumentedExports(entry) {
  const missing = [];
  const files = new Map();
  const read = (file) => {
    if (!files.has(file)) files.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
    return files.get(file);
  };
  // A doc comment above; or, for a type beside its value (export const X ...; export type X = ...), the value's.
  const documented = (lines, i) => {
    if (/\*\/\s*$/.test(lines[i - 1] ?? '')) return true;
    const name = /^export (?:declare )?\w+ ([A-Za-z_$][\w$]*)/.exec(lines[i])?.[1];
    return name !== undefined && new RegExp(`^export (declare )?\\w+ ${name}\\b`).test(lines[i - 1] ?? '') && documented(lines, i - 1);
  };
  const declaration = (name) => new RegExp(`^export (declare )?(function|const|let|class|interface|type|enum) ${name}\\b`);
  // The modules a file imports or re-exports each name from: local name -> [file, name there].
  const sources = (file) => {
    const map = new Map();
    for (const m of read(file).join('\n').matchAll(/(?:import|export) (?:type )?\{([^}]*)\} from '(\.[^']+)'/g)) {
      for (const part of m[1].split(',')) {
        const [from, as] = part.replace(/\btype\s+/, '').trim().split(/\s+as\s+/);
        if (from) map.set(as ?? from, [join(dirname(file), m[2].replace(/\.js$/, '.d.ts')), from]);
      }
    }
    return map;
  };
  const hasDoc = (file, name, depth = 0) => {
    const lines = read(file);
    const i = lines.findIndex((l) => declaration(name).test(l));
    if (i >= 0) return documented(lines, i);
    const from = sources(file).get(name);
    return depth < 5 && from !== undefined && hasDoc(from[0], from[1], depth + 1);
  };
  // An interface's or a class's public members, each with whether its declaration there has a doc; and those of the
  // interfaces or the class it extends.
  const members = (file, name, depth = 0) => {
    const lines = read(file);
    const start = lines.findIndex((l) => new RegExp(`^(export )?(declare )?(interface|class) ${name}\\b`).test(l));
    if (start < 0) {
      const from = sources(file).get(name);
      return depth < 5 && from ? members(from[0], from[1], depth + 1) : new Map();
    }
    const own = new Map();
    for (let i = start + 1; i < lines.length && !/^}/.test(lines[i]); i++) {
      const m = /^ {4}(?:static )?(?:readonly )?(?:get |set )?([A-Za-z_$][\w$]*)\??[:(<]/.exec(lines[i]);
      if (m && m[1] !== 'constructor') own.set(m[1], (own.get(m[1]) ?? false) || documented(lines, i));
    }
    const bases = /\bextends ([^{]+)\{/.exec(lines[start])?.[1].split(',').map((b) => b.trim()).filter((b) => /^[A-Za-z_$][\w$]*$/.test(b)) ?? [];
    for (const base of bases) for (const [m, doc] of members(file, base, depth + 1)) own.set(m, own.get(m) || doc);
    return own;
  };
  const lines = read(entry);
  lines.forEach((line, i) => {
    const own = /^export (?:declare )?(?:function|const|let|class|interface|type|enum) ([A-Za-z_$][\w$]*)/.exec(line);
    if (own && !documented(lines, i)) missing.push(own[1]);
    // export { a } from './x.js', or export { a } of a name imported: the declaration it names.
    const reexport = /^export (?:type )?\{([^}]*)\}(?: from '(\.[^']+)')?/.exec(line);
    if (reexport) {
      for (const part of reexport[1].split(',')) {
        const name = part.replace(/\btype\s+/, '').trim().split(/\s+as\s+/)[0];
        if (!name) continue;
        const [file, there] = reexport[2] ? [join(dirname(entry), reexport[2].replace(/\.js$/, '.d.ts')), name] : (sources(entry).get(name) ?? [entry, name]);
        if (!hasDoc(file, there)) missing.push(name);
      }
    }
    if (/^export \*/.test(line)) missing.push(`${line} (names nothing to document)`);
    // An options interface's options and a class's members (a result's fields, FleetReport's, are what --json prints).
    const iface = /^(?:export )?(?:declare )?(?:interface ([A-Za-z_$][\w$]*Options)|class ([A-Za-z_$][\w$]*))\b/.exec(line);
    const named = iface?.[1] ?? iface?.[2];
    if (named) for (const [m, doc] of members(entry, named)) if (!doc) missing.push(`${named}.${m}`);
  });
  return missing;
}
