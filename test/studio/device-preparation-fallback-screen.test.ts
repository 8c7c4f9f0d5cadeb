// Device preparation falling back to ordinary OOBE: with no policy for the user (or a Windows too old for device
// preparation) the user has already signed in with the work account, which joins the device to Entra without
// provisioning (domain §7), and goes on to the desktop. The studio showed standard OOBE's "How would you like to set up
// this device?" (personal or work or school) after that sign-in. A classic device that is not registered still falls
// back before any sign-in, to that page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { screenAt } from '../../src/studio/app/screen-model.ts';

function end(path: string) {
  const file = parseScenario(path, readFileSync(new URL(`../../scenarios/${path}`, import.meta.url), 'utf8'));
  const s = new Session(environmentOf(file), file.seed ?? 1);
  return screenAt(s.trace, s.trace.length - 1, s.env);
}

describe('the screen a fallback to ordinary OOBE ends on', () => {
  it('device preparation after the sign-in: the desktop, without a policy app, as a fallback', () => {
    for (const path of ['failures/device-preparation-no-policy.yaml', 'failures/device-preparation-old-windows.yaml']) {
      const m = end(path);
      expect([path, m.kind, m.outcome]).toEqual([path, 'desktop', 'fell-back-to-oobe']);
      expect(m.note).toMatch(/without provisioning/);
    }
  });

  it('a classic device that is not registered, before any sign-in: standard OOBE', () => {
    expect(end('failures/device-not-registered.yaml').kind).toBe('standardOobe');
  });
});
