// The statechart layout: every state of a machine gets a position (collapsed ones hide
// their children), edges have routes, and renderSvg writes well-formed XML.
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { machines, sourceOf } from '../../machines/index.ts';
import { layoutMachine, placementKey, textWidth, whoActs, type Layout, type Placement } from '../../src/studio/layout.ts';
import { focusCollapsed } from '../../src/studio/app/chart.ts';
import { renderSvg } from '../../src/studio/svg.ts';
import { availableTransitions, compoundStates, findNode, takenTransitions } from '../../src/engine/structure.ts';
import { contextOf, entryEventText, insightOf, possibleNow } from '../../src/studio/app/insight.ts';
import { toMermaid } from '../../src/report/diagram.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { environmentOf, parseScenario } from '../../src/environment/load.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
import { Session } from '../../src/engine/session.ts';

function statePaths(machine: AnyStateMachine): string[] {
  const out: string[] = [];
  const walk = (n: AnyStateNode) => {
    for (const c of Object.values(n.states) as AnyStateNode[]) {
      out.push(c.path.join('.'));
      walk(c);
    }
  };
  walk(machine.root as unknown as AnyStateNode);
  return out;
}

/** Well-formedness without a DOM: every tag closes in order, attributes are quoted, & only starts an entity. */
function checkXml(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    expect(text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, ''), `stray & in text near ${i}`).not.toMatch(/&/);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    expect(m, `malformed tag at ${lt}: ${xml.slice(lt, lt + 80)}`).not.toBeNull();
    const [whole, close, name, , selfClose] = m!;
    if (close) expect(stack.pop(), `</${name}> closes the wrong element`).toBe(name);
    else if (!selfClose) stack.push(name!);
    i = lt + whole.length;
  }
  expect(stack).toEqual([]);
}

const layouts = new Map<string, Layout>();
async function layoutOf(id: keyof typeof machines): Promise<Layout> {
  let l = layouts.get(id);
  if (!l) layouts.set(id, (l = await layoutMachine(machines[id] as unknown as AnyStateMachine)));
  return l;
}

describe('layoutMachine', () => {
  it.each(['user-driven', 'self-deploying', 'pre-provisioned'] as const)("%s: a way out back to its own state (Collect logs) is drawn on the state's right, its words level with it, as the other ways out's are", async (id) => {
    // ELK put the loop and its 368 units of words on the left: following the run zoomed out to 7.8 px type at lesson
    // 08's error page to keep them and the labels on the right whole.
    const layout = await layoutOf(id);
    const loops = layout.edges.filter((e) => e.source === e.target && e.labelBox);
    expect(loops.length).toBeGreaterThan(0);
    for (const e of loops) {
      const n = layout.nodes.find((x) => x.id === e.source)!;
      expect(e.labelBox!.x, e.label).toBeGreaterThanOrEqual(n.x + n.width);
      expect(Math.min(...e.points.map((p) => p.x)), e.label).toBeGreaterThanOrEqual(n.x + n.width - 0.5);
      expect(e.labelBox!.y).toBeLessThan(n.y + n.height);
      expect(e.labelBox!.y + e.labelBox!.height).toBeGreaterThan(n.y);
    }
  });

  it.each(['self-deploying', 'user-driven', 'reset'] as const)('places every state of %s', async (id) => {
    const machine = machines[id] as unknown as AnyStateMachine;
    const layout = await layoutOf(id);
    const placed = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const path of statePaths(machine)) {
      const n = placed.get(path);
      expect(n, `no position for ${path}`).toBeDefined();
      expect(n!.width).toBeGreaterThan(0);
      expect(n!.height).toBeGreaterThan(0);
      expect(n!.x + n!.width).toBeLessThanOrEqual(layout.width + 0.5);
      expect(n!.y + n!.height).toBeLessThanOrEqual(layout.height + 0.5);
      // A child lies inside its parent.
      if (n!.parent) {
        const p = placed.get(n!.parent)!;
        expect(n!.x).toBeGreaterThanOrEqual(p.x);
        expect(n!.y).toBeGreaterThanOrEqual(p.y);
        expect(n!.x + n!.width).toBeLessThanOrEqual(p.x + p.width + 0.5);
      }
    }
    expect(layout.edges.length).toBeGreaterThan(0);
    for (const e of layout.edges) expect(e.points.length, `edge ${e.source} -> ${e.target} has no route`).toBeGreaterThanOrEqual(2);
  });

  it('hides the children of collapsed states and re-attaches their edges', async () => {
    const machine = machines['self-deploying'] as unknown as AnyStateMachine;
    const top = compoundStates(machine).filter((p) => !p.includes('.'));
    expect(top).toContain('oobe');
    const layout = await layoutMachine(machine, { collapsed: ['oobe'] });
    const ids = layout.nodes.map((n) => n.id);
    expect(ids).toContain('oobe');
    expect(ids.some((id) => id.startsWith('oobe.'))).toBe(false);
    expect(layout.nodes.find((n) => n.id === 'oobe')!.collapsed).toBe(true);
    // OOBE falls back to standard OOBE and goes on to the deployment: both now leave the collapsed node.
    const fromOobe = layout.edges.filter((e) => e.source === 'oobe').map((e) => e.target);
    expect(fromOobe).toContain('standardOobe');
    expect(fromOobe).toContain('deployment');
  });
});

