// recommend stops when its AbortSignal aborts, in each group's own answer as in the ranked runs: the groups' runs made no
// progress call, where the signal is heard, so an abort after the ranking waited for every group's answer (and the
// recommendation came anyway).
import { describe, expect, it } from 'vitest';
import { recommend } from '../../src/index.ts';

const fleet: Parameters<typeof recommend>[0] = {
  name: 'Two groups',
  scenario: 'user-driven' as const,
  seed: 4,
  environment: { profile: { joinType: 'entra' }, apps: [{ name: 'Company Portal', type: 'store' }] },
  groups: [
    { name: 'Laptops', count: 150 },
    { name: 'Desktops', count: 150, environment: { hardware: { kind: 'vm' } } },
  ],
};

describe('recommend with an AbortSignal', () => {
  it("stops in the groups' own answers, which run after the ranking", async () => {
    const controller = new AbortController();
    let last: [number, number] | null = null;
    let after = 0;
    const onProgress = (done: number, total: number) => {
      if (controller.signal.aborted) after++;
      last = [done, total];
      // The ranking's runs are done: abort once this call has returned, as a caller's timer would.
      if (done === total && !controller.signal.aborted) queueMicrotask(() => controller.abort(new Error('stopped by the caller')));
    };
    await expect(recommend(fleet, { signal: controller.signal, onProgress })).rejects.toThrow('stopped by the caller');
    expect(last).not.toBeNull();
    // Heard before the first group's answer runs a chunk (it ran one, and reported it, before the run heard the abort).
    expect(after).toBe(0);
  });

  it('still answers when nothing aborts, every group answered', async () => {
    const r = await recommend(fleet, { signal: new AbortController().signal });
    expect(r.perGroup.map((g) => g.group)).toEqual(['Laptops', 'Desktops']);
  });
});
