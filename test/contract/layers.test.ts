// Edges point inward only, and no module imports itself round a cycle. The layer order
// (innermost first) is the one docs/architecture.md gives; an import from an inner
// layer to an outer one, or any cycle between files, fails here with the files named.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Innermost first. A file named exactly belongs to that layer; otherwise to the first whose folder it is in. */
export const LAYERS: Array<{ name: string; paths: string[] }> = [
  { name: 'utilities (text figures, the package root)', paths: ['src/format.ts', 'src/package-root.ts'] },
  { name: 'vocabulary', paths: ['src/catalog/vocabulary.ts'] },
  { name: 'catalogue', paths: ['src/catalog/'] },
  { name: 'machines', paths: ['machines/'] },
  { name: 'environment', paths: ['src/environment/'] },
  { name: 'world', paths: ['src/world/'] },
  { name: 'engine', paths: ['src/engine/'] },
  { name: 'analysis (capabilities, fleet, spec, calibrate, recommend)', paths: ['src/capabilities/', 'src/fleet/', 'src/spec/', 'src/calibrate/', 'src/recommend/'] },
  { name: 'views (reports, studio)', paths: ['src/report/', 'src/studio/', 'src/calibrate/report.ts'] },
  { name: 'command line and library entry', paths: ['src/cli/', 'src/index.ts'] },
];

function layerOf(file: string): number {
  const exact = LAYERS.findIndex((l) => l.paths.includes(file));
  return exact >= 0 ? exact : LAYERS.findIndex((l) => l.paths.some((p) => p.endsWith('/') && file.startsWith(p)));
}

function sources(): string[] {
  const out: string[] = [];
  for (const dir of ['src', 'machines']) {
    for (const f of readdirSync(join(root, dir), { recursive: true }) as string[]) {
      const rel = `${dir}/${f.split('\\').join('/')}`;
      if (rel.endsWith('.ts') && !rel.endsWith('.d.ts') && !rel.startsWith('src/studio/vite.config')) out.push(rel);
    }
  }
  return out.sort();
}

/** Relative imports of a file (static, dynamic and re-exports; type-only ones count too). */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = relative(root, resolve(root, dirname(file), m[1]!)).split('\\').join('/');
    if (target.endsWith('.ts')) out.add(target);
  }
  return [...out];
}

const files = sources();
const graph = new Map(files.map((f) => [f, imports(f)] as const));

describe('the import graph', () => {
  it('every source file belongs to a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('imports point inward: no file imports a file of an outer layer', () => {
    const against: string[] = [];
    for (const [from, tos] of graph) {
      for (const to of tos) if (layerOf(to) > layerOf(from)) against.push(`${from} (${LAYERS[layerOf(from)]!.name}) -> ${to} (${LAYERS[layerOf(to)]!.name})`);
    }
    expect(against).toEqual([]);
  });

  it('no cycles between files', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('the layers are in the order docs/architecture.md gives', () => {
    expect(layerOf('src/engine/simulate.ts')).toBeGreaterThan(layerOf('machines/setup.ts'));
    expect(layerOf('src/catalog/vocabulary.ts')).toBeLessThan(layerOf('src/catalog/errors.ts'));
  });
});
