// studio: the trainer's view in a browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, UsageError, type Io } from '../io.ts';

export async function studioCommand(io: Io, file: string | undefined, opts: { port?: number }): Promise<number> {
  const { startStudioServer, STUDIO_DIR } = await import('../../studio/server.ts');
  if (!existsSync(join(STUDIO_DIR, 'index.html'))) {
    throw new UsageError('the studio is not built: run `npm run build:studio` (npm install does it for you)');
  }
  // The file first (read once, validated): an unknown or invalid file is one line and exit 2, nothing served.
  const hash = file === undefined ? '' : await studioHash(file);
  let url: string;
  try {
    ({ url } = await startStudioServer(opts.port !== undefined ? { port: opts.port } : {}));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${opts.port}: the port is in use on 127.0.0.1; give another, or leave --port out for a free one`);
    if (code === 'EACCES') throw new UsageError(`--port ${opts.port}: not permitted to listen on this port (ports below 1024 need privileges); give another`);
    throw new UsageError(`--port ${opts.port ?? 0}: cannot listen on 127.0.0.1 (${code ?? (e as Error).message})`);
  }
  io.out(`autopilot-sim studio: ${url}${hash}\n(serving on 127.0.0.1 only; Ctrl-C to stop)`);
  await new Promise<void>(() => {}); // serve until interrupted
  return EXIT.ok;
}

/**
 * The studio link's `#run=` part for a scenario file: the run itself (environment as
 * written, seed, name), as the studio's "share" links carry it, so the studio opens
 * exactly this file and the URL holds no path of this machine.
 */
export async function studioHash(file: string): Promise<string> {
  const { readInputText } = await import('../../environment/files.ts');
  const { sessionFromScenario, shareHash } = await import('../../studio/app/run.ts');
  const input = readInputText(file);
  return shareHash(sessionFromScenario(input.name, input.text).toFile());
}
