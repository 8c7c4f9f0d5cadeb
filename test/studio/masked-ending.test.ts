// A lesson's ending, hidden or expected, as the studio's fault cards, lesson card and outcome line say it: a failure
// Microsoft documents no code for is the simulator's name, never said or masked as an error code.
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { AsExpected } from '../../src/studio/app/panels.ts';

/** The text a tree of VNodes renders, function components called (these use no hooks). */
function text(n: unknown): string {
  if (n === null || n === undefined || typeof n === 'boolean') return '';
  if (typeof n === 'string' || typeof n === 'number') return String(n);
  if (Array.isArray(n)) return n.map(text).join('');
  const v = n as VNode<{ children?: unknown }>;
  if (typeof v.type === 'function') return text((v.type as (p: unknown) => unknown)(v.props));
  return text(v.props?.children);
}

describe("a lesson's ending, masked or expected", () => {
  it("the outcome's line says an expected failure Microsoft documents no code for as FaultCode does: it read 'the file expects failed ESP_TIMEOUT'", () => {
    const line = text(AsExpected({ expect: { status: 'failed', errorCode: 'ESP_TIMEOUT' }, outcome: { status: 'succeeded' } }));
    expect(line).toContain('the file expects failed no documented code (the simulator names it ESP_TIMEOUT)');
    expect(text(AsExpected({ expect: { status: 'failed', errorCode: '0x800705B4' }, outcome: { status: 'succeeded' } }))).toContain('the file expects failed 0x800705B4');
    expect(text(AsExpected({ expect: { status: 'failed', errorCode: 'ESP_TIMEOUT' }, outcome: { status: 'failed', errorCode: 'ESP_TIMEOUT' } }))).toContain('as the file expects');
  });
});
