// recommend --html says what the terminal says: the answer, its plan (one scenario, a split, or each group on its own
// answer), the scores, and each group's own answer; and it draws that plan, not the winner's run alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { scoreText } from '../../src/recommend/ranking.ts';
import type { Recommendation } from '../../src/recommend/index.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('recommend-html-');

const unescape = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

/** A table's body rows, each cell as text. */
function rows(html: string, cls: string): string[][] {
  const t = html.match(new RegExp(`<table class="${cls}">([\\s\\S]*?)</table>`));
  if (!t) return [];
  const body = t[1]!.split('<tbody>')[1]!;
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => unescape(c[1]!)));
}

/** recommend --json --html: the answer as JSON and the page, parsed. */
async function both(fleet: string, ...more: string[]) {
  const target = join(dir, `${fleet.replace(/\W/g, '-')}.html`);
  const r = await cli('recommend', fleet, '--json', '--html', target, ...more);
  expect(r.code, r.err).toBe(0);
  const rec = JSON.parse(r.out) as Recommendation;
  const html = readFileSync(target, 'utf8');
  return { rec, html };
}

/** What the page says against what the terminal (its JSON) says: answer, plan, scores, each group's answer. */
function saysWhatTheTerminalSays(html: string, rec: Recommendation) {
  expect(unescape(html.match(/<p class="finding" id="answer">([\s\S]*?)<\/p>/)![1]!)).toBe(rec.recommendation.sentence);
  expect(rows(html, 'plan')).toEqual(rec.recommendation.deploy.map((d) => [d.scenario ?? 'none fits', d.groups.map((g) => `“${g}”`).join(', '), d.devices.toLocaleString('en-US')]));
  expect(rows(html, 'scores').map((r) => [r[1], r[4], r[5]])).toEqual(rec.ranking.map((r) => [r.scenario, scoreText(r.score), r.why]));
  const perGroup = html.match(/<ul id="per-group">([\s\S]*?)<\/ul>/);
  expect(perGroup ? [...perGroup[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => unescape(m[1]!)) : []).toEqual(rec.perGroup.map((g) => g.sentence));
}

describe('recommend --html', () => {
  it('one scenario for the whole fleet: the answer, its plan, the scores, each group\'s answer', async () => {
    const { rec, html } = await both('fleets/new-laptops', '--devices', '150');
    expect(rec.ranking.length).toBeGreaterThan(1);
    saysWhatTheTerminalSays(html, rec);
    expect(html).toContain(`<h2>Headline numbers: ${rec.recommendation.scenario}</h2>`);
  });

  it('a split: says it, and draws the split (the kiosks on self-deploying, the VMs on user-driven), not the whole fleet on the winner', async () => {
    const { rec, html } = await both('fleets/kiosks-and-vms');
    expect(rec.split?.better).toBe(true);
    saysWhatTheTerminalSays(html, rec);
    expect(rec.perGroup.length).toBeGreaterThan(1);
    expect(html).toContain('<h2>Headline numbers: the recommended plan</h2>');
    // The groups' table of the plan: the kiosks have no user (self-deploying), the training VMs do (user-driven); on the
    // winner's run both had a user.
    const groups = Object.fromEntries(rows(html, 'groups').map((r) => [r[0], r]));
    expect(groups['Shop-floor kiosks']![5]).toBe('0.0');
    expect(Number(groups['Training VMs']![5])).toBeGreaterThan(10);
    // Every device of the fleet is drawn, the split's and those set apart.
    expect(unescape(html.match(/id="headline-devices">([^<]*)</)![1]!)).toBe(String(rec.recommendation.deploy.reduce((a, d) => a + d.devices, 0)));
  });

  it("the winner with a warned group set apart: draws that plan, not the winner's run (the VMs failed on it under the winner's name)", async () => {
    const fleet = join(dir, 'kiosks-and-test-vms.yaml');
    writeFileSync(
      fleet,
      [
        'name: Kiosks and a few VMs',
        'seed: 4',
        'scenario: self-deploying',
        'environment:',
        '  profile: { deploymentMode: self-deploying, joinType: entra, kioskAutologon: true }',
        '  apps: [{ name: Point of sale, type: win32, sizeMb: 400 }]',
        'groups:',
        "  - { name: Kiosks, count: 970, environment: { hardware: { kind: physical, tpm: '2.0' } } }",
        '  - { name: Test VMs, count: 30, environment: { hardware: { kind: vm } } }',
        'goals: { sharedOrKiosk: true }',
        '',
      ].join('\n'),
    );
    const { rec, html } = await both(fleet);
    expect(rec.warnedSplit).toMatchObject({ apart: ['Test VMs'], scenario: 'user-driven', better: true });
    saysWhatTheTerminalSays(html, rec);
    expect(html).toContain('<h1>Recommendation for Kiosks and a few VMs: self-deploying, with &quot;Test VMs&quot; (30 devices) on user-driven</h1>');
    expect(html).toContain('<h2>Headline numbers: the recommended plan</h2>');
    // The VMs reach the desktop on user-driven, with a user at them; on the winner's run every one failed attestation.
    const groups = Object.fromEntries(rows(html, 'groups').map((r) => [r[0], r]));
    expect(groups['Test VMs']![2]).toMatch(/^100\.0%/);
    expect(Number(groups['Test VMs']![5])).toBeGreaterThan(10);
    expect(groups['Kiosks']![5]).toBe('0.0');
    expect(unescape(html.match(/id="headline-success">([^<]*)</)![1]!).startsWith(`${(rec.warnedSplit!.summary.successRate * 100).toFixed(1)}%`)).toBe(true);
  });

  it('nothing fits the whole fleet: the page gives the groups\' plan and draws each group on its own answer (no page was written)', async () => {
    const fleet = join(dir, 'estate.yaml');
    writeFileSync(
      fleet,
      [
        'name: Estate',
        'environment: { profile: { joinType: entra } }',
        'groups:',
        '  - { name: Desktops in use, count: 150, environment: { scenario: existing-devices, registration: { registered: false }, os: { windows: 10 } } }',
        '  - { name: New laptops, count: 100, environment: { scenario: user-driven, registration: { registered: false } } }',
        '  - { name: Cloud PCs, count: 50, environment: { scenario: device-preparation, devicePreparation: { mode: automatic }, hardware: { kind: vm } } }',
        '',
      ].join('\n'),
    );
    const { rec, html } = await both(fleet);
    expect(rec.ranking).toEqual([]);
    expect(rec.recommendation.scenario).toBeNull();
    saysWhatTheTerminalSays(html, rec);
    expect(html).toContain('<h1>Recommendation for Estate: each group its own scenario, existing-devices for &quot;Desktops in use&quot;; device-preparation for &quot;New laptops&quot;, &quot;Cloud PCs&quot;</h1>');
    const groups = rows(html, 'groups');
    expect(groups.map((r) => [r[0], r[1]])).toEqual([
      ['Desktops in use', '150'],
      ['New laptops', '100'],
      ['Cloud PCs', '50'],
    ]);
    // Each group reaches the desktop on its own answer, as the per-group answers say.
    for (const r of groups) expect(r[2]).toMatch(/^100\.0%/);
  });
  it("names a part of a group's own answer once: the TPM 1.2 kiosks of a group set apart were named twice in the title", async () => {
    // A device preparation pilot opens its scenario for the rest; the kiosks set apart split their TPM 1.2 ones onto user-driven.
    const fleet = join(dir, 'pilot-beside-kiosks.yaml');
    writeFileSync(
      fleet,
      [
        'name: Pilot beside kiosks',
        'seed: 5',
        'environment:',
        '  apps: [{ name: Portal, type: store, sizeMb: 20 }]',
        'groups:',
        '  - { name: Pilot, count: 50, environment: { scenario: device-preparation, registration: { registered: false } } }',
        '  - name: Kiosks',
        '    count: 100',
        '    environment: { scenario: self-deploying, profile: { kioskAutologon: true } }',
        "    vary: { tpm: [{ share: 0.1, environment: { hardware: { tpm: '1.2' } } }] }",
        '',
      ].join('\n'),
    );
    const { rec, html } = await both(fleet);
    expect(rec.recommendation.deploy.map((d) => [d.scenario, d.groups])).toEqual(
      expect.arrayContaining([
        ['device-preparation', ['Pilot']],
        ['user-driven', ['Kiosks with hardware.tpm 1.2']],
      ]),
    );
    // Which scenario leads the split rests on the run's figures; the part set apart is named once whichever does.
    const title = /<h1>([^<]*)<\/h1>/.exec(html)![1]!;
    expect(title).toMatch(/^Recommendation for Pilot beside kiosks: split, /);
    expect(title.split('&quot;Kiosks with hardware.tpm 1.2&quot;')).toHaveLength(2);
    expect(title).toContain('user-driven for &quot;Kiosks with hardware.tpm 1.2&quot;');
  });
});
