// The studio's build: `npx vite build --config src/studio/vite.config.ts` writes the static
// app to dist/studio, with relative asset paths (base './'): the page loads its scripts from beside it, at whatever
// path a web server gives the folder (`autopilot-sim studio` serves it on 127.0.0.1). It does not run opened as a file:
// browsers load no module scripts from file://, and index.html then says what the page is and how to run it.
// Scenario files (lessons included) are bundled at build time with import.meta.glob.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * ELK once in the built studio. The page lays out on its own thread when its layout worker cannot load, and the two are
 * built apart, so each carried its own copy of elkjs (1.46 MB twice in the tarball). Both now load one file: elkjs's
 * bundled script emitted as it is (one asset, the same name from either build), run as a module, where its UMD header
 * puts ELK on the global scope (window on the page, self in the worker). The dev server imports elkjs as before.
 */
function oneElk(): Plugin {
  const shared = '\0elk-loader';
  return {
    name: 'autopilot-sim:one-elk',
    apply: 'build',
    enforce: 'pre',
    resolveId: (id) => (id === 'elkjs/lib/elk.bundled.js' ? shared : null),
    load: (id) =>
      id === shared
        ? `import url from 'elkjs/lib/elk.bundled.js?url';\nawait import(/* @vite-ignore */ url);\nexport default globalThis.ELK;\n`
        : null,
  };
}

export default defineConfig({
  plugins: [oneElk()],
  root: fileURLToPath(new URL('./app/', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/studio/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // elkjs is one large module (the Java layout engine compiled to JavaScript); it loads on its own.
    chunkSizeWarningLimit: 2500,
    // The engine's worker is built inside one transform call (vite:worker-import-meta-url), so on a slow or busy machine
    // rolldown's timing check blamed that plugin for most of the build and printed its warning in every `npm install`.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es', plugins: () => [oneElk()], rolldownOptions: { checks: { bundlerTimings: false } } },
  // `import 'autopilot-sim'` reads the TypeScript source (package.json's "source" condition).
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', fs: { allow: [repo] } },
});
