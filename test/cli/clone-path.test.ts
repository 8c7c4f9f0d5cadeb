// A newcomer's clone under a folder with a space or a non-ASCII letter ("/tmp/new comer ß/app", "C:\Users\José
// García\src"): a URL's pathname keeps them percent-encoded ("new%20comer%20%C3%9F"), so a test that read a file at
// `new URL('../../', import.meta.url).pathname` failed there with ENOENT, and the README's `npm test` with it (nine files:
// test/api, test/fleet, test/calibrate, test/recommend, test/cli/readme-tour-files). A file: URL becomes a path only
// through fileURLToPath, as src/ does.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : files(path);
    return /\.(ts|mts|mjs|js)$/.test(e.name) ? [path] : [];
  });
}

describe('a clone under a path with a space or a non-ASCII letter', () => {
  it("turns a file: URL into a path with fileURLToPath, never its pathname (percent-encoded: 'new%20comer%20%C3%9F')", () => {
    expect(new URL('file:///tmp/new comer ß/app/').pathname).toBe('/tmp/new%20comer%20%C3%9F/app/');
    expect(fileURLToPath(new URL('file:///tmp/new comer ß/app/'))).toBe('/tmp/new comer ß/app/');
    // The studio's app runs in a browser, where location.pathname is an address, not a file.
    const sources = ['src', 'test', 'bench', 'scripts', 'bin', 'machines'].flatMap((d) => files(join(root, d))).filter((f) => !f.includes(join('src', 'studio', 'app')) && f !== fileURLToPath(import.meta.url));
    const found = sources.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/new URL\(.*\)\.pathname\b/.test(line) ? [`${relative(root, f)}:${i + 1}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
