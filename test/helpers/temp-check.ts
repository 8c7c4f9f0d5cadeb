// A global set-up of every vitest project (vitest.config.ts): at the run's end, no folder of this run is left in the
// system's temp folder. One left fails the run, with its name (the test file's prefix), and is removed.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leftTempDirs } from './temp.ts';

export default function setup(): () => void {
  return () => {
    const left = leftTempDirs();
    for (const name of left) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    if (!left.length) return;
    // Thrown, it is printed and the run still exits 0 (vitest 4 reports a global teardown's error as 'error during
    // close' only): the exit code is set here.
    process.exitCode = 1;
    console.error(`the tests left ${left.length} temporary folder(s) in ${tmpdir()}: ${left.join(', ')} (make them with tempDir(), test/helpers/temp.ts)`);
  };
}
