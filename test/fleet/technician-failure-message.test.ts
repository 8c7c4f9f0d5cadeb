// A fleet's failure table (a mode is code, phase and cause) gave each row the catalogue's one text for its code, so a
// pre-provisioned fleet whose technician flows failed at a saturated connector with 0x80070774 quoted the hybrid user's
// sign-in, 'Something went wrong. Confirm you are using the correct sign-in information…' (domain §4 places it there), a
// screen the technician never reaches: a technician flow's failure ends on its red screen, which shows the error (§2.3
// T9b). simulate says what the code means there (659029d, src/engine/observers.ts messageOf); the table now says what its
// devices' outcomes said, each flow in its own words where one mode holds both.
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/catalog/errors.ts';
import { fleetFrom } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/index.ts';
import { renderFleetHtml } from '../../src/report/html.ts';

const SIGN_IN_TEXT = 'Something went wrong. Confirm you are using the correct sign-in information';
const meaning = `[${lookup('0x80070774')!.meaning.replace(/\.$/, '')}]`;
const hybrid = { profile: { joinType: 'hybrid', allowPreProvisioning: true } };
const laptops = (name: string, scenario: string) => ({ name, count: 60, environment: { ...hybrid, scenario } });

// The connector serves 4 requests an hour and every device asks at once: most requests wait past its 30 minutes.
const fleet = (groups: unknown[]) => fleetFrom({ name: 'Hospital group', sharedWorld: { connectorRequestsPerHour: 4 }, groups });
const connectorRow = (r: Awaited<ReturnType<typeof runFleet>>) => r.failures.find((f) => f.code === '0x80070774' && f.phase === 'hybridJoin')!;

describe("a fleet's 0x80070774 where its devices failed", () => {
  it("in pre-provisioned devices' technician flows: what the code means, not the user's sign-in text", async () => {
    const r = await runFleet(fleet([laptops("Doctors' laptops", 'pre-provisioned')]), { workers: 1 });
    const row = connectorRow(r);
    expect(row.devices).toBeGreaterThan(0);
    expect(row.message).toBe(meaning);
    expect(row.messages).toBeUndefined();
  });

  it("in user-driven devices: the hybrid user's sign-in text, as before", async () => {
    const row = connectorRow(await runFleet(fleet([laptops('Admin laptops', 'user-driven')]), { workers: 1 }));
    expect(row.message).toContain(SIGN_IN_TEXT);
    expect(row.messages).toBeUndefined();
  });

  it('where one mode holds both flows: each in its own words, with its devices, in JSON and the HTML table', async () => {
    const r = await runFleet(fleet([laptops("Doctors' laptops", 'pre-provisioned'), laptops('Admin laptops', 'user-driven')]), { workers: 1 });
    const row = connectorRow(r);
    expect(row.messages!.map((m) => m.message).sort()).toEqual([meaning, expect.stringContaining(SIGN_IN_TEXT)].sort());
    expect(row.messages!.reduce((a, m) => a + m.devices, 0)).toBe(row.devices);
    for (const m of row.messages!) expect(row.message).toContain(`${m.message} (${m.devices} devices)`);
    const html = renderFleetHtml(r);
    // The description bracketed as a description, the screen's text quoted as on-screen wording: each in its own style.
    expect(html).toMatch(/<span class="desc">\[The device can(&#39;|')t domain-join/);
    expect(html).toContain('“Something went wrong. Confirm you are using the correct sign-in information');
  });
});
