// How a line folds on a terminal (src/format.ts wrap), for a reader who copies the output into a document: no line starts
// with a separator ('·' between a report's figures, which a fold left at the start of the next line, as in run's
// '  · failed 107 · fell back to OOBE 0'), and the no-break spaces that hold a scenario to its cell in capabilities' list
// are printed as plain spaces (U+00A0 pasted into a document or a shell is not a space).
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { wrap } from '../../src/format.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const figures = 'Success 78.6% (95% CI 74.8%–82.0%) · first time right 78.6% · failed 107 · fell back to OOBE 0 · stopped 3';

describe('wrap', () => {
  it('never starts a line with a separator, and keeps each line within the width, from 20 to 140 columns', () => {
    for (let width = 20; width <= 140; width++) {
      for (const text of [figures, `  \x1b[2m${figures.replace(/·/g, '\x1b[22m·\x1b[2m')}\x1b[22m`]) {
        const lines = plain(wrap(text, width, 2)).split('\n');
        for (const l of lines) {
          expect(l, `${width}`).not.toMatch(/^\s*·/);
          expect(l.length, `${width}: ${l}`).toBeLessThanOrEqual(width);
        }
        // Nothing lost: the same words, in order.
        expect(lines.join(' ').split(/\s+/).filter(Boolean)).toEqual(plain(text).split(/\s+/).filter(Boolean));
      }
    }
  });

  it('holds words joined by a no-break space together and prints a plain space', () => {
    const text = ['User-driven: Yes ✓', 'Pre-provisioned: Yes ✓', 'Self-deploying: No ✓'].map((c) => c.replace(/ /g, '\u00a0')).join(' · ');
    for (let width = 24; width <= 80; width++) {
      const folded = wrap(text, width);
      expect(folded).not.toContain('\u00a0');
      for (const l of folded.split('\n')) expect(l, `${width}`).toMatch(/^(User-driven: Yes ✓|Pre-provisioned: Yes ✓|Self-deploying: No ✓)( · (Pre-provisioned: Yes ✓|Self-deploying: No ✓))*( ·)?$/);
    }
  });
});

describe('capabilities in a narrow terminal', () => {
  it('copies as plain text: no U+00A0 at 60, 80 or 100 columns', async () => {
    for (const columns of [60, 80, 100]) {
      const out: string[] = [];
      await run(['capabilities', '--runs', '2'], { out: (s) => out.push(s), err: () => {}, columns });
      const text = out.join('\n');
      expect(text, `${columns}`).toMatch(/User-driven: Yes/);
      expect(text, `${columns}`).not.toContain('\u00a0');
    }
  });
});

describe('the help in a terminal of 60 to 140 columns', () => {
  it('folds no separator to the start of a line (commander folded sweep --vary\'s at 78 columns: \'· share(...)\')', async () => {
    for (let columns = 60; columns <= 140; columns++) {
      const out: string[] = [];
      await run(['sweep', '--help'], { out: (s) => out.push(s), err: () => {}, columns });
      const lines = plain(out.join('\n')).split('\n');
      expect(lines.some((l) => l.includes('share(hardware.tpm=1.2)=0,0.1,0.3')), `${columns}`).toBe(true);
      for (const l of lines) {
        expect(l, `${columns}`).not.toMatch(/^\s*·/);
        expect(l.length, `${columns}: ${l}`).toBeLessThanOrEqual(columns);
      }
    }
  });
});
