// Entry point of the `autopilot-sim` command.
import { run } from './program.ts';

process.exitCode = await run(process.argv.slice(2));
