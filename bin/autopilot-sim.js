#!/usr/bin/env node
// The `autopilot-sim` command runs the built CLI (dist/cli.js): nothing is compiled at start.
// `npm install` in a clone builds it; the published package ships it.
try {
  await import('../dist/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli.js')) throw e;
  process.stderr.write('autopilot-sim: the command is not built: run `npm run build` in its folder (npm install does it)\n');
  process.exitCode = 2;
}
