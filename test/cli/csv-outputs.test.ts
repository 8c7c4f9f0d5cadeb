// sweep, recommend and compare write CSV too (--csv FILE), for a spreadsheet: the figures --json holds, one row per value or per
// scenario; run's per-device CSV was the only one, so a sweep's table reached a spreadsheet by hand.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('csv-outputs-');

/** CSV text as rows of cells (quoted cells may hold commas and doubled quotes). */
function parse(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
          else if (ch === '"') quoted = false;
          else cur += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') out.push(cur), (cur = '');
        else cur += ch;
      }
      out.push(cur);
      return out;
    });
}
const cell = (x: unknown) => (x === null || x === undefined ? '' : String(x));

describe('--csv for sweep, recommend and compare', () => {
  it('sweep: one row per value, the figures --json holds', async () => {
    const csv = join(dir, 'sweep.csv');
    const r = await cli('sweep', 'fleets/engineering-tight-esp', '--devices', '300', '--vary', 'apps=4..20:8', '--json', '--csv', csv);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    const [head, ...rows] = parse(readFileSync(csv, 'utf8'));
    expect(head).toEqual(['field', 'value', 'devices', 'successRate', 'successLow95', 'successHigh95', 'p50Minutes', 'p90Minutes', 'meanEndUserMinutes', 'topFailureCode', 'topFailurePhase', 'topFailureCause', 'topFailureDevices', 'saturated']);
    expect(rows).toEqual(
      json.rows.map((x: any) => [json.field, x.value, x.devices, x.successRate, x.successInterval95[0], x.successInterval95[1], x.p50, x.p90, x.meanEndUserMinutes, x.topFailure?.code, x.topFailure?.phase, x.topFailure?.causeSummary, x.topFailure?.devices, x.saturated.map((s: any) => s.resource).join('; ')].map(cell)),
    );
  });

  it('recommend: the ranked scenarios with their figures, then the excluded with what excludes them', async () => {
    const csv = join(dir, 'recommend.csv');
    const r = await cli('recommend', 'fleets/vdi-small-vms', '--devices', '300', '--json', '--csv', csv);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    const [head, ...rows] = parse(readFileSync(csv, 'utf8'));
    expect(head.slice(0, 4)).toEqual(['rank', 'scenario', 'status', 'devices']);
    const ranked = rows.filter((x) => x[2] === 'ranked');
    expect(ranked.map((x) => [x[0], x[1], x[4], x[11], x[16]])).toEqual(json.ranking.map((x: any) => [cell(x.rank), x.scenario, cell(x.summary.successRate), cell(x.score), x.why]));
    const excluded = rows.filter((x) => x[2] === 'excluded');
    expect(excluded.map((x) => x[1])).toEqual([...new Set(json.exclusions.map((e: any) => e.scenario))]);
    for (const x of excluded) for (const e of json.exclusions.filter((e: any) => e.scenario === x[1])) expect(x[16]).toContain(`"${e.rule}" (${e.source})`);
  });

  it("compare: one row per figure, the fleet's then each group's and site's, as --json holds them", async () => {
    const csv = join(dir, 'compare.csv');
    const r = await cli('compare', 'fleets/legacy-tpm-refresh', '--devices', '300', '--scenarios', 'user-driven,pre-provisioned', '--json', '--csv', csv);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    const [head, ...rows] = parse(readFileSync(csv, 'utf8'));
    expect(head).toEqual(['scope', 'name', 'metric', 'label', 'unit', 'a', 'b', 'difference', 'low95', 'high95', 'aLabel', 'bLabel']);
    const row = (scope: string, name: string, d: any) => [scope, name, d.metric, d.label, d.unit, d.a, d.b, d.difference, d.interval95?.[0], d.interval95?.[1], json.a.label, json.b.label].map(cell);
    const slices = (scope: string, xs: any[]) => xs.flatMap((x) => [row(scope, x.name, x.success), row(scope, x.name, x.meanMinutes)]);
    expect(rows).toEqual([...json.differences.map((d: any) => row('fleet', '', d)), ...slices('group', json.groups), ...slices('site', json.sites)]);
    expect(rows.filter((x) => x[0] === 'group').map((x) => x[1])).toContain('Older laptops');
  });

  it('a --csv that cannot be written is exit 2 before any work, nothing written', async () => {
    const html = join(dir, 'never.html');
    for (const argv of [
      ['sweep', 'fleets/engineering-tight-esp', '--vary', 'apps=4,8', '--html', html, '--csv', join(dir, 'missing', 'x.csv')],
      ['recommend', 'fleets/vdi-small-vms', '--html', html, '--csv', join(dir, 'missing', 'x.csv')],
      ['compare', 'fleets/vdi-small-vms', '--scenarios', 'user-driven,device-preparation', '--html', html, '--csv', join(dir, 'missing', 'x.csv')],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.err).toMatch(/--csv/);
      expect(existsSync(html)).toBe(false);
    }
  });
});
