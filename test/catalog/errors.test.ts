import { describe, it, expect } from 'vitest';
import { PHASE_ORDER } from '../../src/catalog/vocabulary.ts';
import {
  autopilotEvents,
  catalog,
  isErrorId,
  lookup,
  type CatalogEntry,
  type ErrorId,
  type Phase,
} from '../../src/catalog/errors.ts';

// Compile-time: every key's entry carries that key as its id.
const keyedById: { readonly [K in ErrorId]: { readonly id: K } } = catalog;

// The phases are declared once (src/catalog/vocabulary.ts); the catalogue names one of them.
const PHASES = PHASE_ORDER;
// Compile-time: PHASES lists every Phase.
const everyPhaseListed: Phase extends (typeof PHASES)[number] ? true : false = true;

const CODED_IDS = [
  '0x800705B4', '0x801C03EA', '0x801C03F3', '0xc1036501', '0x81039001', '0x81039023',
  '0x81039024', '0x80070490', '0x80180014', '0x80180005', '0x80180003', '80180018',
  '0x80180022', '0x8018002b', '80180026', '8018000a', '0x8007064c', '801C0003',
  '0x80070774', '0x80070032', '0xC000000F',
] as const satisfies readonly ErrorId[];

// Ids the machines use.
const REQUIRED_IDS = [
  'TPM_ATTESTATION_TIMED_OUT', 'ODJ_CONNECTOR_30132', 'CONNECTOR_SETUP_ERROR', 'OOBEIDPS',
  'SOMETHING_WENT_WRONG', 'MDM_TERMS_OF_USE', 'ACCOUNT_NOT_ALLOWED', 'TENANT_MISMATCH',
  'ESP_TIMEOUT', 'ESP_APP_FAILED', 'ANOTHER_INSTALLATION_IN_PROGRESS', 'IME_DETECTION_NOT_COMPUTED',
  'RECOVERY_ENVIRONMENT_NOT_FOUND', 'VM_MDM_PREPARATION', 'HASH_IMPORT_400', 'IMPORT_LINE_ERRORS',
  'PROFILE_CREATE_ERROR', 'APDP_GROUP_OWNER', 'APDP_ASSIGN_PERMISSION', 'AUTOPILOTUPDATE',
  'RED_SCREEN_SUCCESS',
] as const satisfies readonly ErrorId[];

const INFERRED_IDS = [
  'DOMAIN_UNAVAILABLE', 'VPN_UNSUPPORTED', 'RESET_NOT_ENABLED', 'RESET_HYBRID_UNSUPPORTED',
  'RESET_OS_CORRUPTED', 'RESET_NOT_AUTOPILOT_DEVICE', 'JSON_PROFILE_UNSUPPORTED',
  'PREPROV_GPO_CONFLICT', 'APP_REBOOT_HANG', 'CLOCK_SKEW', 'IDENTIFYING_HANG',
] as const satisfies readonly ErrorId[];

const ESP_DEFAULT =
  'Setup could not be completed. Please try again or contact your support person for help.';

const entries: [string, CatalogEntry][] = Object.entries(catalog);

describe('error catalogue', () => {
  it('compile-time checks hold', () => {
    expect(keyedById).toBe(catalog);
    expect(everyPhaseListed).toBe(true);
  });

  it('every key equals its id', () => {
    for (const [key, entry] of entries) expect(entry.id, key).toBe(key);
  });

  it('every required id exists', () => {
    for (const id of [...CODED_IDS, ...REQUIRED_IDS, ...INFERRED_IDS]) {
      expect(isErrorId(id), id).toBe(true);
    }
  });

  it('coded entries are keyed by their code', () => {
    for (const id of CODED_IDS) expect(lookup(id)?.code, id).toBe(id);
    for (const [key, entry] of entries) {
      if (entry.code !== undefined) expect(entry.code, key).toBe(key);
    }
  });

  it('codes are 8 hex digits, optionally 0x-prefixed', () => {
    for (const [key, entry] of entries) {
      if (entry.code !== undefined) expect(entry.code, key).toMatch(/^(0x)?[0-9A-Fa-f]{8}$/);
    }
  });

  it('no two entries share a code', () => {
    const codes = entries.flatMap(([, e]) => (e.code === undefined ? [] : [e.code.toLowerCase().replace(/^0x/, '')]));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('messages, meanings, where, source and docUrl are filled in', () => {
    for (const [key, entry] of entries) {
      expect(entry.message.trim(), key).not.toBe('');
      expect(entry.meaning.trim(), key).not.toBe('');
      expect(entry.where.trim(), key).not.toBe('');
      expect(entry.source.trim(), key).not.toBe('');
      expect(entry.docUrl, key).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
  });

  it("every entry's phase is a Phase", () => {
    for (const [key, entry] of entries) expect(PHASES, key).toContain(entry.phase);
  });

  it('inferred entries are marked INF and say so', () => {
    for (const id of INFERRED_IDS) {
      expect(catalog[id].evidence, id).toBe('INF');
      expect(catalog[id].meaning, id).toMatch(/^Inferred/);
    }
  });

  it('ESP failures carry the default ESP text verbatim', () => {
    expect(catalog.ESP_TIMEOUT.message).toBe(ESP_DEFAULT);
    expect(catalog.ESP_APP_FAILED.message).toBe(ESP_DEFAULT);
  });

  it('keeps UI strings verbatim', () => {
    expect(catalog.TPM_ATTESTATION_TIMED_OUT.message).toBe('Something happened, and TPM attestation timed out.');
    expect(catalog.TENANT_MISMATCH.message).toBe(
      'That username looks like it belongs to another organization. Try signing in again or start over with a different account.',
    );
    expect(catalog['0x800705B4'].message).toBe('Securing your hardware (Failed: 0x800705b4)');
  });

  it('lookup and isErrorId reject unknown ids, including prototype keys', () => {
    expect(lookup('NOPE')).toBeUndefined();
    expect(isErrorId('toString')).toBe(false);
    expect(lookup('constructor')).toBeUndefined();
    expect(lookup('0x80070774')?.phase).toBe('hybridJoin');
  });

  it('leaves out the codes §4 says are unconfirmed', () => {
    const codes = entries.map(([, e]) => e.code?.toLowerCase());
    expect(codes).not.toContain('0x80004005');
    expect(codes).not.toContain('0x8018002a');
  });
});

describe('Autopilot event IDs', () => {
  it('has the §4 table', () => {
    const ids = [100, 101, 103, 109, 111, 153, 160, 161, 163, 164, 171, 172, 807, 809, 815, 908];
    expect(Object.keys(autopilotEvents).map(Number).sort((a, b) => a - b)).toEqual(ids);
    for (const id of ids) expect(autopilotEvents[id]?.id).toBe(id);
  });

  it('names 807, 815 and 908 as the doc does', () => {
    expect(autopilotEvents[807]).toMatchObject({ level: 'error', name: 'ZtdDeviceIsNotRegistered' });
    expect(autopilotEvents[815]).toMatchObject({ level: 'error', name: 'ZtdDeviceHasNoAssignedProfile' });
    expect(autopilotEvents[908]).toMatchObject({ level: 'error', name: 'SerialNumberMismatch / ProductKeyIdMismatch' });
  });

  it('levels match the doc', () => {
    expect(autopilotEvents[100]?.level).toBe('warning');
    expect(autopilotEvents[171]?.level).toBe('error');
    expect(autopilotEvents[161]?.level).toBe('info');
  });
});
