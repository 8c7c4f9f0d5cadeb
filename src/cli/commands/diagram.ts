// diagram: a scenario's statechart for slides (Mermaid, DOT or SVG); one phase or state of
// it with --state, laid out for a 16:9 slide with --fit 16:9.
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { machines } from '../../../machines/index.ts';
import { SCENARIOS, type Scenario } from '../../environment/schema.ts';
import { toDot, toMermaid } from '../../report/diagram.ts';
import { humanize } from '../../studio/layout.ts';
import { checkOutputs, writeFileAtomic } from '../../report/files.ts';
import { slipOf } from '../../environment/spelling.ts';
import { EXIT, UsageError, type Io } from '../io.ts';
import { noteWritten } from '../written.ts';

export interface DiagramOptions {
  format: string;
  output?: string;
  /** A state by its path ('deployment.deviceEsp') or its own name ('deviceEsp'). */
  state?: string;
  /** A slide's proportions, 'W:H' (16:9). */
  fit?: string;
}

/** Slides are drawn at 1920 px wide. */
const SLIDE_WIDTH = 1920;

/** Every compound state's path (the states `--state` can draw). */
function compoundPaths(machine: AnyStateMachine): string[] {
  const out: string[] = [];
  const walk = (n: AnyStateNode, prefix: string[]) => {
    for (const [key, c] of Object.entries(n.states) as Array<[string, AnyStateNode]>) {
      const path = [...prefix, key];
      if (Object.keys(c.states).length) out.push(path.join('.'));
      walk(c, path);
    }
  };
  walk(machine.root as unknown as AnyStateNode, []);
  return out;
}

/** A name as `--state` compares it: its letters and digits, lower case ('Device ESP', 'device-esp' and 'deviceEsp' alike). */
const folded = (name: string) => name.toLowerCase().replace(/[^a-z0-9.]/g, '');

/**
 * The path of the state `--state` names: a full path, or a name that ends exactly one path; each
 * name the state's key (deviceEsp) or its title as the diagram draws it ('Device ESP'), in any case.
 */
export function resolveState(machine: AnyStateMachine, scenario: string, name: string): string {
  const paths = compoundPaths(machine);
  if (paths.includes(name)) return name;
  // Each path's segments as keys and as titles, folded: a segment of the name matches either.
  const wanted = name.split('.').map(folded);
  const ends = (path: string) => {
    const keys = path.split('.');
    if (keys.length < wanted.length) return false;
    return wanted.every((w, i) => {
      const key = keys[keys.length - wanted.length + i]!;
      return w === folded(key) || w === folded(humanize(key));
    });
  };
  const whole = paths.filter((p) => ends(p) && p.split('.').length === wanted.length);
  const matches = whole.length ? whole : paths.filter(ends);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new UsageError(`--state: "${name}" names several states in ${scenario}: ${matches.join(', ')}; give the full path`);
  const top = paths.filter((p) => p.split('.').length <= 2).map((p) => p.split('.').pop()!);
  throw new UsageError(`--state: expected a state of ${scenario} with states inside it, by its name or its title on the diagram, e.g. ${[...new Set(top)].slice(0, 6).map((k) => `${k} ("${humanize(k)}")`).join(', ')}; got "${name}"`);
}

function parseFit(fit: string): { width: number; height: number } {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(fit.trim());
  if (!m || !(Number(m[1]) > 0) || !(Number(m[2]) > 0)) throw new UsageError(`--fit: expected proportions W:H such as 16:9; got "${fit}"`);
  const ratio = Number(m[1]) / Number(m[2]);
  if (ratio < 0.2 || ratio > 5) throw new UsageError(`--fit: expected proportions between 1:5 and 5:1; got "${fit}"`);
  return { width: SLIDE_WIDTH, height: Math.round(SLIDE_WIDTH / ratio) };
}