describe('edge labels', () => {
  // The studio draws a machine with the phase the device is in open and the others closed: each
  // of those drawings, with this estimate of the labels' widths and with a font 10% wider (a
  // browser measures its own: ELK's stacks differ with the widths, and one of them overlapped).
  it.each(['user-driven', 'device-preparation'] as const)('of %s sit in a stack by the state they leave, apart from each other and from the states', async (id) => {
    const machine = machines[id] as unknown as AnyStateMachine;
    const compounds = compoundStates(machine);
    const phases = [null, ...new Set(compounds.map((c) => c.split('.').slice(0, 2).join('.')))];
    const meets = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
      a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
    const problems: string[] = [];
    for (const measure of [textWidth, (t: string, size: number) => Math.ceil(textWidth(t, size) * 1.1)])
      for (const phase of phases) {
        const layout = await layoutMachine(machine, { collapsed: focusCollapsed(phase, compounds), measure });
        const labelled = layout.edges.filter((e) => e.labelBox);
        for (const e of labelled) {
          const b = e.labelBox!;
          const s = layout.nodes.find((n) => n.id === e.source)!;
          // Its distance from the state it leaves: within the stack of that state's labels (ELK's
          // default, halfway along, put the ways out of a phase hundreds of units away).
          const gap = Math.hypot(Math.max(0, b.x - s.x - s.width, s.x - b.x - b.width), Math.max(0, b.y - s.y - s.height, s.y - b.y - b.height));
          const stack = labelled.filter((x) => x.source === e.source).length;
          if (gap > 17 * stack + 20) problems.push(`${phase}: "${e.label}" is ${Math.round(gap)} units from ${e.source}`);
          for (const o of labelled) if (o.id < e.id && meets(b, o.labelBox!)) problems.push(`${phase}: "${e.label}" over "${o.label}"`);
          for (const n of layout.nodes) if (!n.compound && meets(b, n)) problems.push(`${phase}: "${e.label}" over the state ${n.id}`);
        }
      }
    expect(problems).toEqual([]);
  }, 60_000);

  // Lesson 08's error page beside the large chart in presenter mode at 1024x768 read at 10 px: the view zoomed out to
  // keep its ways out whole, each one line of up to 404 units. In the studio a long label folds before its condition;
  // a slide, which lists the ways between two states a line each, keeps each on one line.
  it("in the studio a label wider than 240 units folds before its condition; a slide's do not", async () => {
    const machine = machines['user-driven'] as unknown as AnyStateMachine;
    const studio = await layoutMachine(machine);
    const wide = studio.edges.flatMap((e) => e.label.split('\n').filter((l) => textWidth(l) > 240 && /\bif\b/.test(l)).map((l) => `${e.source}: "${l}"`));
    expect(wide).toEqual([]);
    const error = studio.edges.filter((e) => e.source === 'deployment.deviceEsp.errorPage').map((e) => e.label);
    expect(error).toContain('User presses Continue anyway\nif the ESP allows continue anyway');
    expect(error).toContain('User presses Collect logs\nif the ESP allows collecting logs');
    // A short one stays whole ('if hybrid join and the user ESP runs').
    expect(studio.edges.filter((e) => e.label.includes('\n') && textWidth(e.label.replace('\n', ' ')) <= 240)).toEqual([]);
    expect(studio.edges.map((e) => e.label)).toContain('if hybrid join and the user ESP runs');
    const slide = await layoutMachine(machine, { slide: true });
    expect(slide.edges.some((e) => e.label.split('\n').includes('User presses Continue anyway if the ESP allows continue anyway'))).toBe(true);
  }, 60_000);
});

