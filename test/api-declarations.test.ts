// The library's declarations name no type only Node's own declarations (@types/node) give: a TypeScript consumer
// without them (lib ES2022 alone, as docs/library.md says type-checks) fails on one with TS2591 'Cannot find name
// Buffer'. 72e3de2's ansiCodePage(bytes: Buffer), reached from the entry through calibrate/report, observe and read,
// did so, and only npm run test:package (minutes, not in npm test) saw it. Here the declarations are emitted as the
// build emits them (tsconfig.build.json, without the type check, which npm test's tsc --noEmit does), in seconds.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/temp.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const NODE_MODULES = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** What in a declaration file only @types/node declares: Buffer, the NodeJS namespace, an import of a Node module. */
function nodeOnly(text: string): string[] {
  const found = [...text.matchAll(/^\/\/\/\s*<reference\s+types=['"]node['"].*$/gm)].map(([line]) => line.trim());
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  for (const [name] of code.matchAll(/\bBuffer\b|\bNodeJS\.\w+/g)) found.push(name);
  for (const [, spec] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)) if (NODE_MODULES.has(spec) || spec.startsWith('node:')) found.push(`'${spec}'`);
  return found;
}

/** Each declaration file the entry reaches by relative imports, with the file that imports it first (null for the entry). */
function reachedFrom(entry: string): Map<string, string | null> {
  const from = new Map<string, string | null>([[entry, null]]);
  for (const file of from.keys()) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)\.(?:ts|js)['"]/g)) {
      const next = join(dirname(file), `${spec}.d.ts`);
      if (!from.has(next)) from.set(next, file);
    }
  }
  return from;
}

describe("the library's declarations compile without Node's types", () => {
  const out = tempDir('autopilot-sim-declarations-');
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('finds what only @types/node declares (the signature 72e3de2 published), and not a field named os or a comment', () => {
    expect(nodeOnly("export declare function ansiCodePage(bytes: Buffer): 'windows-1252' | 'shift_jis' | null;")).toEqual(['Buffer']);
    expect(nodeOnly('export declare function f(): NodeJS.ReadableStream;\nimport type { Readable } from "node:stream";\nimport type { Worker } from \'worker_threads\';')).toEqual(['NodeJS.ReadableStream', "'node:stream'", "'worker_threads'"]);
    expect(nodeOnly('/// <reference types="node" />\nexport {};')).toEqual(['/// <reference types="node" />']);
    expect(nodeOnly("/** Reads a Buffer. */\nexport declare function g(os: Pick<Environment['os'], 'windows'>, b: Uint8Array): void; // not a Buffer")).toEqual([]);
  });

  it('no declaration the entry reaches names Buffer, NodeJS.* or a Node module', () => {
    const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out, '--noCheck'], { cwd: root, stdio: 'pipe' });
    const from = reachedFrom(join(out, 'src/index.d.ts'));
    expect(from.size).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of from.keys()) {
      const names = nodeOnly(readFileSync(file, 'utf8'));
      if (names.length === 0) continue;
      const chain: string[] = [];
      for (let f: string | null | undefined = file; f; f = from.get(f)) chain.unshift(f.slice(out.length + 1));
      offenders.push(`${[...new Set(names)].join(', ')} in ${chain.join(' -> ')}`);
    }
    expect(offenders).toEqual([]);
  });
});
