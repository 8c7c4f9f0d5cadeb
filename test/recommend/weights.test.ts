// recommend's goal weights come from the fleet file: validated, used by the score, printed in the
// full score rule; and recommend is four modules (measure, rules, ranking, prose), each usable alone.
import { describe, expect, it } from 'vitest';
import { fleetFrom, parseFleet } from '../../src/fleet/load.ts';
import { recommend } from '../../src/recommend/index.ts';
import { measureFleet } from '../../src/recommend/measure.ts';
import { applyRules } from '../../src/recommend/rules.ts';
import { DEFAULT_WEIGHTS, score, scoreRule, type Summary } from '../../src/recommend/ranking.ts';
import { whyOf } from '../../src/recommend/prose.ts';

const summary = (o: Partial<Summary> = {}): Summary => ({ devices: 100, successRate: 0.9, interval: [0.85, 0.94], firstTimeRightRate: 0.9, p50Total: 80, p50EndUser: 40, p50Technician: 20, topFailure: null, saturated: [], ...o });

describe('goal weights', () => {
  it('the defaults give the documented score: 100 × success, minus time, plus the adjustments', () => {
    expect(DEFAULT_WEIGHTS).toMatchObject({ success: 100, endUserMinutesPerPoint: 10, technicianShare: 0.25, totalMinutesPerPoint: 20, maxTimePoints: 25, kiosk: 10, singleUser: 10, devicesInUse: 5 });
    expect(score(summary(), true)).toBe(90 - (40 + 5) / 10);
    expect(score(summary(), false)).toBe(90 - 80 / 20);
    expect(score(summary({ p50Total: 2000 }), false)).toBe(90 - 25);
    expect(score(summary(), false, [{ points: 10, reason: 'x' }])).toBe(96);
    expect(score(summary({ successRate: 0 }), false)).toBe(-100);
  });

  it('the file sets them; they change the score and the printed rule', () => {
    const w = { ...DEFAULT_WEIGHTS, totalMinutesPerPoint: 4, maxTimePoints: 50, singleUser: 0 };
    expect(score(summary(), false, [], w)).toBe(90 - 20);
    const rule = scoreRule(w, false);
    expect(rule).toContain('100 × success rate');
    expect(rule).toContain('p50 total minutes, 4 minutes a point');
    expect(rule).toContain('at most 50 points');
    expect(rule).not.toContain('single-user');
    expect(rule).toContain('−100 when no device succeeds');
    expect(rule).toContain('tie within noise');
    expect(scoreRule(DEFAULT_WEIGHTS, true)).toContain('p50 end-user minutes plus a quarter of the p50 technician minutes, 10 minutes a point');
  });

  it('are validated like every field: one line naming the field', () => {
    expect(() => parseFleet('f.yaml', 'goals: { weights: { success: -1 } }\n')).toThrow(/goals\.weights\.success: expected >= 0/);
    expect(() => parseFleet('f.yaml', 'goals: { weights: { speed: 3 } }\n')).toThrow(/goals\.weights/);
  });

  it('recommend scores with the file\'s weights and prints the rule it used', async () => {
    const base = {
      name: 'W',
      seed: 2,
      environment: { profile: { joinType: 'entra' }, apps: [{ name: 'App', type: 'win32', sizeMb: 100 }] },
      groups: [{ name: 'Laptops', weight: 1 }],
    };
    const plain = await recommend(fleetFrom(base), { devices: 120 });
    const heavy = await recommend(fleetFrom({ ...base, goals: { weights: { totalMinutesPerPoint: 1, maxTimePoints: 1000 } } }), { devices: 120 });
    expect(heavy.weights.totalMinutesPerPoint).toBe(1);
    expect(heavy.scoreRule).toContain('1 minutes a point');
    for (const r of heavy.ranking) {
      if (r.summary.p50Total === null) continue;
      const p = plain.ranking.find((x) => x.scenario === r.scenario)!;
      expect(r.score).toBe(score(r.summary, false, r.adjustments, heavy.weights));
      expect(r.score).toBeLessThan(p.score);
    }
  });
});

describe('recommend in four parts', () => {
  it('measure reads the fleet, rules exclude, ranking scores, prose explains', () => {
    const fleet = fleetFrom({ groups: [{ name: 'Kiosks', count: 50, environment: { hardware: { kind: 'vm' } } }, { name: 'Laptops', count: 150 }] });
    const { facts, m } = measureFleet(fleet, {});
    expect(facts.vm).toBeCloseTo(0.25, 2);
    const rules = applyRules(m, facts, fleet.goals, false, 0.05);
    expect(rules.excluded.has('self-deploying')).toBe(true);
    expect(rules.exclusions.find((e) => e.scenario === 'self-deploying')!.groups).toEqual(['Kiosks']);
    const ranked = { rank: 1, scenario: 'user-driven' as const, summary: summary(), score: 85.5, adjustments: [], why: '' };
    expect(whyOf(ranked, [ranked], true, DEFAULT_WEIGHTS)).toMatch(/^user-driven: 90\.0% success/);
  });
  it('a difference in success reads as compare rounds it: 100% against 97.75% is 2.3 points (1 - 0.9775 read 2.2)', () => {
    const a = { rank: 1, scenario: 'user-driven' as const, summary: summary({ successRate: 1 }), score: 90, adjustments: [], why: '' };
    const b = { rank: 2, scenario: 'pre-provisioned' as const, summary: summary({ successRate: 0.9775 }), score: 80, adjustments: [], why: '' };
    expect(whyOf(a, [a, b], true, DEFAULT_WEIGHTS)).toContain('2.3 points more success');
    expect(whyOf(b, [a, b], true, DEFAULT_WEIGHTS)).toContain('2.3 points less success');
  });
});

describe('the score as every format writes it', () => {
  it('one rounding in the terminal, markdown and JSON: two decimals, the value JSON holds (the column read 33, 98.3, 94.29)', async () => {
    const { renderRecommendation } = await import('../../src/cli/commands/recommend.ts');
    const { renderRecommendationMarkdown } = await import('../../src/report/markdown.ts');
    const real = await recommend(fleetFrom({ name: 'Scores', groups: [{ name: 'Laptops' }] }), { devices: 40 });
    const scores = [98.3, 94.29, 33, -100];
    const rec = { ...real, ranking: scores.map((s, i) => ({ ...real.ranking[0]!, rank: i + 1, score: s })) };
    const written = ['98.30', '94.29', '33.00', '−100.00'];
    // The terminal's ranking, piped and at 80 columns: the score column of each row.
    for (const columns of [undefined, 80]) {
      const rows = renderRecommendation(rec, { columns }).split('\n').filter((l) => /^│ \d /.test(l));
      expect(rows.map((l) => l.split('│')[columns ? 8 : 8]!.trim()), String(columns)).toEqual(written);
    }
    const md = renderRecommendationMarkdown(rec).split('\n').filter((l) => /^\| \d /.test(l));
    expect(md.map((l) => l.split('|')[8]!.trim())).toEqual(written);
    // JSON holds the same value, to the same hundredth.
    expect(written.map((w) => Number(w.replace('−', '-')))).toEqual(JSON.parse(JSON.stringify(rec)).ranking.map((r: { score: number }) => r.score));
  });
});