describe('edge labels in the words of the state they leave', () => {
  // Device preparation has no ESP, so no blocking apps: its install steps fail when any app in the policy fails, and
  // its error page says Retry. Its machine also holds classic Autopilot's ESP (a registered device with a profile),
  // where a blocking app is what fails: the words go by the state the edge leaves, not by the machine.
  const dp = machines['device-preparation'] as unknown as AnyStateMachine;
  const dpWords = [
    ['deployment.provisioning.lobApps', 'app.failed', 'An app in the policy fails'],
    ['deployment.provisioning.win32Apps', 'app.failed', 'An app in the policy fails'],
    ['cloudPc.provisioning.win32Apps', 'app.failed', 'An app in the policy fails'],
    ['deployment.apdpFailure', 'user.retry', 'User presses Retry'],
    ['classic.deviceEsp.errorPage', 'user.retry', 'User presses Try again'],
    ['classic.deviceEsp.running.deviceSetup.apps', 'app.failed', 'A blocking app fails'],
    ['classic.accountSetup.running.apps', 'app.failed', 'A blocking app fails'],
  ] as const;

  it("on device preparation's chart, an app failing in its install steps is an app in its policy; in its classic ESP, a blocking app", async () => {
    const layout = await layoutMachine(dp);
    const labelOf = (source: string, event: string) => layout.edges.filter((e) => e.source === source && e.event === event).map((e) => e.label);
    for (const [source, event, words] of dpWords) expect(labelOf(source, event), `${source} on ${event}`).toEqual([words]);
    // Classic Autopilot's own machine is worded as before.
    const ud = await layoutMachine(machines['user-driven'] as unknown as AnyStateMachine);
    expect(new Set(ud.edges.filter((e) => e.event === 'app.failed').map((e) => e.label))).toEqual(new Set(['A blocking app fails']));
  });

  it('the slides (Mermaid) and the studio\'s event log use the same words', () => {
    const mermaid = toMermaid(dp);
    expect(mermaid).toContain(': An app in the policy fails');
    expect(mermaid).toContain(': A blocking app fails');
    // The bundled device preparation failure whose app fails: its log line reads as the chart's edge.
    const file = parseScenario('failures/device-preparation-app-fails.yaml', readFileSync(join(repo, 'scenarios/failures/device-preparation-app-fails.yaml'), 'utf8'));
    const { trace } = simulate(environmentOf(file), { seed: file.seed });
    const i = trace.findIndex((e) => e.event === 'app.failed');
    expect(i).toBeGreaterThan(0);
    expect(entryEventText(trace, i)).toBe('An app in the policy fails');
  });
});

