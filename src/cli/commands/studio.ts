// studio, diagram: the trainer's views.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { machines } from '../../../machines/index.ts';
import { SCENARIOS, type Scenario } from '../../environment/schema.ts';
import { toDot, toMermaid } from '../../report/diagram.ts';
import { checkOutputs, writeFileAtomic } from '../../report/files.ts';
import { EXIT, UsageError, type Io } from '../program.ts';

export async function studioCommand(io: Io, file: string | undefined, opts: { port?: number }): Promise<number> {
  const { startStudioServer, STUDIO_DIR } = await import('../../studio/server.ts');
  if (!existsSync(join(STUDIO_DIR, 'index.html'))) {
    throw new UsageError('the studio is not built: run `npm run build:studio` (npm install does it for you)');
  }
  const { url } = await startStudioServer(opts.port !== undefined ? { port: opts.port } : {});
  let open = url;
  if (file) {
    const { resolveScenarioPath, displayPath } = await import('../../environment/files.ts');
    const rel = displayPath(resolveScenarioPath(file)).replace(/^scenarios\//, '');
    open = `${url}#scenario=${encodeURIComponent(rel)}`;
  }
  io.out(`autopilot-sim studio: ${open}\n(serving on 127.0.0.1 only; Ctrl-C to stop)`);
  await new Promise<void>(() => {}); // serve until interrupted
  return EXIT.ok;
}

export async function diagramCommand(io: Io, scenario: string, opts: { format: string; output?: string }): Promise<number> {
  if (!(SCENARIOS as readonly string[]).includes(scenario)) throw new UsageError(`diagram: expected a scenario, one of ${SCENARIOS.join(', ')}; got "${scenario}"`);
  const machine = machines[scenario as Scenario];
  let text: string;
  if (opts.format === 'mermaid') text = toMermaid(machine as never);
  else if (opts.format === 'dot') text = toDot(machine as never);
  else if (opts.format === 'svg') {
    const { layoutMachine, renderSvg } = await import('../../studio/layout.ts');
    text = renderSvg(await layoutMachine(machine as never));
  } else throw new UsageError(`--format: expected mermaid, dot or svg; got "${opts.format}"`);
  if (opts.output !== undefined) {
    checkOutputs([{ path: opts.output, option: '--output' }]);
    writeFileAtomic(opts.output, text, '--output');
  }
  else io.out(text.trimEnd());
  return EXIT.ok;
}
