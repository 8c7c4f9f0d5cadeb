// Every file the README's tours write into the clone (-o, --html, --csv, --overlay, a shell's '>') is ignored by git, so
// that following a tour leaves `git status` clean: our-tenant.yaml, which the calibrate tour's --overlay writes, was not.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe("the README's tours", () => {
  it('write only files that .gitignore covers', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
    const written = [...new Set(commands.flatMap((c) => [...c.replace(/#.*$/, '').matchAll(/(?:\s-o|--html|--csv|--overlay|\s>)\s+([\w./-]+)/g)].map((m) => m[1]!)))];
    expect(written).toEqual(expect.arrayContaining(['twin.yaml', 'our-tenant.yaml', 'ours.yaml', 'scenario.md', 'report.html', 'devices.csv', 'esp.svg']));
    const notIgnored = written.filter((f) => {
      try {
        execFileSync('git', ['check-ignore', '-q', '--no-index', f], { cwd: root });
        return false;
      } catch {
        return true;
      }
    });
    expect(notIgnored).toEqual([]);
  });
});
