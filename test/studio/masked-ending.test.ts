// A lesson's ending, hidden or expected, as the studio's fault cards, lesson card and outcome line say it: a failure
// Microsoft documents no code for is the simulator's name, never said or masked as an error code.
import { describe, expect, it } from 'vitest';
import { text } from './vnode-text.ts';
import { AsExpected, maskCode, NowPanel, type FaultCard } from '../../src/studio/app/panels.ts';
import { maskedEnding } from '../../src/studio/ending.ts';
import { FAULTS_BY_WAIT } from '../../src/world/failure-modes.ts';


const fault = (code: string): FaultCard => {
  const f = Object.values(FAULTS_BY_WAIT).flat()[0]!;
  return { ...f, code: code as FaultCard['code'], ends: code };
};
const panel = (code: string, hiddenCode: string) =>
  text(NowPanel({ faults: [fault(code)], choices: [], wait: null, suggested: [], onInject: () => {}, highlight: false, hiddenCode }));

describe("a lesson's ending, masked or expected", () => {
  it("a fault card that would end lesson 08 on ESP_TIMEOUT masks it as the lesson's ending: it read 'this lesson's error code', a code the class would then look for on a device", () => {
    const card = panel('ESP_TIMEOUT', 'ESP_TIMEOUT');
    expect(card).toContain("this lesson's ending");
    expect(card).not.toContain('error code');
    expect(card).not.toContain('ESP_TIMEOUT');
    // A documented code is still masked as one (lesson 04's 0x80070774).
    expect(panel('0x80070774', '0x80070774')).toContain("this lesson's error code");
    expect(maskedEnding('0x80070774').text).toBe("this lesson's error code");
    // Within a sentence (the lesson card's text) likewise.
    const said = text(maskCode('The ESP_TIMEOUT page offers Reset', 'ESP_TIMEOUT'));
    expect(said).toBe('The this ending page offers Reset');
    expect(said).not.toContain('error code');
  });

  it("the outcome's line says an expected failure Microsoft documents no code for as FaultCode does: it read 'the file expects failed ESP_TIMEOUT'", () => {
    const line = text(AsExpected({ expect: { status: 'failed', errorCode: 'ESP_TIMEOUT' }, outcome: { status: 'succeeded' } }));
    expect(line).toContain('the file expects failed no documented code (the simulator names it ESP_TIMEOUT)');
    expect(text(AsExpected({ expect: { status: 'failed', errorCode: '0x800705B4' }, outcome: { status: 'succeeded' } }))).toContain('the file expects failed 0x800705B4');
    expect(text(AsExpected({ expect: { status: 'failed', errorCode: 'ESP_TIMEOUT' }, outcome: { status: 'failed', errorCode: 'ESP_TIMEOUT' } }))).toContain('as the file expects');
  });
});
