// The README is the front door and docs/ holds the rest: every relative link in them leads to a file of the clone
// (a section moved to docs/ keeps its links working from its new folder), and every page of docs/ is reachable from
// the README, so nothing written there is lost to a reader who starts at the front door.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The relative targets of a page's Markdown links, anchors and external addresses left out. */
function links(page: string): string[] {
  const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!.split('#')[0]!).filter((t) => t && !/^[a-z]+:/i.test(t));
}

describe('the README and docs/', () => {
  it.each(pages)('%s links only to files that exist', (page) => {
    const broken = links(page).filter((t) => !existsSync(resolve(root, dirname(page), t)));
    expect(broken).toEqual([]);
  });

  it('every page of docs/ is linked from the README', () => {
    const linked = new Set(links('README.md').map((t) => relative(root, resolve(root, t))));
    expect(pages.filter((p) => p !== 'README.md' && !linked.has(p))).toEqual([]);
  });
});
