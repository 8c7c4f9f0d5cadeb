// simulate, validate, scenarios: one device, one file at a time.
import pc from 'picocolors';
import { simulate } from '../../engine/simulate.ts';
import { InputError, environmentOf } from '../../environment/load.ts';
import { bundledScenarios, displayPath, readScenario, BUNDLED_DIR } from '../../environment/files.ts';
import { renderOutcome, renderTimeline } from '../../report/timeline.ts';
import { EXIT, type Io } from '../program.ts';

export function simulateCommand(io: Io, arg: string, opts: { seed?: number; json?: boolean; narration: boolean }): number {
  const { path, file } = readScenario(arg);
  const seed = opts.seed ?? file.seed ?? 1;
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
  io.out(renderOutcome(result.outcome));
  return EXIT.ok;
}

export function validateCommand(io: Io, files: string[]): number {
  let code: number = EXIT.ok;
  for (const f of files) {
    try {
      const { path, file } = readScenario(f);
      io.out(`${pc.green('ok')}  ${displayPath(path)}  ${pc.dim(`${file.scenario}, ${file.profile.joinType} join`)}`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(`${pc.red('invalid')}  ${e.message}`);
      code = EXIT.usage;
    }
  }
  return code;
}

export function scenariosCommand(io: Io, opts: { json?: boolean }): number {
  const rows = bundledScenarios().map((rel) => {
    const { file } = readScenario(`${BUNDLED_DIR}${rel}`);
    return { file: `scenarios/${rel}`, name: file.name ?? rel, scenario: file.scenario, expect: file.expect ?? null };
  });
  if (opts.json) {
    io.out(JSON.stringify(rows));
    return EXIT.ok;
  }
  for (const r of rows) {
    const shows = r.expect ? `${r.expect.status}${r.expect.errorCode ? ` ${r.expect.errorCode}` : ''}` : '';
    io.out(`${r.file.padEnd(52)} ${pc.dim(r.scenario.padEnd(17))} ${shows.padEnd(36)} ${r.name}`);
  }
  return EXIT.ok;
}
