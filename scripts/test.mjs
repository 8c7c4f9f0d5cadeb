// `npm test`: the type check (tsc --noEmit) and the tests (vitest run) side by side, not one
// after the other; fails when either fails. tsc's output is printed when the tests are done,
// so it does not land in the middle of vitest's. Arguments go to vitest (`npm test -- test/x`).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

function run(args, stdio) {
  const child = spawn(process.execPath, args, { cwd: root, stdio });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

const [types, tests] = await Promise.all([
  run([bin('typescript', 'bin/tsc'), '--noEmit'], ['ignore', 'pipe', 'pipe']),
  // No standard input for the tests: nothing in them may wait on a terminal or on CI's open pipe.
  run([bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], ['ignore', 'inherit', 'inherit']),
]);
process.stdout.write(types.output);
console.log(types.code === 0 ? 'tsc --noEmit: no type errors' : `tsc --noEmit: type errors (exit ${types.code})`);
process.exitCode = types.code || tests.code;
