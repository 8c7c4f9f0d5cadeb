// play by keys as a trainer drives it in a terminal: keys that arrive together, the end of
// the run, Ctrl-C, a fault's code, options that only --auto reads, and 80 columns.
import { describe, expect, it } from 'vitest';
import { playCommand, splitKeys } from '../../src/cli/commands/play.ts';
import { EXIT } from '../../src/cli/io.ts';
import { cli } from '../helpers/cli.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function play(file: string, keys: string[], columns?: number): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  async function* input() {
    yield* keys;
  }
  const code = await playCommand({ out: (s) => out.push(s), err: (s) => err.push(s), columns }, file, {}, input());
  return { code, out: plain(out.join('\n')), err: err.join('\n') };
}

describe('play in a terminal', () => {
  it('keys that arrive in one chunk (a held-down arrow, fast typing) are each a key', () => {
    expect(splitKeys('\x1b[C\x1b[C\x1b[C')).toEqual(['\x1b[C', '\x1b[C', '\x1b[C']);
    expect(splitKeys('nnb\x1b[Dq')).toEqual(['n', 'n', 'b', '\x1b[D', 'q']);
    expect(splitKeys('\x03')).toEqual(['\x03']);
  });

  it('counts steps as the studio and the outcome do, shows the outcome once at the end, and says the run has ended after', async () => {
    const r = await play('lessons/02-self-deploying-on-a-vm', [...Array(9).fill('n'), 'q']);
    expect(r.code).toBe(0);
    const steps = Number(/ · (\d+) steps · /.exec(r.out)![1]);
    expect(r.out).toMatch(/^\[0\/\d+\] 00:00:00 +engine +power on/m);
    expect(r.out).toContain(`[${steps}/${steps}]`);
    expect(r.out.match(/Outcome:/g)).toHaveLength(1);
    expect(r.out).toMatch(/the run has ended: ← to go back/);
  });

  it('shows the outcome with the last step, reached by → or by End, as the studio does (it waited for one more →; End showed the last step alone)', async () => {
    const last = (await play('lessons/02-self-deploying-on-a-vm', ['q'])).out;
    expect(last).toMatch(/^\[0\/(\d+)\]/m);
    const steps = Number(/^\[0\/(\d+)\]/m.exec(last)![1]);
    for (const keys of [Array(steps).fill('n'), ['\x1b[F']]) {
      const r = await play('lessons/02-self-deploying-on-a-vm', [...keys, 'q']);
      const tail = r.out.slice(r.out.indexOf(`[${steps}/${steps}]`));
      expect(tail, keys.join(' ')).toMatch(/\nOutcome: failed · self-deploying/);
      expect(tail, keys.join(' ')).toContain('0x800705B4');
    }
  });

  it("f lists the choices the class can make beside the faults, as the studio does: at lesson 02's error page Try again (it said no fault can happen), and a number makes it", async () => {
    const r = await play('lessons/02-self-deploying-on-a-vm', [...Array(5).fill('n'), 'f', '1', 'n', 'q']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ {2}1\. Someone presses Try again {2}a choice: forks the run/);
    expect(r.out).toMatch(/→ chosen: Someone presses Try again; step on to see where it leads/);
    expect(r.out).toMatch(/\[6\/\d+\] \S+ +person +Someone presses Try again/);
    // --auto makes a choice named in --inject (it was accepted, then never made).
    const auto = await cli('play', 'lessons/08-esp-timeout-one-large-app', '--auto', '--speed', '1e9', '--inject', 'choose:user.retry');
    expect(auto.out).toMatch(/→ chosen: User presses Try again/);
    expect(auto.out).not.toMatch(/not injected/);
  });

  it('f says which fault goes against the set-up, as the studio does: a VM\'s attestation failure on a physical device is a what-if', async () => {
    const r = await play('self-deploying', [...Array(4).fill('n'), 'f', 'q'], 80);
    expect(r.code).toBe(0);
    const words = r.out.replace(/\s+/g, ' ');
    expect(words).toContain('1. TPM attestation fails (no TPM 2.0, a VM) (0x800705B4) what if: not this set-up, which has hardware.kind: physical 2.');
    expect(words).toContain('2. Intermittent attestation failure (0x81039001) 3.');
    // A failure with no documented code is labelled as the studio's card labels it, not shown as a code a device shows.
    expect(words).toContain('3. Clock skew of many minutes (no documented code: the simulator names it CLOCK_SKEW) 4.');
    for (const line of r.out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it("a failure with no documented code is said to be the simulator's name where it strikes and in the step it leads to, as f's menu says it (they printed CLOCK_SKEW as a device's code)", async () => {
    const r = await play('self-deploying', [...Array(4).fill('n'), 'f', '3', 'n', 'n', 'n', 'n', 'n', 'n', 'q']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('⚡ injected: Clock skew of many minutes (no documented code: the simulator names it CLOCK_SKEW)');
    expect(r.out).toMatch(/\] \S+ +world +.*no documented code: the simulator names it CLOCK_SKEW\n/);
    expect(r.out.split('CLOCK_SKEW').length - 1).toBe(r.out.split('the simulator names it CLOCK_SKEW').length - 1);
  });

  it("names the screen the studio shows: the technician's hybrid domain join is a row of the ESP (it said 'OOBE: Just a moment…')", async () => {
    const r = await play('pre-provisioned-hybrid', [...Array(8).fill('n'), 'q'], 200);
    expect(r.out).toMatch(/now: Offline domain join +\(Microsoft Entra hybrid join\) +on screen: the Enrollment Status Page/);
  });

  it("a presentation clicker's Page Down steps and its Page Up goes back (they did nothing)", async () => {
    const r = await play('lessons/02-self-deploying-on-a-vm', ['\x1b[6~', '\x1b[6~', '\x1b[5~', 'q']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\[2\/\d+\]/m);
    expect(r.out).toMatch(/← back\n\[1\/\d+\]/);
    expect(splitKeys('\x1b[6~\x1b[5~')).toEqual(['\x1b[6~', '\x1b[5~']);
  });

  it('heads the run with its title, the file and the seed that replay it', async () => {
    const lesson = await play('lessons/06-pre-provisioning-then-user-weeks-later', ['q']);
    expect(lesson.out.split('\n')[0]).toBe('Pre-provisioning, then the user flow weeks later  scenarios/lessons/06-pre-provisioning-then-user-weeks-later.yaml · seed 1');
    expect((await play('self-deploying', ['q'])).out.split('\n')[0]).toBe('Self-deploying  scenarios/self-deploying.yaml · seed 1');
  });

  it("l prints a lesson's questions, which the studio keeps in the presenter's notes; a file with no lesson offers no l", async () => {
    const r = await play('lessons/02-self-deploying-on-a-vm', ['l', 'q'], 80);
    expect(r.out).toMatch(/Questions for the class:\n {2}1\. Which ESP row fails, and why do the next rows say "Previous step failed"/);
    expect(r.out).toMatch(/Mirrors: Course lab "Self-deploying mode"/);
    expect(r.out).toMatch(/l questions/);
    expect(r.out.split('\n').filter((l) => l.length > 80)).toEqual([]);
    const plain = await play('self-deploying', ['l', 'q']);
    expect(plain.out).not.toMatch(/Questions|l questions/);
  });

  it('Home and End go to the first and the last step, as in the studio (they did nothing), in the codes terminals send', async () => {
    for (const [home, end] of [
      ['\x1b[H', '\x1b[F'],
      ['\x1b[1~', '\x1b[4~'],
      ['\x1bOH', '\x1bOF'],
    ]) {
      const r = await play('lessons/02-self-deploying-on-a-vm', ['n', end!, end!, home!, home!, 'q']);
      const heads = r.out.split('\n').filter((l) => /^\[\d+\/6\]/.test(l)).map((l) => l.slice(0, 5));
      expect(heads).toEqual(['[0/6]', '[1/6]', '[6/6]', '[0/6]']);
      expect(r.out).toMatch(/this is the last step/);
      expect(r.out).toMatch(/this is the first step/);
    }
    expect((await play('self-deploying', ['q'])).out).toMatch(/Home End first, last/);
  });

  it('? shows the keys again, once the first screen has scrolled away', async () => {
    const r = await play('self-deploying', [...Array(8).fill('n'), '?', 'q']);
    const keys = r.out.split('\n').filter((l) => /^keys: → space n step/.test(l));
    expect(keys).toHaveLength(2);
    expect(r.out.split('\n').at(-1)).toMatch(/^keys: .*\? keys · q quit · a clicker's PgDn PgUp step$/);
  });

  it('Ctrl-C (a key in raw mode) ends with 130, as an interrupt does; q and Ctrl-D with 0', async () => {
    const c = await play('self-deploying', ['n', '\x03', 'n']);
    expect(c.code).toBe(EXIT.interrupted);
    expect(c.err).toMatch(/interrupted/);
    expect((await play('self-deploying', ['n', 'q'])).code).toBe(0);
    const eof = await play('self-deploying', ['n', '\x04', 'n']);
    expect(eof.code).toBe(0);
    expect(eof.out).not.toMatch(/\[2\//);
  });

  it('an injected fault says its code; a number with no fault says so; going back before the first step says so', async () => {
    // Step until a fault is possible (the TPM attestation of self-deploying), then inject the first.
    const r = await play('self-deploying', ['b', ...Array(4).fill('n'), 'f', '1', '9', 'n', 'q']);
    expect(r.out).toMatch(/this is the first step/);
    expect(r.out).toMatch(/injected: TPM attestation fails \(no TPM 2\.0, a VM\) \(0x800705B4\); step on/);
    expect(r.out).toMatch(/no fault 9 in this state \(f lists them\)/);
    expect(r.out).toMatch(/TPM attestation fails {2}0x800705B4/);
  });

  it("a lesson's suggested faults are marked in the menu", async () => {
    const r = await play('lessons/06-pre-provisioning-then-user-weeks-later', [...Array(6).fill('n'), 'f', 'q']);
    expect(r.out).toMatch(/1\. TPM attestation fails .*\(0x800705B4\) +suggested by the lesson/);
    expect(r.out).not.toMatch(/Intermittent attestation failure .*suggested/);
  });

  it("a lesson's own error code is not said before the run shows it, as the studio's fault cards have it ('Intune Connector for AD down (0x80070774)' in lesson 04's menu)", async () => {
    const r = await play('lessons/04-hybrid-from-home-without-vpn', [...Array(7).fill('n'), 'f', '1', 'n', 'f', 'q']);
    const before = r.out.slice(0, r.out.indexOf('[8/'));
    expect(before).toMatch(/1\. Intune Connector for AD down \(this lesson's error code\) +suggested by the lesson/);
    expect(before).toMatch(/injected: Intune Connector for AD down; step on/);
    expect(before).not.toContain('0x80070774');
    // The run shows it; from then on it is said.
    expect(r.out.slice(r.out.indexOf('[8/'))).toMatch(/Offline domain join fails {2}0x80070774/);
    // Another file's codes are said as ever.
    expect((await play('failures/hybrid-connector-inactive', [...Array(7).fill('n'), 'f', 'q'])).out).not.toContain("this lesson's error code");
  });

  it("a lesson that ends on a failure Microsoft documents no code for masks it as the lesson's ending, not as an error code: lesson 05's menu read 'Win32 and MSI apps clash (this lesson's error code)', promising a code the simulator's ANOTHER_INSTALLATION_IN_PROGRESS is not", async () => {
    const r = await play('lessons/05-win32-and-msi-mix', [...Array(12).fill('n'), 'f', 'q']);
    expect(r.out).toMatch(/2\. Win32 and MSI apps clash \(this lesson's ending\) +suggested by the lesson/);
    expect(r.out).not.toContain("this lesson's error code");
    expect(r.out).not.toContain('ANOTHER_INSTALLATION_IN_PROGRESS');
  });

  it('at 80 columns every line fits, for a lesson, a failure and a pre-provisioned run through both flows', async () => {
    for (const file of ['lessons/05-win32-and-msi-mix', 'failures/technician-reset-attestation', 'pre-provisioned-hybrid']) {
      const r = await play(file, [...Array(60).fill('n'), 'f', 'q'], 80);
      expect(r.out, file).toMatch(/Outcome:/);
      expect(r.out.split('\n').filter((l) => l.length > 80), file).toEqual([]);
    }
  });

  it('--speed and --inject without --auto are usage errors, not ignored', async () => {
    for (const argv of [['--speed', '600'], ['--inject', 'tpm-fails']]) {
      const r = await cli('play', 'self-deploying', ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(new RegExp(`${argv[0]}: only with --auto`));
      expect(r.out).toBe('');
    }
  });
});
