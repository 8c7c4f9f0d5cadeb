// The tests' temporary folders. Each made by tempDir() is removed when its test file ends (temp-cleanup.ts, a set-up
// file of every vitest project, after the file's own afterAll hooks), and the run's global set-up (temp-check.ts) fails
// the run naming any still there at its end. A run's folders carry its tag (TEMP_TAG, the vitest process's id), so the
// check sees this run's and no other's on a shared machine. test/contract/temp-dirs.test.ts holds every test file to
// tempDir(): a folder made another way would be left in the system's temp folder (hundreds were, run after run).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set by vitest.config.ts for its workers; the config's own process (the global set-up) reads it from its id. */
export const TEMP_TAG = process.env.APSIM_TEST_TEMP_TAG ?? `apsim-test-${process.pid}-`;

const made: string[] = [];

/** A new empty folder in the system's temp folder, its name starting with `prefix` (after the run's tag); removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_TAG}${prefix}`));
  made.push(dir);
  return dir;
}

/** Remove the folders tempDir() made (temp-cleanup.ts, after each test file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** This run's folders still in the system's temp folder. */
export function leftTempDirs(tag = TEMP_TAG): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(tag));
}