/** The SVG `diagram --format svg` writes: the machine, or the state at `root`, drawn for a slide (in `frame`, a slide's size, with --fit). */
export async function slideSvg(scenario: Scenario, opts: { root?: string; frame?: { width: number; height: number } } = {}): Promise<string> {
  const machine = machines[scenario] as unknown as AnyStateMachine;
  const { layoutMachine, layoutForFrame } = await import('../../studio/layout.ts');
  const { renderSvg } = await import('../../studio/svg.ts');
  const { root, frame } = opts;
  const title = `${scenario}${root ? `: ${root}` : ''}`;
  const layout = frame ? await layoutForFrame(machine, frame, root ? { root } : {}) : await layoutMachine(machine, { slide: true, ...(root ? { root } : {}) });
  return renderSvg(layout, { title, labelsOnTop: true, ...(frame ? { frame } : {}) });
}

/**
 * The scenario a `diagram` argument names: a scenario itself, or a scenario file, bundled or not
 * (`lessons/02-self-deploying-on-a-vm`, `self-deploying-kiosk`, as `autopilot-sim scenarios --all`
 * lists them): the machine its device runs.
 */
async function scenarioOf(arg: string): Promise<Scenario> {
  if ((SCENARIOS as readonly string[]).includes(arg)) return arg as Scenario;
  const { resolveScenarioPath, readScenario } = await import('../../environment/files.ts');
  const { existsSync } = await import('node:fs');
  if (resolveScenarioPath(arg) === arg && !existsSync(arg)) {
    const { meant } = await import('../../environment/spelling.ts');
    const slip = meant(arg, SCENARIOS);
    throw new UsageError(`diagram: expected a scenario (${SCENARIOS.join(', ')}) or a scenario file such as lessons/02-self-deploying-on-a-vm; got "${arg}"${slip ? `: did you mean ${slip}?` : ''}`);
  }
  const { isFleetFile, loadFleet } = await import('../../fleet/index.ts');
  if (isFleetFile(resolveScenarioPath(arg))) return fleetScenario(arg, loadFleet(arg));
  return readScenario(arg).file.scenario;
}

/** The machine a fleet's devices run, where they all run one; else which group runs which, to draw one by name. */
function fleetScenario(arg: string, fleet: { scenario?: Scenario | undefined; environment?: { scenario?: Scenario | undefined }; groups: Array<{ name: string; environment?: { scenario?: Scenario | undefined } }> }): Scenario {
  const tenant = fleet.environment?.scenario ?? fleet.scenario;
  const groups = fleet.groups.map((g) => ({ name: g.name, scenario: g.environment?.scenario ?? tenant }));
  const run = [...new Set(groups.map((g) => g.scenario))];
  if (run.length === 1 && run[0]) return run[0];
  const which = run.filter((s): s is Scenario => !!s).map((s) => `${s} (${groups.filter((g) => g.scenario === s).map((g) => g.name).join(', ')})`);
  throw new UsageError(`diagram: ${arg} is a fleet whose groups run ${which.length ? which.join(', ') : 'no one scenario it names'}: draw one by name, e.g. autopilot-sim diagram ${run.find((s) => s) ?? SCENARIOS[0]}`);
}

export async function diagramCommand(io: Io, arg: string, opts: DiagramOptions): Promise<number> {
  const formats = ['mermaid', 'dot', 'svg'];
  if (!formats.includes(opts.format)) throw new UsageError(`--format: expected mermaid, dot or svg; got "${opts.format}"${slipOf(opts.format, formats)}`);
  const scenario = await scenarioOf(arg);
  const machine = machines[scenario] as unknown as AnyStateMachine;
  const root = opts.state !== undefined ? resolveState(machine, scenario, opts.state) : undefined;
  const frame = opts.fit !== undefined ? parseFit(opts.fit) : undefined;
  if ((root || frame) && opts.format !== 'svg') throw new UsageError(`--state and --fit draw an SVG: add --format svg`);
  let text: string;
  if (opts.format === 'mermaid') text = toMermaid(machine as never);
  else if (opts.format === 'dot') text = toDot(machine as never);
  else text = await slideSvg(scenario as Scenario, { ...(root ? { root } : {}), ...(frame ? { frame } : {}) });
  if (opts.output !== undefined) {
    checkOutputs([{ path: opts.output, option: '--output' }]);
    writeFileAtomic(opts.output, text, '--output');
    noteWritten(io, [opts.output]);
  } else io.out(text.trimEnd());
  return EXIT.ok;
}
