// diagram output parses (DOT with a Graphviz parser, Mermaid with Mermaid itself in
// headless Chromium) and the SVG renders; play steps through a run by keys and by --auto.
import { parse as parseDot } from '@ts-graphviz/ast';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { machines, SCENARIO_IDS } from '../../machines/index.ts';
import { cli } from '../helpers/cli.ts';
import { EVENT_LABELS } from '../../machines/labels.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, overflowingLabels } from '../helpers/browser.ts';
import { playCommand } from '../../src/cli/commands/play.ts';
import { toDot, toMermaid } from '../../src/report/diagram.ts';

describe('diagram', () => {
  it('DOT parses for every scenario and names every leaf state', () => {
    for (const id of SCENARIO_IDS) {
      const dot = toDot(machines[id] as never);
      const ast = parseDot(dot);
      expect(ast.type).toBe('Dot');
      expect(dot).toContain('secureHardware'.length && id === 'self-deploying' ? 'secureHardware' : 'digraph');
    }
  });

  // Graphviz's own layout, where it is installed (`apt-get install graphviz`): pre-provisioned's
  // nested clusters failed it ('trouble in init_rank', nothing drawn) before newrank.
  const dotBinary = spawnSync('dot', ['-V']).status === 0;
  it.skipIf(!dotBinary)('DOT lays out with Graphviz for every scenario, edges to a compound state ending at its border', () => {
    for (const id of SCENARIO_IDS) {
      const dot = toDot(machines[id] as never);
      const r = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
      expect(r.stderr, id).toBe('');
      expect(r.status, id).toBe(0);
      expect(r.stdout, id).toContain('</svg>');
    }
    const reset = toDot(machines.reset as never);
    expect(reset).toMatch(/ -> s_reset_local \[label="if a local reset", tooltip="always \[isLocalReset\]", lhead=cluster_s_reset_local\]/);
  });

  it('Mermaid and DOT name states and transitions in the words the SVG uses, for a slide', () => {
    const mermaid = toMermaid(machines['user-driven'] as never);
    expect(mermaid).toContain('state "Tracking and IME" as ');
    expect(mermaid).toMatch(/ --> \S+ : User presses Reset device if the ESP allows reset\n/);
    expect(mermaid).not.toContain('user.resetDevice');
    const dot = toDot(machines['user-driven'] as never);
    expect(dot).toContain('label="Tracking and IME"');
    expect(dot).toContain('label="User presses Reset device if the ESP allows reset", tooltip="user.resetDevice [espAllowsReset]"');
  });
  if (!dotBinary) it.skip('DOT lays out with Graphviz: skipped, no `dot` on this machine', () => {});

  it('Mermaid parses in Mermaid itself, and the SVG renders in Chromium', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent('<!doctype html><html><body><div id="svg"></div></body></html>');
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js') });
      for (const id of SCENARIO_IDS) {
        const text = toMermaid(machines[id] as never);
        const ok = await page.evaluate(async (t) => {
          const m = (window as unknown as { mermaid: { initialize(o: object): void; parse(t: string): Promise<unknown> } }).mermaid;
          m.initialize({ startOnLoad: false });
          return Boolean(await m.parse(t));
        }, text);
        expect(ok, id).toBe(true);
      }
      const svg = await cli('diagram', 'self-deploying', '--format', 'svg');
      expect(svg.code).toBe(0);
      await page.evaluate((s) => {
        document.getElementById('svg')!.innerHTML = s;
      }, svg.out);
      const box = await page.locator('#svg svg').boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(await page.locator('#svg svg text', { hasText: /secur(e|ing) your hardware|secure hardware/i }).count()).toBeGreaterThan(0);
      // Node cannot measure a font: the estimate leaves room for a wide one (DejaVu Sans, here), so every label fits its box.
      expect(await overflowingLabels(page, '#svg svg')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('--state draws one phase, --fit 16:9 lays it out for a slide with readable type', async () => {
    const r = await cli('diagram', 'user-driven', '--format', 'svg', '--state', 'deviceEsp', '--fit', '16:9');
    expect(r.code).toBe(0);
    const svg = r.out;
    expect(svg).toMatch(/width="1920" height="1080"/);
    const [, , vw, vh] = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as number[];
    expect(vw! / vh!).toBeCloseTo(16 / 9, 2);
    // Drawn at three-quarters of its size or more: 12 px labels stay 9 px or more on a 1920 px slide.
    expect(1920 / vw!).toBeGreaterThanOrEqual(0.75);
    const states = [...svg.matchAll(/data-state="([^"]+)"/g)].map((m) => m[1]!);
    expect(states.length).toBeGreaterThan(5);
    expect(states.filter((p) => !p.startsWith('exit:')).every((p) => p.startsWith('deployment.deviceEsp.'))).toBe(true);
    // Where transitions leave the phase, a marker names the state they lead to.
    expect(states).toContain('exit:failed');
    // Labels in words; the machine's names on hover.
    expect(svg).toMatch(/>User presses Reset device if the ESP allows reset</);
    expect(svg).toMatch(/<title>[^<]*user\.resetDevice \[espAllowsReset\](; [^<]*)?<\/title>/);
    // The whole machine drawn for 16:9 is 16:9 too.
    const whole = await cli('diagram', 'self-deploying', '--format', 'svg', '--fit', '16:9');
    expect(whole.out).toMatch(/width="1920" height="1080"/);
  }, 120_000);

  it('--state and --fit say what is wrong with one line, exit 2', async () => {
    const unknown = await cli('diagram', 'user-driven', '--format', 'svg', '--state', 'nowhere');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--state: expected a state of user-driven/);
    expect((await cli('diagram', 'user-driven', '--format', 'svg', '--fit', 'wide')).err).toMatch(/--fit: expected proportions W:H/);
    expect((await cli('diagram', 'user-driven', '--state', 'deviceEsp')).err).toMatch(/add --format svg/);
  });

  it('refuses an unknown scenario or format with exit 2', async () => {
    expect((await cli('diagram', 'kiosk')).code).toBe(2);
    expect((await cli('diagram', 'reset', '--format', 'png')).code).toBe(2);
  });
});

describe('play', () => {
  it('--auto plays a lesson to its outcome, injecting a fault on the way', async () => {
    const r = await cli('play', 'self-deploying', '--auto', '--speed', '1e9', '--inject', 'tpm-fails');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/injected: TPM attestation fails/);
    expect(r.out).toMatch(/world  TPM attestation fails  0x800705B4/);
    expect(r.out).toMatch(/Outcome: failed/);
  });

  it("a person at a self-deploying device acts in the chart's words, in play and in simulate's timeline ('person user.gaveUp' named a user the flow has not)", async () => {
    for (const r of [await cli('play', 'lessons/02-self-deploying-on-a-vm', '--auto', '--speed', '1e9'), await cli('simulate', 'lessons/02-self-deploying-on-a-vm')]) {
      expect(r.code).toBe(0);
      const person = r.out.split('\n').filter((l) => /\bperson\b/.test(l));
      expect(person.join('\n')).toMatch(/person\s+Someone finishes the OOBE pages/);
      expect(person.join('\n')).toMatch(/person\s+Someone gives up/);
      expect(person.filter((l) => /\buser\./.test(l))).toEqual([]);
    }
    // A user's own events read in the user's words.
    expect((await cli('simulate', 'user-driven-entra')).out).toMatch(/user\s+User signs in/);
  });

  it("every event play and simulate show is in the chart's words, none by its machine id ('world tpm.attestationFailed'); --json keeps the ids", async () => {
    const ids = [...Object.keys(EVENT_LABELS), 'xstate.'];
    const files = [...readdirSync(join(import.meta.dirname, '../../scenarios/lessons')).map((f) => `lessons/${f}`), 'failures/device-preparation-app-fails'];
    for (const file of files) {
      for (const r of [await cli('simulate', file, '--no-narration'), await cli('play', file, '--auto', '--speed', '1e9')]) {
        expect(r.code, file).toBe(0);
        // Each step's line: simulate's starts with its clock, play's with [i/n]; narration can name a host (ztd.dds.microsoft.com).
        const steps = r.out.split('\n').filter((l) => /^(\d\d:\d\d:\d\d|\[\d+\/\d+\])/.test(l));
        expect(steps.length, file).toBeGreaterThan(3);
        expect(steps.filter((l) => ids.some((id) => l.includes(id))), file).toEqual([]);
      }
    }
    // Worded where it happens and by what runs out, as the studio's log words them.
    expect((await cli('simulate', 'lessons/08-esp-timeout-one-large-app')).out).toMatch(/timer\s+The device ESP times out\s+→ Device ESP › Error page/);
    expect((await cli('simulate', 'failures/device-preparation-app-fails')).out).toMatch(/world\s+An app in the policy fails/);
    const json = JSON.parse((await cli('simulate', 'lessons/02-self-deploying-on-a-vm', '--json')).out) as { trace: Array<{ event: string }> };
    expect(json.trace.map((t) => t.event)).toContain('tpm.attestationFailed');
  }, 120_000);

  it("simulate's state column names each state as the chart does ('→ deviceEsp › deviceSetup › apps' gave the machine's ids beside events in words)", async () => {
    for (const file of readdirSync(join(import.meta.dirname, '../../scenarios/lessons')).map((f) => `lessons/${f}`)) {
      const r = await cli('simulate', file, '--no-narration');
      const states = r.out.split('\n').flatMap((l) => (/^(\d\d:\d\d:\d\d|\d+d \d\d:\d\d) /.test(l) ? [l.slice(l.indexOf('→ ') + 2).split('  ')[0]!] : []));
      expect(states.length, file).toBeGreaterThan(3);
      // No camelCase key, no lower-case first word: each part is a chart's title.
      expect(states.filter((s) => /\b[a-z]+[A-Z]\w*|(^|› )[a-z]/.test(s)), file).toEqual([]);
    }
    const lesson06 = (await cli('simulate', 'lessons/06-pre-provisioning-then-user-weeks-later', '--no-narration')).out;
    expect(lesson06).toMatch(/Device restarts +→ Technician flow › Technician ESP › Device preparation › Secure hardware\n/);
    // The outcome's phase too, in simulate and play: 'ESP: device setup (deviceSetup)' gave the id after the words.
    for (const r of [await cli('simulate', 'lessons/08-esp-timeout-one-large-app'), await cli('play', 'lessons/08-esp-timeout-one-large-app', '--auto', '--speed', '1e9')]) {
      expect(r.out).toMatch(/\n {2}phase {5}ESP: device setup\n/);
    }
    expect(lesson06).toMatch(/User turns the device on +→ User flow › OOBE › Network gate\n/);
  }, 120_000);

  it("says where the device is in words: the state's title, its phase and what is on screen ('now: technicianFlow › configurationScreen (phase: technicianFlow) screen: preProvisionConfig')", async () => {
    for (const file of readdirSync(join(import.meta.dirname, '../../scenarios/lessons')).map((f) => `lessons/${f}`)) {
      const r = await cli('play', file, '--auto', '--speed', '1e9');
      const now = r.out.split('\n').filter((l) => l.startsWith('  now: '));
      expect(now.length, file).toBeGreaterThan(3);
      // No machine id: no path, no camelCase key, no 'phase:' or 'screen:' label before an id.
      expect(now.filter((l) => /›|\b[a-z]+[A-Z]\w*|phase: |screen: [a-z]+[A-Z]/.test(l)), file).toEqual([]);
    }
    const lesson06 = (await cli('play', 'lessons/06-pre-provisioning-then-user-weeks-later', '--auto', '--speed', '1e9')).out;
    expect(lesson06).toContain('  now: Configuration screen  (Pre-provisioning (technician flow))  on screen: Windows Autopilot configuration (the QR code)');
    expect(lesson06).toContain('  now: Secure hardware  (ESP: device preparation)  on screen: the Enrollment Status Page');
  }, 120_000);

  it('--inject with an id no fault has is a usage error before the run, naming the faults (it played to the end, then said never possible)', async () => {
    const r = await cli('play', 'self-deploying', '--auto', '--speed', '1e9', '--inject', 'tpm-fail');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    // A slip is named with the fault meant (a name with none close gets the list: test/cli/option-values.test.ts).
    expect(r.err).toMatch(/--inject: no fault "tpm-fail": did you mean tpm-fails\?/);
  });

  it('keys step, go back, list faults, inject one and quit', async () => {
    const out: string[] = [];
    // Step, go back, then step on asking for faults until one is offered; inject it, step, quit.
    async function* keys() {
      yield* [' ', ' ', 'b'];
      for (let i = 0; i < 40; i++) {
        yield 'f';
        if (/(^|\n)\s+1\. /.test(out[out.length - 1] ?? '')) break;
        yield 'n';
      }
      yield* ['1', 'n', 'q'];
    }
    const code = await playCommand({ out: (s) => out.push(s), err: (s) => out.push(s) }, 'self-deploying', {}, keys());
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/← back/);
    expect(text).toMatch(/1\. /); // a fault menu was listed
    expect(text).toMatch(/injected:/);
  });

  it('after --inject the run says it took another path before the counter shows the new total', async () => {
    const r = await cli('play', 'user-driven-entra', '--auto', '--speed', '1e9', '--inject', 'no-internet');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => /injected: No internet/.test(l));
    expect(at).toBeGreaterThan(0);
    const before = Number(/\[\d+\/(\d+)\]/.exec(lines.slice(0, at).reverse().find((l) => /\[\d+\/\d+\]/.test(l))!)![1]);
    const after = Number(/\[\d+\/(\d+)\]/.exec(lines.slice(at).find((l) => /\[\d+\/\d+\]/.test(l))!)![1]);
    expect(after).not.toBe(before);
    expect(lines[at + 1]).toContain(`the run now takes another path: ${after} steps instead of ${before}`);
  });

  it('--help names a bundled lesson that exists', async () => {
    const r = await cli('play', '--help');
    const named = /bundled name such as\s+([^\s)]+)/.exec(r.out)![1]!;
    const opened = await cli('play', named, '--auto', '--speed', '1e9');
    expect(opened.code, named).toBe(0);
  });

  it('without a terminal and without --auto it says what to do, exit 2', async () => {
    const r = await cli('play', 'self-deploying');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--auto/);
    // Said before anything else: no step printed above the error.
    expect(r.out).toBe('');
  });
});
