// The build: what `npm install` (prepare) and `npm pack` run, so that no start compiles anything.
//   dist/index.js    the library (ESM), dist/index.d.ts and dist/types/ its declarations
//   dist/cli.js      the command line (ESM, its dependencies bundled); each command's code in its own chunk, loaded when used
//   dist/worker.cjs  the fleet worker: one self-contained script, started once per thread
//   dist/worker.cjs.cache  V8's code cache for it (a worker that can use it starts faster)
//   dist/studio/     the studio app (vite)
// `node scripts/build.mjs js` builds the JavaScript only (the tests' global set-up does it, in
// well under a second); `types` the declarations; `studio` the app; no argument, all three.
// `--if-stale` (the clone's `prepare`) builds only when an output is missing or an input is newer.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
const parts = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const want = (part) => parts.length === 0 || parts.includes(part);

export async function buildJs() {
  const esbuild = await import('esbuild');
  // Remove the previous build's scripts (chunk names change with their content).
  for (const name of safeList(dist)) if (/\.(c?js|map)$/.test(name)) rmSync(join(dist, name));
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { index: 'src/index.ts' },
      outdir: dist,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      // The library's dependencies stay in node_modules, shared with the application that imports it; yaml's ES module
      // build is bundled in (yamlAsEsm).
      plugins: [yamlAsEsm()],
    }),
    esbuild.build({
      ...common,
      entryPoints: { cli: 'src/cli/main.ts' },
      outdir: dist,
      format: 'esm',
      splitting: true,
      chunkNames: 'cli-[hash]',
      // The command's dependencies bundled into its chunks: resolving and loading a hundred
      // files of node_modules at each start cost about a fifth of a second. The build tools
      // (esbuild, vite) and the browser stay outside, loaded only by the commands that need them.
      external: ['esbuild', 'vite', 'playwright-core', '@sparticuz/chromium'],
      // Bundled CommonJS dependencies call require() for Node's own modules.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    }),
    esbuild.build({
      ...common,
      // Its dependencies bundled in: a worker thread starts from this one file.
      entryPoints: ['src/fleet/worker.ts'],
      outfile: join(dist, 'worker.cjs'),
      format: 'cjs',
    }),
  ]);
  // A path made from the module's own place (new URL('../../scenarios/', import.meta.url)) means
  // one thing in src/x/ and another in dist/: such code finds the package's folder with
  // src/package-root.ts instead. Refuse a build that would look in the wrong place.
  for (const name of readdirSync(dist)) {
    if (!name.endsWith('.js')) continue;
    const found = /new URL\(\s*["'`]\.\.\/[^)]*import\.meta\.url\s*\)/.exec(readFileSync(join(dist, name), 'utf8'));
    if (found) throw new Error(`build: dist/${name} has ${found[0]}: from dist/ that path leads elsewhere than from src/; use PACKAGE_ROOT (src/package-root.ts)`);
  }
  workerCodeCache();
  // dist/cli.js is the package's `bin`.
  const cli = join(dist, 'cli.js');
  writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
  chmodSync(cli, 0o755);
}

/**
 * The library's imports of packages left to node_modules, but yaml's: its ES module build bundled into the library.
 * Under Node, yaml's exports give its CommonJS build, which requires Node's `process` and `buffer`; a consumer that
 * bundled the library inside an ES module program (esbuild --platform=node --format=esm) got that CommonJS in its
 * bundle, where no `require` exists, and the program stopped at its first line ('Dynamic require of "process" is not
 * supported') unless it added a createRequire banner. yaml's ES module build (the one its exports give a browser: the
 * same parser; its warnings go to console.warn, not process.emitWarning, and the library parses with logLevel 'error' or
 * 'silent', so it warns of nothing; a !!binary tag is read with atob, not Buffer) requires nothing; its exports map does not
 * let an import name it (yaml/browser/index.js), so it is bundled here, by its path, and yaml is not a dependency of
 * the package (the command and the worker bundle theirs).
 */
function yamlAsEsm() {
  return {
    name: 'yaml-as-esm',
    setup(build) {
      const esm = join(dirname(createRequire(join(root, 'package.json')).resolve('yaml/package.json')), 'browser/index.js');
      // Every other package external, as `packages: 'external'` leaves them (a bare name: not relative, not absolute).
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        return args.path === 'yaml' ? { path: esm } : { path: args.path, external: true };
      });
    },
  };
}