describe('edge labels in the words of who is there', () => {
  // A self-deploying flow has no user (domain §2.6): whoever answers its OOBE pages or its ESP error page is someone at
  // the device, the 'person' the trace and the chips attribute those events to; the technician sits through the
  // OOBE of pre-provisioning's technician flow (§2.3 T1). The words follow who acts, as the chips do.
  const lessonTrace = (path: string) => {
    const file = parseScenario(path, readFileSync(join(repo, 'scenarios', path), 'utf8'));
    return simulate(environmentOf(file), { seed: file.seed }).trace;
  };

  it('no chart says a user acts where the one who acts is someone else', async () => {
    const wrong: string[] = [];
    for (const id of Object.keys(machines) as (keyof typeof machines)[]) {
      const machine = machines[id] as unknown as AnyStateMachine;
      const layout = await layoutMachine(machine);
      for (const e of layout.edges) {
        const who = whoActs(e.event, findNode(machine, e.source)!);
        if (sourceOf(e.event) === 'user' && who !== 'user' && /^User\b/m.test(e.label)) wrong.push(`${id}: ${e.source} on ${e.event} (${who}): "${e.label}"`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("self-deploying's chart, slides and event log name someone at the device; user-driven's still name the user", async () => {
    const sd = machines['self-deploying'] as unknown as AnyStateMachine;
    const layout = await layoutMachine(sd);
    // A long label is on two lines in the studio (folded before its condition).
    const labels = new Set(layout.edges.map((e) => e.label.replace('\n', ' ')));
    for (const words of ['Someone gives up', 'Someone presses Try again', 'Someone presses Reset if the ESP allows reset', 'Someone presses Continue anyway if the ESP allows continue anyway', 'Someone finishes the OOBE pages'])
      expect(labels, words).toContain(words);
    const mermaid = toMermaid(sd);
    expect(mermaid).toContain(': Someone gives up');
    expect(mermaid).not.toMatch(/: User /);
    const ud = await layoutMachine(machines['user-driven'] as unknown as AnyStateMachine);
    expect(ud.edges.map((e) => e.label)).toContain('User gives up');
    const pp = await layoutMachine(machines['pre-provisioned'] as unknown as AnyStateMachine);
    const region = (source: string) => pp.edges.filter((e) => e.source === source && e.event === 'user.regionAndKeyboardChosen').map((e) => e.label);
    expect(region('oobe.regionAndKeyboard')).toEqual(['Technician picks region and keyboard']);
    expect(region('deployment.userFlow.oobe.regionAndKeyboard')).toEqual(['User picks region and keyboard']);

    // Lesson 02 (self-deploying on a VM): the event log's lines and what could happen at the error page.
    const trace = lessonTrace('lessons/02-self-deploying-on-a-vm.yaml');
    const words = trace.map((_, i) => entryEventText(trace, i));
    expect(words).toContain('Someone finishes the OOBE pages');
    expect(words[words.length - 1]).toBe('Someone gives up');
    const session = new Session(environmentOf(parseScenario('lessons/02-self-deploying-on-a-vm.yaml', readFileSync(join(repo, 'scenarios/lessons/02-self-deploying-on-a-vm.yaml'), 'utf8'))), 1);
    while (session.current.state !== 'deployment.deviceEsp.errorPage') session.step();
    const possible = possibleNow(session, insightOf(session), session.current);
    const gaveUp = possible.find((p) => p.event === 'user.gaveUp')!;
    expect({ label: gaveUp.label, source: gaveUp.source }).toEqual({ label: 'Someone gives up', source: 'person' });
    expect(possible.filter((p) => p.source === 'user')).toEqual([]);
  }, 60_000);
});

describe('renderSvg', () => {
  it('writes well-formed SVG with the active state, the trail and what can happen now', async () => {
    const layout = await layoutOf('self-deploying');
    const session = new Session({ scenario: 'self-deploying' }, 1);
    while (!session.current.state.endsWith('secureHardware')) session.step();
    const machine = machines['self-deploying'] as unknown as AnyStateMachine;
    const available = availableTransitions(machine, session.current.state, contextOf(session));
    expect(available.some((id) => id.includes('tpm.attested'))).toBe(true);
    const taken = takenTransitions(machine, 'oobe.networkGate', { type: 'network.wired' }, contextOf(session));
    expect(taken).toEqual(['oobe.networkGate|network.wired|0']);
    const svg = renderSvg(layout, {
      active: session.current.state,
      visited: session.trace.slice(0, session.cursor + 1).map((t) => t.state),
      available,
      taken,
      title: 'Self-deploying <test> & "quotes"',
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    checkXml(svg);
    expect(svg).toContain(`data-state="${session.current.state}"`);
    expect(svg).toMatch(/class="[^"]*sc-active[^"]*" data-state="deployment\.deviceEsp\.running\.devicePreparation\.secureHardware"/);
    expect(svg).toMatch(/class="[^"]*sc-available[^"]*" data-edge="[^"]+" data-event="tpm\.attested"/);
    expect(svg).toContain('&lt;test&gt; &amp; &quot;quotes&quot;');
  });

  it('guards are evaluated: the error page offers only the buttons the ESP allows', () => {
    const machine = machines['user-driven'] as unknown as AnyStateMachine;
    const at = 'deployment.deviceEsp.errorPage';
    const plain = new Session({ esp: { collectLogs: false } }, 1);
    const all = new Session({ esp: { allowReset: true, allowContinueAnyway: true, collectLogs: true } }, 1);
    const events = (s: Session) => availableTransitions(machine, at, contextOf(s)).map((id) => id.split('|')[1]);
    expect(events(plain).sort()).toEqual(['user.gaveUp', 'user.retry']);
    expect(events(all).sort()).toEqual(['user.collectLogs', 'user.continueAnyway', 'user.gaveUp', 'user.resetDevice', 'user.retry']);
  });
});

describe('placements, kept by the graph laid out', () => {
  it('a graph is laid out once a process; its key changes with anything ELK is given, not with the order of the collapsed states', async () => {
    const m = machines.reset as unknown as AnyStateMachine;
    const first = await layoutMachine(m, { collapsed: ['local'] });
    expect(await layoutMachine(m, { collapsed: ['local'] })).toEqual(first);
    const keys = [
      placementKey(m, { collapsed: ['local'] }),
      placementKey(m, { collapsed: ['remote'] }),
      placementKey(m, { collapsed: ['local'], direction: 'RIGHT' }),
      placementKey(m, { collapsed: ['local'], edgeLabels: false }),
      placementKey(m, { collapsed: ['local'], root: 'remote' }),
      placementKey(m, { collapsed: ['local'], measure: (text, size) => text.length * size }),
      placementKey(machines['self-deploying'] as unknown as AnyStateMachine, { collapsed: ['local'] }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(placementKey(m, { collapsed: ['local', 'remote'] })).toBe(placementKey(m, { collapsed: ['remote', 'local'] }));
  });

  it('a store (the studio worker\'s Cache Storage) gets what ELK placed, and what it holds is drawn as it is', async () => {
    const m = machines.reset as unknown as AnyStateMachine;
    // Label widths no other test uses: graphs this process has not laid out yet.
    const measure = (text: string, size: number) => Math.ceil(text.length * size * 0.61);
    const kept = new Map<string, Placement>();
    const store = { get: async (k: string) => kept.get(k), put: (k: string, p: Placement) => void kept.set(k, p) };
    const laidOut = await layoutMachine(m, { measure, store });
    const key = placementKey(m, { measure });
    expect([...kept.keys()]).toEqual([key]);
    expect(kept.get(key)!.width).toBe(laidOut.width);
    // Another page: its store holds a placement for the graph, so ELK is not asked.
    const other = { collapsed: ['remote'], measure, store: { get: async () => ({ ...kept.get(key)!, width: 12345 }), put: () => undefined } };
    expect((await layoutMachine(m, other)).width).toBe(12345);
  });
});
