// Three kinds of test file, run as three vitest projects:
//   unit     pure files (the model, the engine, reports in process): one module graph per worker,
//            no per-file isolation, so xstate, zod and the machines are imported once per worker;
//   process  files that start the real command (the built dist/cli.js, made fresh by the global
//            set-up) or a server, mock a module or change the folder: isolated per file;
//   browser  files that drive a headless Chromium: one browser for the whole run (global set-up).
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const PROCESS = ['test/cli/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/report/markdown.test.ts'];
const BROWSER = ['test/**/*.e2e.test.ts', 'test/trainer/diagram-play.test.ts', 'test/report/html.test.ts'];

export default defineConfig({
  // `import 'autopilot-sim'` in a test reads the TypeScript source (package.json's "source" condition).
  resolve: { conditions: ['source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    testTimeout: 60_000,
    // Output is asserted as plain text, whatever the runner's terminal or CI says about colour
    // (picocolors turns colour on for FORCE_COLOR, a TTY, or any CI variable; NO_COLOR wins).
    env: { NO_COLOR: '1' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...PROCESS, ...BROWSER], isolate: false },
      },
      {
        extends: true,
        test: { name: 'process', include: PROCESS, globalSetup: ['test/helpers/build-cli.ts'] },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER, globalSetup: ['test/helpers/browser-server.ts'] },
      },
    ],
  },
});