/**
 * dist/worker.cjs.cache: V8's code cache for the worker, so each worker thread starts without
 * parsing and compiling its megabyte of script (src/fleet/pool.ts loads it). Made by loading the
 * script once in a child process (outside a worker it only loads), after its start-up code ran,
 * so the functions that run at every start are in it. Node on another V8 version rejects it and
 * compiles as usual.
 */
function workerCodeCache() {
  const file = join(dist, 'worker.cjs');
  const code = `const { readFileSync, writeFileSync } = require('node:fs');
const vm = require('node:vm');
const file = ${JSON.stringify(file)};
const script = new vm.Script(require('node:module').wrap(readFileSync(file, 'utf8')), { filename: file });
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, require, module_, file, require('node:path').dirname(file));
writeFileSync(file + '.cache', script.createCachedData());`;
  execFileSync(process.execPath, ['-e', code], { cwd: root, stdio: 'inherit' });
}

export function buildTypes() {
  const out = join(dist, 'types');
  rmSync(out, { recursive: true, force: true });
  // The declarations, and the types zod infers written out (zodAliases) in the same compile.
  const zod = zodAliases();
  try {
    execFileSync(process.execPath, [tscBin(), '-p', join(ZOD_WORK, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  } catch (e) {
    rmSync(ZOD_WORK, { recursive: true, force: true });
    throw e;
  }
  // The sources import each other as './x.ts'; their declarations are './x.d.ts', found as './x.js'.
  for (const file of walk(out)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3');
    if (fixed !== text) writeFileSync(file, fixed);
  }
  zodTypesWrittenOut(out, zod);
  withoutXStateTypes(out);
  writeFileSync(join(dist, 'index.d.ts'), `export * from './${relative(dist, join(out, 'src/index.js'))}';\n`);
}

/**
 * The public declarations never load XState's own: with `skipLibCheck` false a consumer's type-check checked them, and
 * they fail under `exactOptionalPropertyTypes` (TS2344 in XState's setup.d.ts) in a program that never touches a machine.
 * 1. The XState types the declarations name come from the package's own file (scripts/xstate-types.d.ts, copied to
 *    dist/types/xstate.d.ts, says why): each `import type { ... } from 'xstate'` naming only what it declares points there.
 * 2. A declaration the entry reaches that still names XState (machines/setup.d.ts's `deployment`, the machines' builder,
 *    and what is typed from it) is left out of the published file: the entry reaches such a module for its plain types
 *    (ScenarioId, DeploymentInput), and the machines that use the rest are not part of the public declarations.
 * 3. Declarations the entry does not reach are not published (the exports map offers only dist/index.d.ts).
 * A declaration the entry reaches that names XState after that fails the build, naming the chain of imports.
 * fast-check's are left out the same way (2.): the capability table's generators, which the entry reaches for their plain
 * types (Variant, GeneratedEnvironment), return its Arbitrary, and its declarations import pure-rand's by paths that only
 * an exports map resolves, so a consumer on TypeScript 5's `"module": "commonjs"` (node10 resolution) failed in them
 * ("Cannot find module 'pure-rand/types/RandomGenerator'", TS2307).
 * yaml's too: the file reader's ParsedText (its Document and LineCounter), an internal type that load.d.ts declared
 * beside InputError and defaultEnvironment, loaded yaml's declarations into every consumer's type-check. The package
 * test holds the published declarations to import no package at all.
 */
const UNPUBLISHED_TYPES = ['xstate', 'fast-check', 'zod', 'yaml'];

/**
 * The types the schemas infer (Environment, EnvironmentInput, Fleet, FleetInput, ScenarioFile, RunFile, App, Duration...:
 * each `export type X = z.infer<typeof XSchema>` or `z.input`) written out in the published declarations, as plain
 * object types, so that they never load zod's: a consumer on TypeScript 5's `"module": "commonjs"` (node10 resolution,
 * zod's CommonJS declarations) without `esModuleInterop` failed in them with skipLibCheck off ("Module '.../zod/v4/locales/ar'
 * can only be default-imported using the 'esModuleInterop' flag", TS1259, once for each of zod's locales, which
 * zod/index.d.cts reaches through v4/classic/external.d.cts). The schemas themselves (AppSchema...) are then left out as
 * XState's types are (UNPUBLISHED_TYPES).
 * zodAliases() finds them in the sources and writes dist/.zod-types/expand.ts, compiled with the declarations: tsc writes
 * each type out there (a declaration of `expand<X>()`, whose conditional type prints as the object it is).
 * zodTypesWrittenOut() puts each in its place, after a check that holds each written type identical to the inferred one
 * (readonly and optional alike), or the build fails.
 */
const ZOD_WORK = join(dist, '.zod-types');

function zodAliases() {
  const aliases = [];
  for (const file of walk(join(root, 'src'))) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    for (const [line, name] of readFileSync(file, 'utf8').matchAll(/^export type (\w+) = z\.(?:infer|input|output)<typeof \w+>;$/gm)) {
      aliases.push({ line, name, source: relative(root, file) });
    }
  }
  rmSync(ZOD_WORK, { recursive: true, force: true });
  mkdirSync(ZOD_WORK, { recursive: true });
  const imports = aliases.map((a, i) => `import type { ${a.name} as T${i} } from '../../${a.source}';`).join('\n');
  writeFileSync(
    join(ZOD_WORK, 'expand.ts'),
    `${imports}
type Expand<T> = T extends infer O ? { [K in keyof O]: O[K] } : never;
declare function expand<T>(): Expand<T>;
${aliases.map((_, i) => `export const t${i} = expand<T${i}>();`).join('\n')}
`,
  );
  writeFileSync(join(ZOD_WORK, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.build.json', files: ['expand.ts'] }));
  return { aliases, imports };
}

function zodTypesWrittenOut(out, { aliases, imports }) {
  try {
    const emitted = join(out, relative(root, ZOD_WORK), 'expand.d.ts');
    const written = new Map([...readFileSync(emitted, 'utf8').matchAll(/^export declare const t(\d+): ([\s\S]*?);$(?=\n(?:export|$))/gm)].map((m) => [Number(m[1]), m[2]]));
    rmSync(join(out, relative(root, dist)), { recursive: true, force: true });
    aliases.forEach((a, i) => {
      a.text = written.get(i);
      // Plain types only: a name (an import of another module's type) would need its import.
      if (a.text === undefined || /\bimport\(|\bz\./.test(a.text)) throw new Error(`build: ${a.name} (${a.source}) could not be written out as a plain type: ${a.text?.slice(0, 200)}`);
    });
    // Each written type is the inferred one: mutually identical, readonly and optional modifiers included.
    writeFileSync(
      join(ZOD_WORK, 'same.ts'),
      `${imports}
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
${aliases.map((_, i) => `export const same${i}: Same<T${i}, W${i}> = true;`).join('\n')}
${aliases.map((a, i) => `type W${i} = ${a.text};`).join('\n')}
`,
    );
    writeFileSync(join(ZOD_WORK, 'tsconfig.same.json'), JSON.stringify({ extends: '../../tsconfig.json', files: ['same.ts'], include: [] }));
    try {
      execFileSync(process.execPath, [tscBin(), '-p', join(ZOD_WORK, 'tsconfig.same.json')], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      // The checks' lines follow the imports and Same's.
      const wrong = [...`${e.stdout}`.matchAll(/same\.ts\((\d+),/g)].map((m) => aliases[Number(m[1]) - aliases.length - 2]?.name ?? `line ${m[1]}`);
      throw new Error(`build: the written-out type differs from zod's inferred one: ${wrong.join(', ')}\n${e.stdout}`);
    }
  } finally {
    rmSync(ZOD_WORK, { recursive: true, force: true });
  }
  for (const file of walk(out)) {
    if (!file.endsWith('.d.ts')) continue;
    let text = readFileSync(file, 'utf8');
    const here = aliases.filter((a) => file === join(out, a.source.replace(/\.ts$/, '.d.ts')));
    if (here.length === 0) continue;
    for (const a of here) text = text.replace(a.line, `export type ${a.name} = Inferred<${a.text}>;`);
    // Through Inferred the type has no name of its own, as zod's inferred type had none: a consumer's declarations
    // (declaration: true) print it whole where its value appears, as before; a name declared in a module the exports map
    // does not offer could not be printed (TS2883, 'cannot be named without a reference to ...').
    writeFileSync(file, `${text.trimEnd()}\n/** A type zod infers from a schema, written out (scripts/build.mjs). */\ntype Inferred<T> = T;\n`);
  }
}

/** The compiler's command (TypeScript 7 exports only its package.json, not bin/tsc). */
function tscBin() {
  return join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
}

function withoutXStateTypes(out) {
  const shim = readFileSync(join(root, 'scripts/xstate-types.d.ts'), 'utf8');
  writeFileSync(join(out, 'xstate.d.ts'), shim);
  const declared = new Set([...shim.matchAll(/^export interface (\w+)/gm)].map((m) => m[1]));
  for (const file of walk(out)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(/^import (type )?\{([^}]*)\} from 'xstate';$/gm, (line, _type, names) => {
      const listed = names.split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter(Boolean);
      if (!listed.every((n) => declared.has(n))) return line;
      let path = relative(dirname(file), join(out, 'xstate.js'));
      if (!path.startsWith('.')) path = `./${path}`;
      return `import type { ${listed.join(', ')} } from '${path}';`;
    });
    if (fixed !== text) writeFileSync(file, fixed);
  }
  const entry = join(out, 'src/index.d.ts');
  const namesXState = (text) => NAMES_UNPUBLISHED.test(text);
  for (;;) {
    const from = reachedFrom(entry);
    const offenders = [...from.keys()].filter((file) => namesXState(readFileSync(file, 'utf8')));
    // A module that imports or re-exports what another no longer declares (durations.d.ts's DurationSchema, left out
    // there, re-exported by schema.d.ts) leaves those names out in turn.
    for (const file of from.keys()) {
      const gone = goneImports(file);
      if (gone.size === 0) continue;
      const text = readFileSync(file, 'utf8');
      const kept = withoutXStateDeclarations(text, gone);
      if (kept === text) throw new Error(`build: ${relative(dist, file)} imports ${[...gone].join(', ')}, which the published declarations leave out`);
      writeFileSync(file, kept);
    }
    if (offenders.length === 0 && [...from.keys()].every((file) => goneImports(file).size === 0)) {
      for (const file of walk(out)) if (file.endsWith('.d.ts') && !from.has(file) && file !== join(out, 'xstate.d.ts')) rmSync(file);
      removeEmptyFolders(out);
      return;
    }
    for (const file of offenders) {
      const text = readFileSync(file, 'utf8');
      const kept = withoutXStateDeclarations(text);
      if (kept === text || namesXState(kept)) {
        const chain = [];
        for (let f = file; f; f = from.get(f)) chain.unshift(relative(dist, f));
        throw new Error(`build: the public declarations reach ${NAMES_UNPUBLISHED.exec(kept)?.[1]}'s own types (${chain.join(' -> ')}): import an XState type from 'xstate' as scripts/xstate-types.d.ts declares it, or add it there; declare the part of another that a script reads`);
      }
      writeFileSync(file, kept);
    }
  }
}

/** Each declaration file the entry reaches by relative imports, with the file that imports it first (null for the entry). */
function reachedFrom(entry) {
  const from = new Map([[entry, null]]);
  for (const file of from.keys()) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
      const next = join(dirname(file), `${spec}.d.ts`);
      if (!from.has(next)) from.set(next, file);
    }
  }
  return from;
}

/** The names a declaration file imports or re-exports from a relative module that does not export them. */
function goneImports(file) {
  const gone = new Set();
  for (const [, list, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export) (?:type )?\{([^}]*)\} from '(\.{1,2}\/[^']+)\.js';$/gm)) {
    const target = readFileSync(join(dirname(file), `${spec}.d.ts`), 'utf8');
    if (/^export \*/m.test(target)) continue;
    const exported = new Set([
      ...[...target.matchAll(/^export (?:declare )?(?:abstract )?(?:const|let|var|function|type|interface|class|enum|namespace) (\w+)/gm)].map((m) => m[1]),
      ...[...target.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((m) => m[1].split(',').map((p) => p.trim().replace(/^type\s+/, '').split(/\s+as\s+/).at(-1))),
    ]);
    for (const part of list.split(',')) {
      const [name, local] = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
      if (name && !exported.has(name)) gone.add(local ?? name);
    }
  }
  return gone;
}

/** An import of one of UNPUBLISHED_TYPES, its name captured. */
const NAMES_UNPUBLISHED = new RegExp(`(?:from\\s*|import\\s*\\(\\s*)['"](${UNPUBLISHED_TYPES.join('|')})['"]`);

/**
 * A declaration file without its top-level declarations that name XState (or another of UNPUBLISHED_TYPES), and those
 * that name one of them in turn, or a name an import of it binds (`import fc from 'fast-check'`, then `fc.Arbitrary`).
 * tsc writes each top-level statement from column 0 (a doc comment before it, its continuation indented or closing a brace).
 */
function withoutXStateDeclarations(text, gone = new Set()) {
  const statements = [];
  let comment = [];
  let inComment = false;
  for (const line of text.split('\n')) {
    if (inComment || line.startsWith('/**') || line.startsWith('//')) {
      comment.push(line);
      inComment = line.startsWith('//') ? false : !line.includes('*/');
      continue;
    }
    const starts = /^(?:export|declare|import|type|interface|function|const|let|var|class|enum|namespace)\b/.test(line);
    if (starts || statements.length === 0) statements.push({ lines: [...comment, line], name: /^(?:export )?(?:declare )?(?:const|let|var|function|type|interface|class|enum|namespace) (\w+)/.exec(line)?.[1] });
    else statements.at(-1).lines.push(...comment, line);
    comment = [];
  }
  if (comment.length > 0) statements.push({ lines: comment });
  const names = new Set(gone);
  let dropping = statements.filter((s) => NAMES_UNPUBLISHED.test(s.lines.join('\n')));
  // The names gone from the modules this one imports: its imports of them, and what names them, go.
  if (gone.size > 0) dropping.push(...statements.filter((s) => !dropping.includes(s) && /^(?:import|export) /.test(s.lines[0]) && new RegExp(`\\b(?:${[...gone].join('|')})\\b`).test(s.lines.join('\n')) && !withoutNames(s, names)));
  while (dropping.length > 0) {
    for (const s of dropping) {
      s.dropped = true;
      if (s.name) names.add(s.name);
      // import x from, import * as x from, import { a, b as x } from: the names it binds.
      const bound = /^import (?:type )?(.*?) from /.exec(s.lines.find((l) => l.startsWith('import')) ?? '')?.[1] ?? '';
      for (const part of bound.replace(/[{}]/g, ',').split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).at(-1)?.replace(/^\*$/, '');
        if (name) names.add(name);
      }
    }
    const named = new RegExp(`\\b(?:${[...names].join('|')})\\b`);
    // Its code, not its comments' words ('the deployment' in a comment).
    const code = (s) => s.lines.join('\n').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    dropping = names.size === 0 ? [] : statements.filter((s) => !s.dropped && named.test(code(s)) && !withoutNames(s, names));
  }
  return statements.filter((s) => !s.dropped).flatMap((s) => s.lines).join('\n');
}

/**
 * An import or export list (`export { DurationSchema, type Duration } from './durations.js';`) that names other things
 * too keeps them: the names dropped are taken out of it, and true is returned (nothing left to drop).
 */
function withoutNames(statement, names) {
  const list = statement.lines.length === 1 ? /^(export|import) (type )?\{([^}]*)\}(.*)$/.exec(statement.lines[0]) : null;
  if (!list) return false;
  const kept = list[3].split(',').map((p) => p.trim()).filter((p) => p && !names.has(p.replace(/^type\s+/, '').split(/\s+as\s+/).at(-1)));
  if (kept.length === 0) return false;
  statement.lines[0] = `${list[1]} ${list[2] ?? ''}{ ${kept.join(', ')} }${list[4]}`;
  return true;
}

