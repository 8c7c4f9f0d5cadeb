// Reading input files (Node only), and the bundled ones. Every input is read once, through
// readInputOnce: a regular file, a FIFO, a device, /dev/stdin, process substitution
// (`<(...)`) or `-` for standard input, stopped as soon as it goes past the size limit.
import { closeSync, existsSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BUNDLED_INTO_PROGRAM, PACKAGE_ROOT } from '../package-root.ts';
import { InputError, MAX_BYTES, decodeText, parseScenario, setIncludeReader } from './load.ts';
import type { ScenarioFile } from './schema.ts';
import { closest, meant } from './spelling.ts';

export const BUNDLED_DIR = join(PACKAGE_ROOT, 'scenarios/');

// `include:` in scenario and fleet files: a path relative to the including file (to the working
// folder for standard input), or a bundled name; read once like any input.
setIncludeReader((from, path) => {
  const base = from === inputName(STDIN) ? process.cwd() : dirname(resolve(from));
  const candidate = isAbsolute(path) ? path : join(base, path);
  const found = existsSync(candidate) ? candidate : resolveScenarioPath(path);
  const name = displayPath(found);
  return { name, text: decodeText(name, readInputOnce(found, { label: name })) };
});

/** `-` names standard input. */
export const STDIN = '-';

/** The name an input goes by in messages: "standard input" for `-`. */
export function inputName(path: string): string {
  return path === STDIN ? 'standard input' : path;
}

/**
 * Read an input once, whatever it is: a regular file, a FIFO, a character device,
 * /dev/stdin, a process substitution (/dev/fd/N) or `-` (standard input). The read stops
 * as soon as more than `maxBytes` arrived (an endless /dev/zero is refused after the
 * limit, not after memory runs out). Errors are one InputError naming `label` (default:
 * the path): not found, a folder, no permission, too large.
 */
export function readInputOnce(path: string, options: { maxBytes?: number; label?: string } = {}): Buffer {
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const label = options.label ?? inputName(path);
  // An empty path (a shell variable left unset: `run "$FLEET"`) read as 'autopilot-sim: : file not found'.
  if (path === '') throw new InputError(label || 'file', '', 'expected a path or a bundled name from `autopilot-sim scenarios`, got "" (an empty one)');
  // Standard input can be read once per process: a second argument naming it would read nothing and pass as an empty file.
  if (STDIN_NAMES.test(path)) {
    if (stdinRead) throw new InputError(label, '', 'standard input was already read by an earlier argument (it can be read once)');
    stdinRead = true;
  }
  let fd: number;
  let own = true;
  if (path === STDIN) {
    fd = 0;
    own = false;
  } else {
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      // /dev/stdin on a socket (as some process managers and Node's own spawn give) cannot be opened again: read descriptor 0.
      if ((e as NodeJS.ErrnoException).code !== 'ENXIO' || !STDIN_NAMES.test(path)) throw readError(label, e);
      fd = 0;
      own = false;
    }
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const wait = new Int32Array(new SharedArrayBuffer(4));
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(65_536, maxBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // Standard input left non-blocking by whoever started us: wait for data, as a blocking read would.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(wait, 0, 0, 10);
          continue;
        }
        throw readError(label, e);
      }
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new InputError(label, '', `expected a file of at most ${maxBytes} bytes (stopped reading after ${maxBytes})`);
    }
  } finally {
    if (own) closeSync(fd);
  }
  return Buffer.concat(chunks, total);
}

const STDIN_NAMES = /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/;
let stdinRead = false;

function readError(label: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    const near = bundledNamesNear(label);
    const shown = near.length > 6 ? [...near.slice(0, 5), `${near.length - 5} more`] : near;
    const meant = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}` : shown[0];
    // Bundled into another program, the library has no bundled scenarios beside it: a bundled name was 'file not found
    // (give a path, or a bundled name ...)', as if the name were wrong.
    if (BUNDLED_INTO_PROGRAM && !isAbsolute(label)) return new InputError(label, '', 'file not found, and autopilot-sim is bundled into this program without its bundled scenarios: give a path, or keep it external (esbuild --packages=external or --external:autopilot-sim) to use their names');
    return new InputError(label, '', `file not found (give a path, or a bundled name from \`autopilot-sim scenarios\`)${meant ? `: did you mean ${meant}?` : ''}`);
  }
  if (code === 'EISDIR') return new InputError(label, '', 'expected a file, got a directory');
  return cannotRead(label, e);
}

/** A file that is there but cannot be read (no permission, an I/O error): 'cannot read the file (EACCES: permission denied)'. */
export function cannotRead(label: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new InputError(label, '', `cannot read the file (${code}: permission denied)`);
  return new InputError(label, '', `cannot read the file (${code ?? (e as Error).message})`);
}

/**
 * A path, `-`, or the name of a bundled scenario ("self-deploying", "failures/vm-self-deploying").
 * A bundled name never leads out of the bundled folder (`fleets/../../../etc/passwd` is not one).
 */
