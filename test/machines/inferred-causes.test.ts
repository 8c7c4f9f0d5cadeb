// A failure whose outcome the notes do not give says so: its cause ends with [INF] (docs/model.md). These four are
// requirements of §2.7 and §2.9 with no documented failure (existing devices need personal devices allowed and
// Configuration Manager; a remote reset needs a registered Autopilot device that checks in), and their causes read as
// documented outcomes.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/environment/schema.ts';
import { runner, type Overrides } from './helpers.ts';

const cases: Array<[string, Scenario, Overrides, string]> = [
  ['§2.7 personal devices blocked', 'existing-devices', { registration: { registered: false }, identity: { personalEnrollmentBlocked: true } }, 'PERSONAL_ENROLLMENT_BLOCKED'],
  ['§2.7 no Configuration Manager', 'existing-devices', { registration: { registered: false }, existingDevices: { configMgr: false } }, 'CONFIGMGR_REQUIRED'],
  ['§2.9 not a registered Autopilot device', 'reset', { registration: { registered: false }, reset: { kind: 'remote', forcedSync: true } }, 'RESET_NOT_AUTOPILOT_DEVICE'],
  ['§2.9 RR2 never checks in', 'reset', { reset: { kind: 'remote' }, network: { internet: false } }, 'RESET_NO_CHECK_IN'],
];

describe('an inferred failure says [INF] in its cause', () => {
  it.each(cases)('%s', (_, scenario, overrides, code) => {
    const o = runner(scenario)(overrides).outcome;
    expect(o.errorCode).toBe(code);
    expect(o.cause).toMatch(/\[INF\]$/);
  });
});
