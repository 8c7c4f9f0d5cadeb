// Three kinds of test file, run as vitest projects. None isolates its files unless it must: a
// worker imports xstate, zod, the machines and the CLI once, not once per file.
//   node              files that run in Node: pure ones (the model, the engine, reports in
//                     process) and those that start the real command (the built dist/cli.js, made
//                     fresh by the global set-up) or a server, or change the folder (and change it
//                     back). One project, so one pair of workers holds the module graph: as two
//                     projects (unit, process) each had its own workers importing it again
//                     (measured: ~7 CPU-s of a full run);
//   process-isolated  files that mock a module (vi.mock): a module graph of their own;
//   browser           files that drive a headless Chromium: one browser for the whole run (global set-up).
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { TEMP_TAG } from './test/helpers/temp.ts';

// Files that mock a module (vi.mock): a module graph of their own.
const MOCKING = ['test/reliability/no-partial-files.test.ts'];
const BROWSER = ['test/**/*.e2e.test.ts', 'test/trainer/diagram-play.test.ts', 'test/report/html.test.ts'];

export default defineConfig({
  // `import 'autopilot-sim'` in a test reads the TypeScript source (package.json's "source" condition).
  resolve: { conditions: ['source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    testTimeout: 60_000,
    // A hook that spawns the CLI (calibrate before a file's tests) took over vitest's 10 s default at load 20.
    hookTimeout: 60_000,
    // Both cores: vitest's default on a 2-core machine is one worker (cores - 1), which left one idle.
    maxWorkers: 2,
    // Output is asserted as plain text, whatever the runner's terminal or CI says about colour
    // (picocolors turns colour on for FORCE_COLOR, a TTY, or any CI variable; NO_COLOR wins).
    // And the run's tag for its temporary folders (test/helpers/temp.ts): each test file's are removed when it ends
    // (temp-cleanup.ts), and one left fails the run (temp-check.ts).
    env: { NO_COLOR: '1', APSIM_TEST_TEMP_TAG: TEMP_TAG },
    setupFiles: ['test/helpers/temp-cleanup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: [...MOCKING, ...BROWSER], globalSetup: ['test/helpers/build-cli.ts', 'test/helpers/temp-check.ts'], isolate: false },
      },
      {
        extends: true,
        test: { name: 'process-isolated', include: MOCKING, globalSetup: ['test/helpers/build-cli.ts', 'test/helpers/temp-check.ts'] },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER, globalSetup: ['test/helpers/browser-server.ts', 'test/helpers/temp-check.ts'], isolate: false },
      },
    ],
  },
});
