// `autopilot-sim scenarios` as a trainer reads it on a terminal of 80 or 120 columns, or piped.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { bundledScenarios } from '../../src/environment/files.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function scenarios(columns: number | undefined, ...argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await run(['scenarios', ...argv], { out: (s) => out.push(s), err: (s) => out.push(s), columns });
  expect(code).toBe(0);
  return plain(out.join('\n'));
}

/** Each group's block (they are separated by an empty line), by the first word of its heading. */
const blocks = (text: string) => new Map(text.split('\n\n').map((b) => [b.split(/[ ,:]/)[0]!, b] as const));

describe('scenarios', () => {
  it('fits 80 and 120 columns with each group\'s outcomes in one column, and piped no row runs to 200 characters', async () => {
    for (const columns of [80, 120, undefined]) {
      const text = await scenarios(columns, '--all');
      const limit = columns ?? 130;
      expect(text.split('\n').filter((l) => l.length > limit), String(columns)).toEqual([]);
      for (const [group, block] of blocks(text)) {
        // A line with a name and an outcome, or an outcome alone under a long name: the outcome starts in one column.
        const starts = block
          .split('\n')
          .map((l) => /^( {2}\S+ {2,}| {20,})(succeeded|failed|fell-back-to-oobe)\b/.exec(l)?.[1]!.length)
          .filter((n) => n !== undefined);
        expect(new Set(starts).size, `${group} at ${columns}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('lists every bundled file by the name to type; lessons keep their ending hidden and regressions wait for --all', async () => {
    const text = await scenarios(100);
    const names = bundledScenarios().map((f) => f.replace(/\.(ya?ml|json)$/, ''));
    for (const n of names.filter((f) => !f.startsWith('regressions/'))) expect(text).toMatch(new RegExp(`^ {2}${n}( |$)`, 'm'));
    expect(text).not.toMatch(/regressions\//);
    const lessons = blocks(text).get('Lessons')!;
    expect(lessons).toMatch(/lessons\/02-self-deploying-on-a-vm\n +self-deploying · Self-deploying on a lab VM/);
    expect(lessons).not.toMatch(/0x800705B4|failed|succeeded/);
    expect(text).toMatch(/--all also lists how each lesson ends/);
    const all = await scenarios(100, '--all');
    expect(blocks(all).get('Lessons')).toMatch(/lessons\/02-self-deploying-on-a-vm +failed 0x800705B4/);
    expect(all).toMatch(/^ {2}regressions\/reset-of-a-corrupted-os +failed RESET_OS_CORRUPTED$/m);
  });
});
