// Domain §9.2: the documents give few durations, so most of the model's minutes are estimates, and the terminal, Markdown
// and HTML say so under every figure. A script reading --json (an architect's dashboard, the library's runFleet) got the
// same minutes with no word of it: simulate, run and compare now carry the sentence as `durationsNote`.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { runFleet } from '../../src/index.ts';

const NOTE = /^Durations are estimates where the documentation gives none \(each default and its source: schema\/scenario\.schema\.json, durations\)\.$/;

describe('--json says its minutes rest on estimates, as every other format does', () => {
  it('simulate and a replayed fleet device', async () => {
    for (const argv of [['simulate', 'user-driven-entra', '--json'], ['simulate', 'user-driven-entra', '--devices', '20', '--device', '3', '--json']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(JSON.parse(r.out).durationsNote, argv.join(' ')).toMatch(NOTE);
    }
  });

  it('run, each run of compare, and the library', async () => {
    const run = await cli('run', 'user-driven-entra', '--devices', '50', '--json');
    expect(JSON.parse(run.out).durationsNote).toMatch(NOTE);
    const markdown = await cli('run', 'user-driven-entra', '--devices', '50', '--markdown');
    expect(markdown.out).toContain(JSON.parse(run.out).durationsNote);
    const compare = JSON.parse((await cli('compare', 'user-driven-entra', 'self-deploying', '--devices', '50', '--json')).out);
    const reports = JSON.stringify(compare).match(/"durationsNote":"[^"]*"/g) ?? [];
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect((await runFleet({ scenario: 'user-driven' }, { devices: 20 })).durationsNote).toMatch(NOTE);
  });
});
