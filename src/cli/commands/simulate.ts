// simulate, validate, scenarios: one device, one file at a time.
import pc from 'picocolors';
import { simulate } from '../../engine/simulate.ts';
import { InputError, environmentOf, parseScenario, parseText } from '../../environment/load.ts';
import { bundledScenarios, displayPath, readInputText, readScenario, BUNDLED_DIR } from '../../environment/files.ts';
import { renderOutcome, renderTimeline } from '../../report/timeline.ts';
import { EXIT, type Io } from '../io.ts';

export async function simulateCommand(io: Io, arg: string, opts: { seed?: number; json?: boolean; narration: boolean; inspect?: string | boolean }): Promise<number> {
  const { path, file } = readScenario(arg);
  const seed = opts.seed ?? file.seed ?? 1;
  if (opts.inspect) {
    const { inspectRun } = await import('./inspect.ts');
    return inspectRun(io, environmentOf(file), seed, opts.inspect === true ? 'ws://127.0.0.1:8080' : opts.inspect);
  }
  const result = simulate(environmentOf(file), { seed });
  if (opts.json) {
    io.out(JSON.stringify(result));
    return EXIT.ok;
  }
  io.out(`${pc.bold(file.name ?? displayPath(path))}  ${pc.dim(`${displayPath(path)} · seed ${seed}`)}`);
  if (file.description) io.out(pc.dim(file.description.trim()));
  io.out('');
  io.out(renderTimeline(result.trace, { narration: opts.narration }));
  io.out('');
  io.out(renderOutcome(result.outcome, result.trace));
  return EXIT.ok;
}

export async function validateCommand(io: Io, files: string[]): Promise<number> {
  const { isFleetData, loadFleet } = await import('../../fleet/index.ts');
  let code: number = EXIT.ok;
  for (const f of files) {
    try {
      // Read once: a FIFO, /dev/stdin or `-` can be read only once.
      const input = readInputText(f);
      if (isFleetData(parseText(input.name, input.text).raw)) {
        const fleet = loadFleet(input.name, input.text);
        io.out(`${pc.green('ok')}  ${displayPath(input.path)}  ${pc.dim(`fleet: ${fleet.groups.length} group(s), ${fleet.sites.length} site(s)`)}`);
        continue;
      }
      const file = parseScenario(input.name, input.text);
      io.out(`${pc.green('ok')}  ${displayPath(input.path)}  ${pc.dim(`${file.scenario}, ${file.profile.joinType} join`)}`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      for (const problem of [e, ...e.others]) io.err(`${pc.red('invalid')}  ${problem.message}`);
      code = EXIT.usage;
    }
  }
  return code;
}

export async function scenariosCommand(io: Io, opts: { json?: boolean }): Promise<number> {
  const { isFleetFile, loadFleet } = await import('../../fleet/index.ts');
  const rows = bundledScenarios().map((rel) => {
    const path = `${BUNDLED_DIR}${rel}`;
    if (isFleetFile(path)) {
      const fleet = loadFleet(path);
      return { file: `scenarios/${rel}`, name: fleet.name ?? rel, scenario: 'fleet', expect: null };
    }
    const { file } = readScenario(path);
    return { file: `scenarios/${rel}`, name: file.name ?? rel, scenario: file.scenario, expect: file.expect ?? null };
  });
  if (opts.json) {
    io.out(JSON.stringify(rows));
    return EXIT.ok;
  }
  for (const r of rows) {
    const shows = r.expect ? `${r.expect.status}${r.expect.errorCode ? ` ${r.expect.errorCode}` : ''}${r.expect.findings?.length ? ` with ${r.expect.findings.join(', ')}` : ''}` : '';
    io.out(`${r.file.padEnd(52)} ${pc.dim(r.scenario.padEnd(17))} ${shows.padEnd(36)} ${r.name}`);
  }
  return EXIT.ok;
}
