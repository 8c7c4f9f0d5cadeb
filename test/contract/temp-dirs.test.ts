// The tests leave nothing in the system's temp folder: every temporary folder a test file makes is made by tempDir()
// (test/helpers/temp.ts), removed when the file ends, and checked for at the run's end (temp-check.ts). Runs left
// hundreds (lesson-*, low-success-*, calibrate-admin-*, …), each file's mkdtempSync with no rm after it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leftTempDirs, removeTempDirs, TEMP_TAG, tempDir } from '../helpers/temp.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const HELPER = ['test/helpers/temp.ts', 'test/helpers/temp-check.ts'];

function testFiles(dir = join(root, 'test')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? testFiles(join(dir, e.name)) : /\.(ts|mts)$/.test(e.name) ? [relative(root, join(dir, e.name))] : []));
}

describe('temporary folders', () => {
  it('no test file reaches the system temp folder but through tempDir() (a folder made there another way is never removed)', () => {
    const outside = testFiles()
      .filter((f) => !HELPER.includes(f))
      .flatMap((f) =>
        readFileSync(join(root, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (/\btmpdir\b|\bTMPDIR\b|['"`]\/tmp\/?['"`]/.test(line) ? [`${f}:${i + 1}: ${line.trim().slice(0, 100)}`] : [])),
      );
    expect(outside).toEqual([]);
  });

  it("tempDir()'s folders carry the run's tag and are gone after removeTempDirs() (the set-up file's afterAll)", () => {
    const a = tempDir('temp-dirs-');
    const b = tempDir('temp-dirs-');
    expect([a, b].every((d) => existsSync(d) && d.includes(TEMP_TAG))).toBe(true);
    expect(leftTempDirs().length).toBeGreaterThanOrEqual(2);
    removeTempDirs();
    expect([a, b].filter((d) => existsSync(d))).toEqual([]);
  });
});