export async function buildStudio() {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'src/studio/vite.config.ts'), logLevel: 'warn' });
}

function safeJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function removeEmptyFolders(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeEmptyFolders(join(dir, entry.name));
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/**
 * Inputs compared by content with what the last whole build read (dist/.inputs.json), not by time: `npm install` writes
 * package-lock.json anew on every install, unchanged, before it runs `prepare`, so each later `npm install` in a clone
 * built everything again (30 s or more) though no source had changed.
 */
const BY_CONTENT = ['package-lock.json'];
const STAMP = 'dist/.inputs.json';

function contentOf(dir, input) {
  const path = join(dir, input);
  return statSync(path, { throwIfNoEntry: false }) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

/** What the build reads, and what it writes (each made by every whole build). */
const INPUTS = ['src', 'machines', 'scenarios', 'scripts/build.mjs', 'scripts/xstate-types.d.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const OUTPUTS = ['dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'dist/worker.cjs', 'dist/worker.cjs.cache', 'dist/studio/index.html'];

/**
 * Why the build in `dir` must run (an output missing, or an input changed since the oldest output was written), or
 * null when it is current. `npx autopilot-sim` in a clone installs the clone into npx's cache, and npm runs its
 * `prepare` there: the whole build again on a newcomer's first npx command (26 s measured in a fresh clone), rewriting
 * dist/ under a studio it may be serving; interrupted, it left npx failing in that clone ('Could not read package.json').
 */
export function staleness(dir = root) {
  let oldest = Infinity;
  for (const output of OUTPUTS) {
    const stat = statSync(join(dir, output), { throwIfNoEntry: false });
    if (!stat) return `${output} is missing`;
    oldest = Math.min(oldest, stat.mtimeMs);
  }
  const stamp = safeJson(join(dir, STAMP));
  for (const input of INPUTS) {
    if (BY_CONTENT.includes(input) && stamp?.[input] !== undefined) {
      if (stamp[input] !== contentOf(dir, input)) return `${input} changed since the build`;
      continue;
    }
    const path = join(dir, input);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    for (const file of stat.isDirectory() ? walk(path) : [path]) if (statSync(file).mtimeMs > oldest) return `${relative(dir, file)} changed since the build`;
  }
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && staleness() === null) {
    console.log('build: dist/ is current (npm run build builds it again)');
    process.exit(0);
  }
  if (want('js')) await buildJs();
  if (want('types')) buildTypes();
  if (want('studio')) await buildStudio();
  if (parts.length === 0) writeFileSync(join(root, STAMP), JSON.stringify(Object.fromEntries(BY_CONTENT.map((input) => [input, contentOf(root, input)]))));
}
