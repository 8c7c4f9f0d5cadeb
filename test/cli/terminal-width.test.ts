// What simulate prints on a terminal of 80 columns: every line fits (nothing left for the
// terminal to break inside a word at its edge), nothing is cut, and the columns stay aligned.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { wrap } from '../../src/format.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function simulateAt(columns: number | undefined, ...argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await run(['simulate', ...argv], { out: (s) => out.push(s), err: (s) => out.push(s), columns });
  expect(code).toBe(0);
  return plain(out.join('\n'));
}

describe('simulate on a terminal', () => {
  it('folds each line to 80 columns at spaces, and keeps every word', async () => {
    for (const name of ['lessons/06-pre-provisioning-then-user-weeks-later', 'failures/hybrid-no-dc', 'user-driven-adfs-assigned-user']) {
      const folded = await simulateAt(80, name);
      const long = folded.split('\n').filter((l) => l.length > 80);
      expect(long, name).toEqual([]);
      // Nothing cut: the same words as the unfolded output, in the same order.
      const unfolded = await simulateAt(undefined, name);
      expect(folded.split(/\s+/), name).toEqual(unfolded.split(/\s+/));
      // A folded event line puts its state under the event column, narration stays there too.
      expect(folded, name).toMatch(/\n {21,22}→ \S/);
    }
  });

  it('piped (no width), one line a step as before', async () => {
    const out = await simulateAt(undefined, 'lessons/06-pre-provisioning-then-user-weeks-later');
    expect(out).toMatch(/\n00:03:47 +world +Device restarts +→ Technician flow › Technician ESP › Device preparation › Secure hardware\n/);
  });

  it('a run past 100 hours keeps its clock column, a long event widens its column: the arrows of every step line up', async () => {
    const out = await simulateAt(undefined, 'lessons/06-pre-provisioning-then-user-weeks-later');
    const steps = out.split('\n').filter((l) => /^(\d\d:\d\d:\d\d|\d+d \d\d:\d\d) /.test(l));
    expect(steps.some((l) => l.startsWith('21d '))).toBe(true);
    expect(new Set(steps.map((l) => l.indexOf('→'))).size).toBe(1);
    const apdp = (await simulateAt(undefined, 'device-preparation')).split('\n').filter((l) => /^\d\d:\d\d:\d\d /.test(l));
    expect(apdp.some((l) => l.includes('User configuration delivered          →'))).toBe(true);
    expect(new Set(apdp.map((l) => l.indexOf('→'))).size).toBe(1);
  });

  it("a timer is named by what runs out, in the event column (XState's name, 70 characters, pushed the state off the line)", async () => {
    const out = await simulateAt(undefined, 'lessons/08-esp-timeout-one-large-app', '--no-narration');
    expect(out).toMatch(/\n01:08:31 {2}timer {6}The device ESP times out +→ Device ESP › Error page {2}no documented code: the simulator names it ESP_TIMEOUT/);
    expect(out).not.toMatch(/xstate\./);
    // The JSON keeps the machine's own name.
    expect(await simulateAt(undefined, 'lessons/08-esp-timeout-one-large-app', '--json')).toContain('"event":"xstate.after.espDeviceTimeout.');
  });

  it('wrap keeps a padded column where it does not fold, indents continuations, never cuts a long word', () => {
    expect(wrap('  error     0x800705B4  short', 80)).toBe('  error     0x800705B4  short');
    expect(wrap('  phases    OOBE 3.9 · ESP: device preparation 7.5', 30, 12)).toBe('  phases    OOBE 3.9 · ESP:\n            device preparation\n            7.5');
    expect(wrap('a-very-long-word-with-no-space x', 10)).toBe('a-very-long-word-with-no-space\nx');
    expect(wrap('\x1b[2mdim words\x1b[22m here', 15)).toBe('\x1b[2mdim words\x1b[22m here');
    expect(wrap('anything at all', undefined)).toBe('anything at all');
    // Indentation after a colour code is the line's indentation still.
    expect(wrap('\x1b[2m  seed 1 · 8 steps\x1b[22m', 11)).toBe('\x1b[2m  seed 1 ·\n  8 steps\x1b[22m');
  });
});
