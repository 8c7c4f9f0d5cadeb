// Entry point of the `autopilot-sim` command.
import { removePendingFiles } from '../report/files.ts';
import { run } from './program.ts';

// Ctrl-C: no half-written report under the requested name, a clear word, exit 130.
process.once('SIGINT', () => {
  removePendingFiles();
  process.stderr.write('\nautopilot-sim: interrupted; no output file was written\n');
  process.exit(130);
});

// The reader went away (`autopilot-sim scenarios | head`): stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    removePendingFiles();
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await run(process.argv.slice(2));
