// A code Microsoft documents with no text: the catalogue's message is the bare code (what the screen shows), so the
// outcome printed it twice, '0x80180022  "0x80180022"' (a Windows Home device, domain §1.3, §4, §5.1). Beside a code,
// every report now gives its documented meaning, bracketed as a description, not Microsoft's wording.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, isBareCode, messageBeside, type CatalogEntry } from '../../src/catalog/errors.ts';
import { runFleet } from '../../src/fleet/index.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const entries = Object.values(catalog) as CatalogEntry[];
const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

describe('a code whose catalogue message is only the code', () => {
  it('is every such row, and none is printed beside its code as its own message', () => {
    const bare = entries.filter((e) => same(e.message, e.code ?? e.id)).map((e) => e.id);
    expect(bare).toEqual(expect.arrayContaining(['0x80180022', '0xc1036501', '0x80180005', '0xC000000F', 'AUTOPILOTUPDATE']));
    expect(entries.filter(isBareCode).map((e) => e.id)).toEqual(bare);
    for (const e of entries) expect(same(messageBeside(e), e.code ?? e.id), e.id).toBe(false);
    // Nor one that opens with its code: '0x81039001  "0x81039001 E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED"'.
    for (const e of entries) expect(messageBeside(e).toLowerCase().startsWith(`${(e.code ?? e.id).toLowerCase()} `), e.id).toBe(false);
    expect(messageBeside(catalog['0x81039001'])).toBe('E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED');
    // The others keep Microsoft's words.
    expect(messageBeside(catalog['0x800705B4'])).toBe('Securing your hardware (Failed: 0x800705b4)');
  });

  it.each([
    ['failures/windows-home', '0x80180022', "[The device runs Windows Home, and Home isn't supported]"],
    ['failures/multiple-mdm-configurations', '0xc1036501', '[Automatic MDM enrollment is impossible because Entra has several MDM configurations]'],
    ['failures/pre-provisioning-not-allowed', '0x80180005', '[Win×5 was used but the profile has "Allow pre-provisioned deployment" = No, which Intune enforces]'],
    ['failures/reset-uefi-lock-1909', '0xC000000F', '[The security baseline setting "Enable with UEFI Lock" breaks push-button reset on 1909]'],
  ])("%s: simulate's outcome prints %s once, with its documented meaning, and --json's errorMessage is that meaning", async (file, code, meaning) => {
    const r = await cli('simulate', file, '--no-narration');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`\n  error     ${code}  ${meaning}\n`);
    expect(r.out).not.toContain(`"${code}"`);
    const json = JSON.parse((await cli('simulate', file, '--json')).out);
    expect(json.outcome.errorCode).toBe(code);
    expect(json.outcome.errorMessage).toBe(meaning);
  });

  it("a fleet's failure table (run --json and the HTML's message column) gives the meaning, not the code again", async () => {
    const fleet = { name: 'Home edition', scenario: 'user-driven' as const, groups: [{ name: 'Shop laptops', weight: 1, environment: { os: { edition: 'home' } } }] };
    const report = await runFleet(fleet as never, { devices: 20 });
    const row = report.failures!.find((f) => f.code === '0x80180022')!;
    expect(row.message).toBe("[The device runs Windows Home, and Home isn't supported]");
    const file = join(tempDir('bare-code-'), 'home.json');
    writeFileSync(file, JSON.stringify(fleet));
    const out = JSON.parse((await cli('run', file, '--devices', '20', '--json')).out);
    expect(JSON.stringify(out)).not.toContain('"message":"0x80180022"');
  });

  it("a message that opens with its code is printed without it: 0x81039001's outcome read '0x81039001  \"0x81039001 E_AUTOPILOT_…\"'", async () => {
    const r = await cli('simulate', 'failures/technician-reset-attestation', '--no-narration');
    expect(r.out).toContain('\n  error     0x81039001  "E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED"\n');
  });
});