export function resolveScenarioPath(arg: string): string {
  if (arg === STDIN || existsSync(arg)) return arg;
  // `autopilot-sim scenarios` lists scenarios/failures/x.yaml, a path in a clone of the project; where the
  // package is installed that path is not there, and the name as listed is still the bundled file.
  const name = /^scenarios[\\/]/.test(arg) ? arg.slice('scenarios/'.length) : arg;
  for (const candidate of [join(BUNDLED_DIR, arg), join(BUNDLED_DIR, `${arg}.yaml`), ...(name !== arg ? [join(BUNDLED_DIR, name), join(BUNDLED_DIR, `${name}.yaml`)] : [])]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && insideBundled(candidate)) return candidate;
  }
  // A bundled name without its folder (02-self-deploying-on-a-vm, self-deploy-second-time): the one file of that name.
  if (/^[\w.-]+$/.test(arg)) {
    const bare = arg.replace(/\.(ya?ml|json)$/, '');
    const found = bundledScenarios().filter((rel) => rel.slice(rel.lastIndexOf('/') + 1).replace(/\.(ya?ml|json)$/, '') === bare);
    if (found.length === 1) return join(BUNDLED_DIR, found[0]!);
  }
  return arg;
}

/**
 * The bundled names (as `autopilot-sim scenarios` lists them) that a name found neither as a file nor as a bundled name
 * may stand for: those it begins ('user-driven' of user-driven-entra and its siblings, 'lessons/02' of
 * lessons/02-self-deploying-on-a-vm), or whose own name, without its folder, it begins; else the one it is a slip for
 * ('user-drivn-entra'). 'file not found' alone sent one to the list of 80 to find the name.
 */
export function bundledNamesNear(arg: string): string[] {
  const given = arg.replace(/^scenarios[\\/]/, '').replace(/\.(ya?ml|json)$/, '').split('\\').join('/');
  if (given.length < 2 || isAbsolute(given) || given.startsWith('.')) return [];
  const names = bundledScenarios()
    .map((rel) => rel.replace(/\.(ya?ml|json)$/, ''))
    .sort();
  const bare = (n: string) => n.slice(n.lastIndexOf('/') + 1);
  const begun = names.filter((n) => n.startsWith(given));
  if (begun.length) return begun;
  if (!given.includes('/')) {
    const bareBegun = names.filter((n) => bare(n).startsWith(given));
    if (bareBegun.length) return bareBegun;
  }
  const slip = closest(given, names) ?? closest(bare(given), names.map(bare));
  return slip === undefined ? [] : names.filter((n) => n === slip || bare(n) === slip);
}

/**
 * The bundled sample export a missing export file's name is a slip for ('calibration/synthetic-autopilot-event.csv', with
 * or without scenarios/ before it, as the README and `calibrate --help` write it), written as it was given; else undefined.
 * calibrate said 'file not found' alone, where a scenario's or a fleet's name says the one meant.
 */
export function bundledExportNear(arg: string): string | undefined {
  const given = arg.split('\\').join('/');
  const prefix = given.startsWith('scenarios/') ? 'scenarios/' : '';
  const folder = join(BUNDLED_DIR, 'calibration');
  if (!existsSync(folder)) return undefined;
  const files = readdirSync(folder).filter((f) => /\.(csv|json)$/i.test(f));
  const names = files.map((f) => `calibration/${f}`);
  // Or the file's own name without its folder ('synthetic-autopilot-events.csv', as `ls scenarios/calibration` shows it),
  // or without its extension too: by meant's rule (a slip, or the one name it begins).
  const rest = given.slice(prefix.length);
  const own = meant(rest.slice(rest.lastIndexOf('/') + 1), files);
  const slip = closest(rest, names) ?? (own === undefined ? undefined : `calibration/${own}`);
  return slip === undefined ? undefined : prefix + slip;
}

function insideBundled(path: string): boolean {
  const root = realpathSync(BUNDLED_DIR);
  return realpathSync(path).startsWith(root.endsWith(sep) ? root : root + sep);
}

/** An input read once and decoded: its resolved path, the name for messages, and its text. */
export interface InputText {
  path: string;
  /** The name in messages: as the user gave it, or relative to the working folder for a bundled one. */
  name: string;
  text: string;
}

/** Resolve (a bundled name), read once and decode an input file. */
export function readInputText(arg: string): InputText {
  const path = resolveScenarioPath(arg);
  const name = path === arg ? inputName(arg) : displayPath(path);
  return { path, name, text: decodeText(name, readInputOnce(path, { label: name })) };
}

export function readScenario(arg: string): { path: string; file: ScenarioFile } {
  const input = readInputText(arg);
  return { path: input.path, file: parseScenario(input.name, input.text, bundledScenarios()) };
}

export function displayPath(path: string): string {
  if (path === STDIN) return inputName(path);
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') ? path : rel;
}

/** Every bundled scenario file, relative to scenarios/, sorted. */
export function bundledScenarios(): string[] {
  if (!existsSync(BUNDLED_DIR)) return [];
  return (readdirSync(BUNDLED_DIR, { recursive: true }) as string[])
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => f.split('\\').join('/'))
    .sort();
}
