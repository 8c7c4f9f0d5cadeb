// Every command's --help: examples that run as written, only options the command has, and after
// a mistake in a command's options, a pointer to that command's own help.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, buildProgram, run } from '../../src/cli/program.ts';
import { resolveScenarioPath } from '../../src/environment/files.ts';
import { SCENARIO_IDS } from '../../src/catalog/vocabulary.ts';
import { cli } from '../helpers/cli.ts';

const program = buildProgram({ out: () => {}, err: () => {} }, { code: 0 });

describe('--help', () => {
  it('every command has examples, each naming its own command, options it has and bundled files that exist', async () => {
    for (const command of program.commands.filter((c) => c.name() !== 'help')) {
      const help = await cli(command.name(), '--help');
      expect(help.code).toBe(0);
      expect(help.out, command.name()).toMatch(/\nExamples:\n {2}autopilot-sim /);
      for (const [line] of EXAMPLES[command.name()]!) {
        const words = line.split(' ');
        expect(words[0]).toBe(command.name());
        const known = command.options.flatMap((o) => [o.long, o.short]).filter(Boolean);
        for (const w of words.filter((x) => x.startsWith('-'))) expect(known, `${line}: ${w}`).toContain(w);
        // The first argument of a command that reads a file is a file the package bundles.
        const first = words[1];
        if (first && command.registeredArguments.length && !first.startsWith('-') && command.name() !== 'diagram') expect(existsSync(resolveScenarioPath(first)), line).toBe(true);
      }
    }
  });

  it("the trainer's examples run as written (play's speed raised), exit 0", async () => {
    for (const name of ['simulate', 'validate', 'scenarios', 'play']) {
      for (const [line] of EXAMPLES[name]!) {
        const argv = line.replace('--speed 600', '--speed 1e9').split(' ');
        const r = await cli(...(name === 'play' && !argv.includes('--auto') ? [...argv, '--auto', '--speed', '1e9'] : argv));
        expect(r.code, line).toBe(0);
      }
    }
  }, 60_000);

  it('play lists its keys; diagram names every scenario it draws', async () => {
    const play = (await cli('play', '--help')).out;
    expect(play).toMatch(/Keys \(without --auto\):[\s\S]*→ space n +step on[\s\S]*1-9 +inject[\s\S]*Ctrl-C/);
    // Every key play's own key line names (src/cli/commands/play.ts), the clicker's and Home End too (the README lists them).
    const keyLine = /keys: (.*?)`\), io\.columns/.exec(readFileSync(new URL('../../src/cli/commands/play.ts', import.meta.url), 'utf8'))![1]!;
    for (const key of ['Home', 'End', 'PgDn', 'PgUp', 'space', '→', '←', 'f', '1-9', '?', 'q']) {
      expect(keyLine).toContain(key);
      expect(play).toContain(key);
    }
    const diagram = (await cli('diagram', '--help')).out.replace(/\s+/g, ' ');
    for (const id of SCENARIO_IDS) expect(diagram).toContain(id);
  });

  it("a mistake in a command's options points to that command's help", async () => {
    const r = await cli('simulate', 'self-deploying', '--seeed', '3');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^autopilot-sim: unknown option '--seeed'[\s\S]*Did you mean --seed\?[\s\S]*autopilot-sim simulate --help: its arguments, options and examples/);
    // `help` of a misspelt command says which (it printed the whole help on standard error, and nothing of the name).
    for (const argv of [['help', 'simulat'], ['help', 'simulat', 'self-deploying']]) {
      const help = await cli(...argv);
      expect(help.code).toBe(2);
      expect(help.err).toMatch(/^autopilot-sim: unknown command 'simulat'\n\(Did you mean simulate\?\)/);
      expect(help.err).not.toMatch(/Commands:/);
    }
    expect((await cli('help', 'simulate')).out).toMatch(/^Usage: autopilot-sim simulate /);
    const typo = await cli('simulat', 'self-deploying');
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/^autopilot-sim: unknown command 'simulat'\n\(Did you mean simulate\?\)[\s\S]*autopilot-sim --help/);
  });

  it("on an 80-column terminal every command's help fits, a long example folded before an option with ' \\' (diagram's ran to 88 columns, calibrate's to 99)", async () => {
    for (const command of program.commands.filter((c) => c.name() !== 'help')) {
      const out: string[] = [];
      expect(await run([command.name(), '--help'], { out: (s) => out.push(s), err: () => {}, columns: 80 })).toBe(0);
      const lines = out.join('').split('\n');
      for (const l of lines) expect(l.length, `${command.name()}: ${l}`).toBeLessThanOrEqual(80);
      // Each example, its folded lines joined, is the example as written.
      const examples = out.join('').split('\nExamples:\n')[1]!.replace(/ \\\n {4}/g, ' ');
      for (const [line] of EXAMPLES[command.name()]!) expect(examples, line).toContain(`  autopilot-sim ${line}\n`);
    }
    const out: string[] = [];
    await run(['diagram', '--help'], { out: (s) => out.push(s), err: () => {}, columns: 80 });
    expect(out.join('')).toContain('  autopilot-sim diagram user-driven --format svg --state deviceEsp --fit 16:9 \\\n    -o esp.svg\n');
  });
});

describe('--help after a command there is not', () => {
  it("says the command is unknown, with the one meant, exit 2 (`autopilot-sim simulat --help` and `autopilot-sim inspect --help` printed the whole help, exit 0)", async () => {
    for (const argv of [['simulat', '--help'], ['simulat', 'self-deploying', '-h'], ['--no-color', 'simulat', '--help']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^autopilot-sim: unknown command 'simulat'\n\(Did you mean simulate\?\)/);
      expect(r.out).toBe('');
    }
    const inspect = await cli('inspect', '--help');
    expect([inspect.code, inspect.err.split('\n')[0]]).toEqual([2, "autopilot-sim: unknown command 'inspect'"]);
    // A command's own help, and the program's, are as they were.
    expect(await cli('simulate', '--help')).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: autopilot-sim simulate /) });
    expect(await cli('--help')).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: autopilot-sim \[options\] \[command\]/) });
    expect(await cli('--no-color', '-h')).toMatchObject({ code: 0 });
  });
});
