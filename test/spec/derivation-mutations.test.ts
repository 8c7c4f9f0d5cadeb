// Derivation from evidence only (issue 12): a model changed where the two blind spots were
// must change the derived table. Each mutation is checked to flip the cell it should.
import type { AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { machines } from '../../machines/index.ts';
import { deployment } from '../../machines/setup.ts';
import { deriveTable, type DeriveOptions } from '../../src/capabilities/derive.ts';
import { compareCells } from '../../src/report/capabilities.ts';

function disagreements(options: DeriveOptions): string[] {
  return compareCells(deriveTable({ runsPerVariant: 20, ...options }))
    .filter((r) => !r.agrees)
    .map((r) => `${r.scenario} · ${r.capability}: ${r.derived}`);
}

/** A copy of a machine with every state tagged as well with `tags`. */
function tagEverything(machine: AnyStateMachine, tags: string[]): AnyStateMachine {
  const copy = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(copy) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) : v;
  const config = copy(machine.config) as { states?: Record<string, unknown> };
  const walk = (node: { tags?: string | string[]; states?: Record<string, unknown> }) => {
    const own = node.tags === undefined ? [] : Array.isArray(node.tags) ? node.tags : [node.tags];
    node.tags = [...own, ...tags];
    for (const child of Object.values(node.states ?? {})) walk(child as never);
  };
  for (const child of Object.values(config.states ?? {})) walk(child as never);
  return deployment.createMachine(config as never) as unknown as AnyStateMachine;
}

describe('the capability table is derived from evidence only (§6)', () => {
  it('a reset that attests a TPM on every path is no longer NA for "TPM authenticates"', () => {
    const mutated = tagEverything(machines.reset as AnyStateMachine, ['tpmAttestation', 'userAssignment']);
    expect(disagreements({ machines: { reset: mutated } })).toContain('reset · TPM authenticates: Yes');
  });

  it('a world where no assigned user can sign in no longer "Supports assigning user to device"', () => {
    const d = disagreements({
      wrapWorld: (world, env) => ({
        ...world,
        answer: (ctx) => {
          const a = world.answer(ctx);
          if (ctx.wait === 'entra.authenticate' && env.profile.assignedUser && a?.event.type === 'entra.authenticated') {
            return { event: { type: 'entra.joinFailed', code: 'SOMETHING_WENT_WRONG' }, minutes: a.minutes, cause: 'mutation: sign-in broken for assigned users' };
          }
          return a;
        },
        delivered: (a) => world.delivered(a),
        facts: () => world.facts!(),
      }),
    });
    expect(d).toContain('user-driven · Supports assigning user to device: No');
    expect(d).toContain('pre-provisioned · Supports assigning user to device: No');
  });
});
