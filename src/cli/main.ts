// Entry point of the `autopilot-sim` command.
import { constants } from 'node:os';
import { ioCause, removePendingFiles } from '../report/files.ts';
import { EXIT, engineProblem, run } from './program.ts';

// Ctrl-C, and what `timeout`, CI cancellation, container stops and a closed terminal send:
// no half-written report under the requested name, a clear word, exit 128 + the signal's
// number (130, 143, 129). process.exit ends the worker threads with the process.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
for (const signal of SIGNALS) {
  process.once(signal, () => {
    // Reassurance where a report was being written (the studio, say, writes none).
    const removed = removePendingFiles();
    process.stderr.write(`\nautopilot-sim: ${signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`}${removed ? '; no output file was written' : ''}\n`);
    process.exit(128 + constants.signals[signal]);
  });
}

// The reader went away (`autopilot-sim scenarios | head`): stop quietly, as Unix tools do.
// Any other failure to write (a full disk, a read-only file): one line and EXIT.io.
for (const [stream, name] of [
  [process.stdout, 'standard output'],
  [process.stderr, 'standard error'],
] as const) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    removePendingFiles();
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream !== process.stderr) {
      try {
        process.stderr.write(`autopilot-sim: ${name}: cannot write (${ioCause(e)})\n`);
      } catch {
        /* nowhere left to say it */
      }
    }
    process.exit(EXIT.io);
  });
}

// A Node older than the package's engines is told so, before any command loads code it lacks.
const tooOld = engineProblem();
if (tooOld) process.stderr.write(`autopilot-sim: ${tooOld}\n`);
process.exitCode = tooOld ? EXIT.usage : await run(process.argv.slice(2));
