// The transition graphs a process keeps stay bounded (GRAPHS_KEPT per machine, the most recently
// used), and a graph dropped and built again gives the same runs.
import { describe, expect, it } from 'vitest';
import { machines } from '../../machines/index.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { GRAPHS_KEPT, graphsKept } from '../../src/engine/transitions.ts';
import { defaultEnvironment } from '../../src/environment/load.ts';

describe('transition graph cache', () => {
  it(`keeps at most ${GRAPHS_KEPT} graphs a machine, and a run whose graph was dropped is the same run`, () => {
    // Each ESP timeout is another machine input, so another graph.
    const env = (minutes: number) => defaultEnvironment({ scenario: 'reset', esp: { timeoutMinutes: minutes } });
    const first = simulate(env(1000), { seed: 5 });
    for (let m = 1001; m <= 1000 + GRAPHS_KEPT + 20; m++) simulate(env(m), { seed: 5, trace: false });
    expect(graphsKept(machines.reset)).toBe(GRAPHS_KEPT);
    expect(simulate(env(1000), { seed: 5 })).toEqual(first);
  });
});
