// What breaks if the depot's network blocks an endpoint: an architect writes what the firewall blocks, a host
// (ztd.dds.microsoft.com), where network.blockedEndpoints names services, and read only 'expected one of "autopilot",
// "entra", …', no word that a host was written or which service's it is. A host the domain notes name (§5.3) is now
// told its group; another, the hosts the notes name and the groups for Entra's and Intune's. Exit 2, one line, nothing written.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_GROUPS } from '../../src/environment/schema.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('blocked-endpoint-host-');
const depot = (blocked: string) => {
  const path = join(dir, `depot-${blocked.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(
    path,
    `sites:\n  - { name: Clinic 01, bandwidthMbps: 10 }\n  - { name: Partner depot, share: 0 }\ngroups:\n  - name: Doctors' laptops\n    count: 20\n    technicianSite: Partner depot\n    environment:\n      scenario: pre-provisioned\n      profile: { allowPreProvisioning: true }\n      network: { blockedEndpoints: ["${blocked}"] }\n`,
  );
  return path;
};
const EXPECTED = `expected one of ${ENDPOINT_GROUPS.map((g) => JSON.stringify(g)).join(', ')}`;

describe('a host written where blockedEndpoints names services', () => {
  for (const [host, said] of [
    ['ztd.dds.microsoft.com', `got "ztd.dds.microsoft.com": a host, where the list names services; ztd.dds.microsoft.com is the Autopilot deployment service's (domain §5.3): write "autopilot"`],
    ['https://cs.dds.microsoft.com/', `got "https://cs.dds.microsoft.com/": a host, where the list names services; cs.dds.microsoft.com is the Autopilot deployment service's (domain §5.3): write "autopilot"`],
    ['www.msftconnecttest.com', `got "www.msftconnecttest.com": a host, where the list names services; *.msftconnecttest.com is NCSI's (domain §5.3): write "ncsi"`],
    ['eus.microsoftaik.azure.net', `got "eus.microsoftaik.azure.net": a host, where the list names services; *.microsoftaik.azure.net is TPM attestation's (domain §5.3): write "tpm-attestation"`],
    ['manage.microsoft.com', `got "manage.microsoft.com": a host, where the list names services; write the service whose host it is (domain §5.3 names ztd.dds.microsoft.com, cs.dds.microsoft.com, login.live.com for "autopilot"; *.microsoftaik.azure.net for "tpm-attestation"; time.windows.com for "ntp"; *.msftconnecttest.com for "ncsi"; for Entra's or Intune's hosts, "entra" or "intune")`],
  ] as const) {
    it(`${host}: exit 2, one line with file, line, field, what was expected and the group; nothing written`, async () => {
      const path = depot(host);
      const html = join(dir, 'report.html');
      for (const argv of [
        ['run', path, '--html', html],
        ['sweep', path, '--vary', 'esp.timeoutMinutes=60,120', '--html', html],
      ]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.out).toBe('');
        expect(r.err.trim().split('\n')).toEqual([`autopilot-sim: ${path}:11: groups[0].environment.network.blockedEndpoints[0]: ${EXPECTED}, ${said}`]);
        expect(existsSync(html)).toBe(false);
      }
    });
  }

  it('a slip of a group keeps its did-you-mean', async () => {
    const r = await cli('run', depot('tpm'));
    expect(r.err.trim()).toMatch(/got "tpm": did you mean "tpm-attestation"\?$/);
  });
});
