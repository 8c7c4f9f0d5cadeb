// A lesson's note at a state several of the machine's states end with: validate names them and suggests a longer end of
// the path. Its suggestion was always the last two segments, which for device preparation's "Scripts" read "give more
// of the path (such as provisioning.scripts)": a trainer who wrote that got the same error, suggesting itself, since
// the Cloud PC's flow has a provisioning.scripts too.
import { describe, expect, it } from 'vitest';
import { noticeState, statePaths } from '../../src/environment/notice.ts';
import type { ScenarioId } from '../../src/catalog/vocabulary.ts';

const suggestion = (scenario: ScenarioId, at: string) => {
  const r = noticeState(scenario, at);
  if (!('problem' in r)) throw new Error(`"${at}" resolved to ${r.path}`);
  return /such as ([^)]+)\)/.exec(r.problem)?.[1];
};

describe("a note's state named by an end of its path that several states share", () => {
  it('suggests an end that names one state: deployment.provisioning.scripts for device preparation\'s Scripts', () => {
    expect(suggestion('device-preparation', 'Scripts')).toBe('deployment.provisioning.scripts');
    expect(suggestion('device-preparation', 'provisioning.scripts')).toBe('deployment.provisioning.scripts');
    expect(suggestion('user-driven', 'apps')).toBe('deviceSetup.apps');
  });

  it('every suggestion, for every state key shared in every scenario, resolves to a single state', () => {
    const scenarios: ScenarioId[] = ['user-driven', 'pre-provisioned', 'self-deploying', 'existing-devices', 'reset', 'device-preparation'];
    const wrong: string[] = [];
    for (const scenario of scenarios) {
      const keys = new Set(statePaths(scenario).map((p) => p.split('.').pop()!));
      for (const key of keys) {
        const r = noticeState(scenario, key);
        if ('path' in r || !r.problem.includes('several states')) continue;
        const hint = /such as ([^)]+)\)/.exec(r.problem)![1]!;
        const again = noticeState(scenario, hint);
        if (!('path' in again)) wrong.push(`${scenario} ${key}: suggests ${hint}, which ${again.problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
