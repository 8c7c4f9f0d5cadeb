// A deployment machine drawn as a statechart: the machine definition -> an ELK graph
// (layered, hierarchical compound nodes) -> positioned nodes and edges -> an SVG string.
// Pure and DOM-free: the studio draws it in the browser, `autopilot-sim diagram --format svg`
// in Node. Node ids are the dotted state paths the trace uses (TraceEntry.state).
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { allNodes, allNodesUnder, ancestry, compoundStates, findNode, guardLabel, pathOf, transitionsOf, type TransitionDef } from '../engine/structure.ts';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { conditionText, eventName } from '../../machines/labels.ts';
import type { Wait } from '../catalog/vocabulary.ts';
import type { Source } from '../../machines/events.ts';
import { attributed } from '../engine/observers.ts';

export interface Point {
  x: number;
  y: number;
}

export interface LayoutNode {
  /** Dotted path from the root ('oobe.networkGate'). */
  id: string;
  /** The state's own key. */
  key: string;
  label: string;
  parent: string | null;
  depth: number;
  /** Absolute position of the top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Has child states drawn inside it. */
  compound: boolean;
  /** Has child states, hidden because it is collapsed. */
  collapsed: boolean;
  /** A final state: inner ones (done, complete) are drawn as small end markers. */
  final: boolean;
  /** The initial child of its parent. */
  initial: boolean;
  /** Leaves only through eventless transitions (a choice), waits on nothing. */
  transient: boolean;
  /** Waits on nothing and has no way out: only a timer above it ends it. */
  stuck: boolean;
  tags: string[];
  description: string;
  /** meta.waits: what the state waits on. */
  waits: string | null;
  doc: string | null;
}

export type EdgeKind = 'event' | 'always' | 'after' | 'done';

export interface LayoutEdge {
  id: string;
  /** Transition ids this edge stands for (several when collapsing merged them). */
  members: string[];
  source: string;
  target: string;
  event: string;
  /** In words, for a class: 'User presses Reset device if the ESP allows reset'. */
  label: string;
  /** The machine's own names: 'user.resetDevice [espAllowsReset]' (shown on hover). */
  internal: string;
  kind: EdgeKind;
  guard: string | null;
  points: Point[];
  labelBox: { x: number; y: number; width: number; height: number } | null;
  /** The label stands left of its line (a slide's, moved by clearLabels): its words end at the line. */
  labelLeft?: boolean;
}

export interface Layout {
  machine: string;
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

export interface LayoutOptions {
  /** Compound states (by path) drawn closed, their children hidden. */
  collapsed?: Iterable<string>;
  /** 'DOWN' (default) or 'RIGHT'. */
  direction?: 'DOWN' | 'RIGHT';
  /** Draw event labels on edges (default true). */
  edgeLabels?: boolean;
  /** Draw only this state (a dotted path) and what is inside it. */
  root?: string;
  /**
   * The width in px of a label at a type size: the browser measures its own font (see
   * src/studio/app/measure.ts); elsewhere an estimate (textWidth).
   */
  measure?: (text: string, size: number) => number;
  /** Where placements outlive this process or page (the studio's worker keeps them in the browser's Cache Storage). */
  store?: PlacementStore;
  /**
   * Drawn for a slide (`autopilot-sim diagram --format svg`), where nothing is clicked: the
   * transitions of one kind between the same two states are one line with their labels listed,
   * and every label sits clear of the lines (clearLabels). The studio keeps one line per
   * transition, each a choice to click.
   */
  slide?: boolean;
  /**
   * Each phase laid out on its own, in the direction this gives for its depth below the drawing's
   * top (0: the outermost), its ways in and out through ports on its border; without it the
   * whole chart is laid out at once, in one direction.
   */
  phaseDirection?: (depth: number) => 'DOWN' | 'RIGHT';
  /**
   * A chart with no phase open cut into rows or columns to come near these proportions (ELK's
   * graph wrapping, which wraps only the outermost level): a long flow on a slide snakes across
   * it instead of running down its middle.
   */
  wrap?: { strategy: 'SINGLE_EDGE' | 'MULTI_EDGE'; aspect: number };
  /** More room between states and between lines, this many times the usual (1), for a slide whose labels found no place clear of the lines. */
  room?: number;
  /**
   * The join of the run drawn (the studio's): a collapsed state does not list the ways out that only the other join's
   * states take. An Entra join's Deployment, closed, listed 'Offline domain join fails', 'No domain controller' and
   * 'Domain sign-in fails'. Without it (a slide of the machine) every way out is drawn.
   */
  join?: 'entra' | 'hybrid';
}

/** Tags of the states only a hybrid join reaches (machines/flows/identity.ts: the offline domain join, the domain controller). */
const HYBRID_ONLY: readonly string[] = ['hybridJoin', 'domainController'];

/** True when `s` (or a state it is inside) is one only a hybrid join reaches. */
function hybridOnly(s: AnyStateNode): boolean {
  for (let n: AnyStateNode | undefined = s; n; n = n.parent) if ([...n.tags].some((t) => HYBRID_ONLY.includes(String(t)))) return true;
  return false;
}



const WORDS: Record<string, string> = {
  oobe: 'OOBE', esp: 'ESP', mdm: 'MDM', ime: 'IME', odj: 'ODJ', dc: 'DC', tpm: 'TPM', os: 'OS', zdp: 'ZDP', ts: 'TS',
  pe: 'PE', pbr: 'PBR', ad: 'AD', re: 'RE', win: 'Win', entra: 'Entra', wifi: 'Wi-Fi', vpn: 'VPN', json: 'JSON',
  lob: 'LOB', pc: 'PC', vm: 'VM',
};

/** 'secureHardware' -> 'Secure hardware', 'winRePrecheck' -> 'WinRE precheck', 'winKey5' -> 'Win key ×5'. */
export function humanize(key: string): string {
  const special: Record<string, string> = {
    winKey5: 'Win key ×5',
    winRePrecheck: 'WinRE pre-check',
    winPe: 'WinPE',
    standardOobe: 'Standard OOBE',
    entraSignIn: 'Entra sign-in',
    signIn: 'Sign-in',
    signInAfterEsp: 'Sign-in after ESP',
    signOutAndIn: 'Sign out and in',
    trackingAndIme: 'Tracking and IME',
    automaticSignIn: 'Automatic sign-in',
    resetSignIn: 'Reset sign-in',
    pendingCheckIn: 'Pending check-in',
    reenterCredentials: 'Re-enter credentials',
    pushButtonReset: 'Push-button reset',
    configMgrTasks: 'ConfigMgr tasks',
    win32Apps: 'Win32 apps',
    // The device preparation error screen (its description: 'The installation error').
    apdpFailure: 'Installation error',
    // Read aloud as English, not as the key's words in a row ('MDM enrollment hybrid', 'At sign in screen').
    mdmEnrollmentHybrid: 'MDM enrollment (hybrid)',
    atSignInScreen: 'At the sign-in screen',
    atKioskDesktop: "At the kiosk's desktop",
    atDesktop: 'At the desktop',
    preparationBehindSignIn: 'Preparation behind sign-in',
    preparationBehindKiosk: "Preparation behind the kiosk",
    preparationBehindDesktop: 'Preparation behind the desktop',
    identifyingStuck: 'Stuck at Identifying',
    stuckAt100: 'Stuck at 100 %',
    afterApplyOs: 'OS applied',
    afterOdjBlob: 'ODJ blob received',
    setupFirstBoot: "Setup's first boot",
    deleteUnattend: 'Delete unattend.xml',
    followOn: 'Follow-on deployment',
    failedStatus: 'Status: Failed',
    // The scenarios as Microsoft writes them ('User driven' and 'Pre provisioned' on a slide).
    'user-driven': 'User-driven',
    userDriven: 'User-driven',
    'pre-provisioned': 'Pre-provisioned',
    preProvisioned: 'Pre-provisioned',
    'self-deploying': 'Self-deploying',
    selfDeploying: 'Self-deploying',
  };
  if (special[key]) return special[key];
  const words = key
    .replace(/-/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean);
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (WORDS[lower]) return WORDS[lower];
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/** A short label for an event type: 'xstate.after.espDeviceTimeout.x.y' -> 'after espDeviceTimeout'. */
export function eventLabel(eventType: string): { label: string; kind: EdgeKind } {
  if (eventType === '') return { label: '', kind: 'always' };
  if (eventType.startsWith('xstate.done.state.')) return { label: 'done', kind: 'done' };
  if (eventType.startsWith('xstate.after.')) {
    const delay = eventType.slice('xstate.after.'.length).split('.')[0]!;
    return { label: `after ${delay}`, kind: 'after' };
  }
  return { label: eventType, kind: 'event' };
}

/**
 * Approximate text width for the SVG's font (no DOM to measure with in Node), generous enough
 * for the widest of the fonts it falls back to (DejaVu Sans, on Linux) at normal weight.
 */
export function textWidth(text: string, size = 12): number {
  let w = 0;
  for (const ch of text) {
    if ('il.,:;|!\'`'.includes(ch)) w += 0.3;
    else if ('fjrt()[]-/ '.includes(ch)) w += 0.38;
    else if ('mwMW'.includes(ch)) w += 0.85;
    else if (ch >= 'A' && ch <= 'Z') w += 0.66;
    else w += 0.55;
  }
  return Math.ceil(w * size * 1.06);
}

const LEAF_H = 34;
/** Id prefix of the markers where transitions leave a state drawn on its own (--state). */
export const EXIT = 'exit:';
/** Edge labels' type size (px at scale 1). */
const EDGE_FONT = 12;
/** The height of a line of an edge label (renderSvg writes each line this far below the last). */
export const EDGE_LINE = EDGE_FONT + 5;

/** An edge label's box: one line of EDGE_LINE units a line of its text ('\n' between lines). */
function labelSize(label: string, measure: (text: string, size: number) => number): { width: number; height: number } {
  const lines = label.split('\n');
  return { width: Math.max(...lines.map((l) => measure(l, EDGE_FONT))) + 8, height: EDGE_LINE * lines.length };
}

/**
 * The studio's widest one-line label (units at scale 1): a longer one folds before its condition. The ESP error page's
 * ways out ran to 404 units ('User presses Continue anyway if the ESP allows continue anyway'), and the view that keeps
 * the active state and every label of its ways out whole zoomed out to 10 px type beside the large chart in presenter
 * mode at 1024x768 (lesson 08), where the rest of the run read at 15 to 16 px.
 */
const FOLD_WIDTH = 240;

/** A studio label on two lines, the event then its condition, when on one it would be wider than FOLD_WIDTH. */
function foldBeforeCondition(label: string, condition: string | null, measure: (text: string, size: number) => number): string {
  if (!condition || !label.endsWith(` ${condition}`) || label.length === condition.length + 1 || measure(label, EDGE_FONT) <= FOLD_WIDTH) return label;
  return `${label.slice(0, -condition.length - 1)}\n${condition}`;
}

/** What a state waits on (its meta.waits), or null. */
export function waitOf(s: AnyStateNode): Wait | null {
  return ((s.meta ?? {}) as { waits?: Wait }).waits ?? null;
}

/** Who causes an event in a state (attributed(), the trace's attribution): a user's event in a self-deploying state is a person's at the device. */
export function whoActs(eventType: string, s: AnyStateNode): Source {
  const tags = new Set<string>();
  for (let n: AnyStateNode | undefined = s; n; n = n.parent) for (const t of n.tags) tags.add(t);
  return attributed(eventType, tags);
}

/**
 * A transition in words: the event's human name, as the state it leaves words it (`wait`, the state's meta.waits: an
 * app failing in device preparation's install steps is an app in its policy, in the ESP a blocking app; `who`, who
 * acts there: someone at a self-deploying device, not a user), and its guard as a condition.
 */
export function humanEdgeLabel(eventType: string, guard: string | null, wait: Wait | null, who?: Source | null): string {
  const condition = conditionText(guard);
  if (eventType === '') return condition ?? '';
  const name = eventName(eventType, wait, who);
  return condition ? `${name} ${condition}` : name;
}
const FINAL_SIZE = 18;
const COMPOUND_TOP = 30;

let elkInstance: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | null = null;
function elk() {
  // elk.bundled.js runs the layout on the calling thread, in Node and in the browser alike.
  elkInstance ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    // Evaluated inside a web worker (the studio's layout worker), elk.bundled.js takes over
    // `onmessage` to act as ELK's own worker: take it back, so only the worker's own listener answers.
    if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined') (globalThis as { onmessage?: unknown }).onmessage = null;
    const Ctor = ((m as { default?: unknown }).default ?? m) as new () => { layout(graph: ElkNode): Promise<ElkNode> };
    return new Ctor();
  });
  return elkInstance;
}

/** Lay out a machine: every state gets a position; collapsed compounds hide their children. */
export async function layoutMachine(machine: AnyStateMachine, options: LayoutOptions = {}): Promise<Layout> {
  const { graph, meta, edges, visible } = graphOf(machine, options);
  const g = await placement(graph, options.store);
  for (const n of meta) {
    const box = g.nodes[n.id];
    if (box) [n.x, n.y, n.width, n.height] = box;
  }
  for (const e of edges) {
    // Laid out phase by phase, an edge that crosses a phase's border is in pieces, joined at its ports.
    const pieces = g.edges[e.id] ? [g.edges[e.id]!] : [];
    for (let k = 0; g.edges[`${e.id}~${k}`]; k++) pieces.push(g.edges[`${e.id}~${k}`]!);
    for (const [points] of pieces)
      for (let i = 0; i + 1 < points.length; i += 2) {
        const last = e.points[e.points.length - 1];
        if (!last || last.x !== points[i] || last.y !== points[i + 1]) e.points.push({ x: points[i]!, y: points[i + 1]! });
      }
    const label = pieces[0]?.[1];
    if (label) e.labelBox = { x: label[0], y: label[1], width: label[2], height: label[3] };
  }
  selfLoopsRight(edges, meta);
  stackTailLabels(edges, meta);
  const nodes = meta.filter((n) => visible.has(n.id));
  const size = options.slide ? clearLabels(edges, nodes, g) : g;
  return { machine: machine.id, width: size.width, height: size.height, nodes, edges };
}

/**
 * The labels of a state's ways out, stacked: ELK stacks the tail labels of the transitions that
 * stay in the state's parent, and apart from them those of the transitions that leave it (their
 * first segment ends at the parent's border), so one of each could land on the same line, over
 * each other ("A blocking app fails" under "An app hangs", seen with the browser's font). Below
 * the state, in the order their edges leave it from left to right, each label goes under the one
 * before when they meet; above it, over.
 */
/**
 * A way out that comes back to its own state (the ESP error page's Collect logs) drawn on the state's right, its words
 * beside it, where the state's other ways out have theirs: ELK put the loop on the left and its words further left
 * (368 units, 'User presses Collect logs if the ESP allows collecting logs'), so the view that keeps the active state
 * and every label of its ways out whole zoomed out to 7.8 px type at lesson 08's error page (5.9 px beside the large
 * chart in presenter mode). The loop is mirrored about the state's middle; its words sit level with the state.
 */
function selfLoopsRight(edges: LayoutEdge[], nodes: LayoutNode[]): void {
  for (const e of edges) {
    if (e.source !== e.target || !e.labelBox) continue;
    const n = nodes.find((x) => x.id === e.source);
    if (!n || e.labelBox.x + e.labelBox.width / 2 >= n.x + n.width / 2) continue;
    const mirror = (x: number) => round(2 * n.x + n.width - x);
    e.points = e.points.map((p) => ({ x: mirror(p.x), y: p.y }));
    const right = Math.max(...e.points.map((p) => p.x));
    e.labelBox = { ...e.labelBox, x: round(right + LABEL_GAP), y: round(n.y + (n.height - e.labelBox.height) / 2) };
  }
}

function stackTailLabels(edges: LayoutEdge[], nodes: LayoutNode[]): void {
  const bySource = new Map<string, LayoutEdge[]>();
  for (const e of edges) if (e.labelBox) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  for (const [source, out] of bySource) {
    const n = nodes.find((x) => x.id === source);
    if (!n || out.length < 2) continue;
    const below = out.filter((e) => e.labelBox!.y >= n.y + n.height / 2).sort((a, b) => a.labelBox!.x - b.labelBox!.x || a.labelBox!.y - b.labelBox!.y);
    const above = out.filter((e) => e.labelBox!.y < n.y + n.height / 2).sort((a, b) => a.labelBox!.x - b.labelBox!.x || b.labelBox!.y - a.labelBox!.y);
    for (const [side, list] of [[1, below], [-1, above]] as const) {
      for (let i = 1; i < list.length; i++) {
        const box = list[i]!.labelBox!;
        for (let j = 0; j < i; j++) {
          const other = list[j]!.labelBox!;
          if (meets(box, other, 0)) box.y = round(side > 0 ? other.y + other.height : other.y - box.height);
        }
      }
    }
  }
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room between a label and the line it stands beside. */
const LABEL_GAP = 3;
/** Room between a list of labels and the label next to it. */
const LIST_GAP = 6;
/** How far apart the places tried for a label are, along its line. */
const LABEL_STEP = 2;

/** Whether two rectangles overlap by more than `slack` (touching is not meeting). */
const meets = (a: Rect, b: Rect, slack = 0.5) => a.x < b.x + b.width - slack && b.x < a.x + a.width - slack && a.y < b.y + b.height - slack && b.y < a.y + a.height - slack;

/** Whether the segment p-q (horizontal or vertical: the routes are orthogonal) runs through a rectangle. */
function crosses(r: Rect, p: Point, q: Point): boolean {
  const m = 0.5;
  if (Math.abs(p.x - q.x) < 0.01) return p.x > r.x + m && p.x < r.x + r.width - m && Math.max(p.y, q.y) > r.y + m && Math.min(p.y, q.y) < r.y + r.height - m;
  if (Math.abs(p.y - q.y) < 0.01) return p.y > r.y + m && p.y < r.y + r.height - m && Math.max(p.x, q.x) > r.x + m && Math.min(p.x, q.x) < r.x + r.width - m;
  // Not orthogonal (never from ELK's orthogonal routing): its bounding box.
  return meets(r, { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.abs(p.x - q.x), height: Math.abs(p.y - q.y) });
}

/**
 * Every label of a slide clear of the lines: ELK stacks the labels of a state's ways out by the
 * state, each starting at its own line and running across the lines beside it (on the slide of
 * the whole user-driven machine, ten lines ran through the labels of the ways out of the
 * deployment; on Autopilot Reset's, 'WinRE ready' through 'WinRE missing'). A label that a line
 * runs through, or that meets a state, a phase's border or title, another label or the edge of
 * the drawing, moves to the nearest place beside its own line, counted along the line from the
 * state it leaves, where it meets none of them (a place on the right of a line, or below it, is
 * preferred to the left, or above, at equal distance); where there is none, to the place a line
 * runs through least (across a phase's border if it must, never over a state or a label). A place beyond the drawing's edge counts its distance out twice over, and
 * the drawing grows to hold it (moved right or down when it lies left of or above it): the
 * drawing's size after.
 */
function clearLabels(edges: LayoutEdge[], nodes: LayoutNode[], bounds: { width: number; height: number }): { width: number; height: number } {
  const segments: Array<[Point, Point]> = [];
  for (const e of edges) for (let i = 0; i + 1 < e.points.length; i++) segments.push([e.points[i]!, e.points[i + 1]!]);
  const solid: Rect[] = [];
  for (const n of nodes) {
    if (!n.compound) solid.push(n);
    // A phase's title band, and the initial-state dot left of a state's corner.
    else solid.push({ x: n.x, y: n.y, width: n.width, height: COMPOUND_TOP - 4 });
    if (n.initial && n.parent !== null) solid.push({ x: n.x - 11, y: n.y + 3, width: 8, height: 8 });
  }
  // Arrowheads: a small square at each line's end.
  for (const e of edges) {
    const end = e.points[e.points.length - 1];
    if (end) solid.push({ x: end.x - 5, y: end.y - 5, width: 10, height: 10 });
  }
  const frames = nodes.filter((n) => n.compound);
  /** Inside or outside each phase, never across its border. */
  const straddles = (r: Rect) =>
    frames.some((f) => meets(r, f, 0) && !(r.x >= f.x + 2 && r.y >= f.y + 2 && r.x + r.width <= f.x + f.width - 2 && r.y + r.height <= f.y + f.height - 2));
  const outside = (r: Rect) => Math.max(0, -r.x) + Math.max(0, -r.y) + Math.max(0, r.x + r.width - bounds.width) + Math.max(0, r.y + r.height - bounds.height);
  const lines = (r: Rect) => segments.reduce((k, [p, q]) => k + (crosses(r, p, q) ? 1 : 0), 0);
  const placed: Rect[] = [];
  /** Over a state, a title or a label placed already. */
  // A list (the merged labels of one line) keeps a gap from the next label: set against it, the
  // next label read as one more item of the list.
  const near = (a: Rect, b: Rect) => meets(a, b, a.height > EDGE_LINE || b.height > EDGE_LINE ? -LIST_GAP : 0);
  const covers = (r: Rect) => solid.some((b) => meets(r, b)) || placed.some((b) => near(r, b));
  const blocked = (r: Rect) => straddles(r) || covers(r);

  const labelled = edges.filter((e) => e.labelBox && e.points.length >= 2);
  const clear = (e: LayoutEdge) => !outside(e.labelBox!) && !blocked(e.labelBox!) && lines(e.labelBox!) === 0 && !labelled.some((o) => o !== e && near(e.labelBox!, o.labelBox!));
  const moving = labelled.filter((e) => !clear(e));
  for (const e of labelled) if (!moving.includes(e)) placed.push(e.labelBox!);
  for (const e of moving) {
    const { width: w, height: h } = e.labelBox!;
    const candidates: Array<{ r: Rect; cost: number; left: boolean }> = [];
    let along = 0;
    for (let i = 0; i + 1 < e.points.length; i++) {
      const p = e.points[i]!;
      const q = e.points[i + 1]!;
      const vertical = Math.abs(p.x - q.x) < 0.01;
      const len = Math.abs(vertical ? q.y - p.y : q.x - p.x);
      const forward = (vertical ? q.y - p.y : q.x - p.x) >= 0 ? 1 : -1;
      // The label's extent along the segment overlaps at least this much of it.
      const size = vertical ? h : w;
      const overlap = Math.min(size, len);
      const lo = Math.min(vertical ? p.y : p.x, vertical ? q.y : q.x);
      const hi = lo + len;
      for (let t = lo - size + overlap; t <= hi - overlap + 1e-9; t += LABEL_STEP) {
        // Distance from the segment's start to the label's nearer end.
        const from = forward > 0 ? Math.max(0, t - lo) : Math.max(0, hi - (t + size));
        for (const side of [1, -1]) {
          const r: Rect = vertical
            ? { x: side > 0 ? p.x + LABEL_GAP : p.x - LABEL_GAP - w, y: t, width: w, height: h }
            : { x: t, y: side > 0 ? p.y + LABEL_GAP : p.y - LABEL_GAP - h, width: w, height: h };
          const at = { x: round(r.x), y: round(r.y), width: w, height: h };
          candidates.push({ r: at, cost: along + from + (side > 0 ? 0 : 6) + 2 * outside(at), left: vertical && side < 0 });
        }
      }
      along += len;
    }
    candidates.sort((a, b) => a.cost - b.cost);
    let best = candidates.find((c) => !blocked(c.r) && lines(c.r) === 0);
    if (!best) {
      // The fewest lines under it, then inside or outside its phases rather than across a border; never over a state or a label.
      const penalty = (r: Rect) => (covers(r) ? Infinity : lines(r) * 2 + (straddles(r) ? 1 : 0));
      let least = penalty(e.labelBox!);
      for (const c of candidates) {
        const k = penalty(c.r);
        if (k < least) [best, least] = [c, k];
      }
      // Every place beside its line is taken (a crowded stack): the nearest free one above or below where it is.
      for (let dy = LABEL_STEP; least === Infinity && dy < 20 * h; dy += LABEL_STEP)
        for (const r of [{ ...e.labelBox!, y: round(e.labelBox!.y + dy) }, { ...e.labelBox!, y: round(e.labelBox!.y - dy) }])
          if (!covers(r)) {
            [best, least] = [{ r, cost: 0, left: e.labelLeft ?? false }, penalty(r)];
            break;
          }
    }
    if (best) {
      e.labelBox = best.r;
      if (best.left) e.labelLeft = true;
    }
    placed.push(e.labelBox!);
  }
  const dx = Math.max(0, ...placed.map((b) => -b.x));
  const dy = Math.max(0, ...placed.map((b) => -b.y));
  if (dx || dy) {
    for (const n of nodes) [n.x, n.y] = [round(n.x + dx), round(n.y + dy)];
    for (const e of edges) {
      e.points = e.points.map((p) => ({ x: round(p.x + dx), y: round(p.y + dy) }));
      if (e.labelBox) e.labelBox = { ...e.labelBox, x: round(e.labelBox.x + dx), y: round(e.labelBox.y + dy) };
    }
  }
  return {
    width: round(Math.max(bounds.width + dx, ...placed.map((b) => b.x + dx + b.width))),
    height: round(Math.max(bounds.height + dy, ...placed.map((b) => b.y + dy + b.height))),
  };
}

/** Each line that runs through an edge label's box in a layout ('e5 through e4'), as the slide draws them. */
export function linesUnderLabels(layout: Pick<Layout, 'edges'>): string[] {
  const out: string[] = [];
  for (const e of layout.edges)
    if (e.labelBox)
      for (const o of layout.edges) if (o.points.some((q, i) => i > 0 && crosses(e.labelBox!, o.points[i - 1]!, q))) out.push(`${o.id} through ${e.id}`);
  return out;
}

/** The graph ELK is given for a machine (sizes, labels, options), with the nodes and edges it stands for, not yet placed. */
function graphOf(machine: AnyStateMachine, options: LayoutOptions): { graph: ElkNode; meta: LayoutNode[]; edges: LayoutEdge[]; visible: Set<string> } {
  const collapsed = new Set(options.collapsed ?? []);
  const showLabels = options.edgeLabels ?? true;
  const measure = options.measure ?? textWidth;
  const top = options.root ? findNode(machine, options.root) : (machine.root as unknown as AnyStateNode);
  if (!top) throw new Error(`no state "${options.root}" in ${machine.id}`);
  const states = options.root ? [top, ...allNodesUnder(top)] : allNodes(machine);
  /** The node a state is drawn as: itself, or its outermost collapsed ancestor. */
  const shown = (s: AnyStateNode): AnyStateNode => {
    let out = s;
    for (let p = s.parent; p && p.parent; p = p.parent) if (collapsed.has(pathOf(p))) out = p;
    return out;
  };
  const isInnerFinal = (s: AnyStateNode) => s.type === 'final' && s.parent !== undefined && s.parent.parent !== undefined;

  const meta: LayoutNode[] = [];
  const elkOf = new Map<string, ElkNode>();
  const build = (s: AnyStateNode, depth: number): ElkNode => {
    const id = pathOf(s);
    const children = Object.values(s.states) as AnyStateNode[];
    const isCollapsed = children.length > 0 && collapsed.has(id);
    const compound = children.length > 0 && !isCollapsed;
    const label = humanize(s.key);
    const m = (s.meta ?? {}) as { waits?: string; doc?: string };
    const on = [...(s.transitions as Map<string, TransitionDef[]>).keys()];
    const always = ((s.always as TransitionDef[] | undefined) ?? []).length;
    const transient = !compound && !isCollapsed && s.type !== 'final' && on.length === 0 && always > 0;
    const stuck = !compound && !isCollapsed && s.type !== 'final' && on.length === 0 && always === 0;
    const parentNode = s.parent;
    const node: LayoutNode = {
      id,
      key: s.key,
      label,
      parent: parentNode && parentNode.parent && parentNode !== top ? pathOf(parentNode) : null,
      depth,
      x: 0,
      y: 0,
      width: 0,
      height: 0,
      compound,
      collapsed: isCollapsed,
      final: s.type === 'final',
      initial: parentNode !== undefined && (parentNode as AnyStateNode).config?.initial === s.key,
      transient,
      stuck,
      tags: [...(s.tags ?? [])].map(String),
      description: s.description ?? '',
      waits: m.waits ?? null,
      doc: m.doc ?? null,
    };
    meta.push(node);
    const e: ElkNode = { id };
    if (compound) {
      e.children = children.map((c) => build(c, depth + 1));
      e.layoutOptions = {
        'elk.padding': `[top=${COMPOUND_TOP},left=14,bottom=14,right=14]`,
        'elk.nodeSize.minimum': `(${measure(label, 13) + 60},60)`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      };
    } else if (isInnerFinal(s)) {
      e.width = FINAL_SIZE;
      e.height = FINAL_SIZE;
    } else if (transient) {
      e.width = Math.max(40, measure(label, 11) + 18);
      e.height = 24;
    } else {
      e.width = Math.max(70, measure(label, isCollapsed ? 13 : 12) + (isCollapsed ? 44 : 26));
      e.height = isCollapsed ? LEAF_H + 6 : LEAF_H;
    }
    elkOf.set(id, e);
    return e;
  };
  const roots = (Object.values(top.states) as AnyStateNode[]).map((s) => build(s, 0));
  const visible = new Set(meta.filter((n) => !hiddenBy(n.id, collapsed)).map((n) => n.id));

  const exitNode = (t: AnyStateNode): string => {
    const id = `${EXIT}${pathOf(t)}`;
    if (visible.has(id)) return id;
    const label = `→ ${humanize(t.key)}`;
    meta.push({ id, key: t.key, label, parent: null, depth: 0, x: 0, y: 0, width: 0, height: 0, compound: false, collapsed: false, final: false, initial: false, transient: false, stuck: false, tags: ['exit'], description: `Leaves ${options.root} for ${pathOf(t)}`, waits: null, doc: null });
    const e: ElkNode = { id, width: Math.max(60, measure(label, 12) + 26), height: LEAF_H - 6 };
    roots.push(e);
    visible.add(id);
    return id;
  };

  // Edges: every transition, re-attached to collapsed ancestors; merged when they coincide.
  const merged = new Map<string, LayoutEdge>();
  for (const s of states) {
    for (const { id, def } of transitionsOf(s)) {
      const { label, kind } = def.eventType === '' ? { label: '', kind: 'always' as const } : eventLabel(def.eventType);
      const targets = def.target ?? [];
      for (const t of targets) {
        const from = pathOf(shown(s));
        let to = pathOf(shown(t));
        // Drawing one state: a transition that leaves it ends at a marker naming where it goes.
        if (options.root && visible.has(from) && !visible.has(to) && !to.startsWith(options.root + '.')) to = exitNode(t);
        if (!visible.has(from) || !visible.has(to)) continue;
        // A way out from inside a closed state that this run's join never reaches is not listed on it.
        if (options.join === 'entra' && from !== pathOf(s) && hybridOnly(s)) continue;
        // Both ends inside one collapsed state: nothing to draw (real self-loops stay).
        if (from === to && (from !== pathOf(s) || to !== pathOf(t))) continue;
        const guard = guardLabel(def.guard);
        const internal = [label, guard ? `[${guard}]` : ''].filter(Boolean).join(' ');
        const words = humanEdgeLabel(def.eventType, guard, waitOf(s), whoActs(def.eventType, s));
        const text = options.slide ? words : foldBeforeCondition(words, conditionText(guard), measure);
        const key = options.slide ? `${from}->${to}|${kind}` : `${from}->${to}|${internal}`;
        const existing = merged.get(key);
        if (existing) {
          existing.members.push(id);
          // A slide lists the ways from one state to another under one line, each once.
          if (existing.internal !== internal && !existing.internal.split('; ').includes(internal)) {
            existing.internal += `; ${internal}`;
            if (text) existing.label = existing.label ? `${existing.label}\n${text}` : text;
          }
          continue;
        }
        merged.set(key, {
          id: `e${merged.size}`,
          members: [id],
          source: from,
          target: to,
          event: def.eventType,
          label: text,
          internal,
          kind,
          guard,
          points: [],
          labelBox: null,
        });
      }
    }
  }
  const edges = [...merged.values()];
  // A transition's label sits where it leaves its state (a tail label), not halfway along it.
  // Halfway is ELK's default, and with compound states laid out together (INCLUDE_CHILDREN)
  // a transition that leaves its phase is cut into one segment per level, its label put on the
  // outermost one: every way out of the device ESP (Reset device, Give up, the failures) was
  // labelled in one row beside Failed, hundreds of units from the state it leaves, and that row,
  // as wide as the whole chart, made each drawing two to four times wider than its states.
  // The class then saw the active state with its choices' labels off screen, and the view,
  // panned to show them, cut everything else. By the tail, the labels of a state's ways out
  // are stacked beside it, each starting at its own edge's line.
  const elkEdges: ElkExtendedEdge[] = edges.map((e) => ({
    id: e.id,
    sources: [e.source],
    targets: [e.target],
    ...(showLabels && e.label
      ? { labels: [{ id: `${e.id}l`, text: e.label, ...labelSize(e.label, measure), layoutOptions: { 'elk.edgeLabels.placement': 'TAIL' } }] }
      : {}),
  }));

  if (options.phaseDirection) splitAtPhases(elkEdges, edges, elkOf, meta, options.phaseDirection);

  const graph: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': options.direction ?? 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(34 * (options.room ?? 1)),
      'elk.layered.spacing.edgeNodeBetweenLayers': String(14 * (options.room ?? 1)),
      'elk.spacing.nodeNode': String(22 * (options.room ?? 1)),
      'elk.spacing.edgeNode': String(12 * (options.room ?? 1)),
      'elk.spacing.edgeEdge': String(8 * (options.room ?? 1)),
      'elk.spacing.edgeLabel': '2',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.thoroughness': '1',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      'org.eclipse.elk.json.shapeCoords': 'ROOT',
      'org.eclipse.elk.json.edgeCoords': 'ROOT',
      ...(options.wrap ? { 'elk.layered.wrapping.strategy': options.wrap.strategy, 'elk.aspectRatio': String(round(options.wrap.aspect)) } : {}),
    },
    children: roots,
    edges: elkEdges,
  };
  return { graph, meta, edges, visible };
}

/**
 * Each phase (a compound node) laid out on its own, in its own direction (ELK's
 * SEPARATE_CHILDREN), so a tall phase can stand beside the next instead of under it. ELK routes
 * an edge only inside one graph then: one that crosses a phase's border becomes pieces, from its
 * state to a port on the border, port to port, and in to its target; its label goes on the
 * first piece. The pieces are edge id '~' 0, 1, ... (layoutMachine joins them).
 */
function splitAtPhases(elkEdges: ElkExtendedEdge[], edges: LayoutEdge[], elkOf: Map<string, ElkNode>, meta: LayoutNode[], direction: (depth: number) => 'DOWN' | 'RIGHT'): void {
  const byId = new Map(meta.map((n) => [n.id, n]));
  for (const n of meta) {
    if (!n.compound) continue;
    const e = elkOf.get(n.id)!;
    e.layoutOptions = { ...e.layoutOptions, 'elk.hierarchyHandling': 'SEPARATE_CHILDREN', 'elk.direction': direction(n.depth + 1), 'elk.portConstraints': 'FREE' };
  }
  /** The phases around a node, innermost first. */
  const around = (id: string) => {
    const out: string[] = [];
    for (let p = byId.get(id)?.parent ?? null; p; p = byId.get(p)?.parent ?? null) out.push(p);
    return out;
  };
  const split: ElkExtendedEdge[] = [];
  for (const [i, elkEdge] of elkEdges.entries()) {
    const e = edges[i]!;
    const from = around(e.source);
    const to = around(e.target);
    const leave = from.filter((p) => !to.includes(p) && p !== e.target);
    const enter = to.filter((p) => !from.includes(p) && p !== e.source).reverse();
    if (!leave.length && !enter.length) {
      split.push(elkEdge);
      continue;
    }
    const port = (phase: string) => {
      const node = elkOf.get(phase)!;
      const id = `${e.id}@${phase}`;
      (node.ports ??= []).push({ id, width: 1, height: 1 });
      return id;
    };
    const stops = [e.source, ...leave.map(port), ...enter.map(port), e.target];
    for (let k = 0; k + 1 < stops.length; k++) {
      split.push({ id: `${e.id}~${k}`, sources: [stops[k]!], targets: [stops[k + 1]!], ...(k === 0 && elkEdge.labels ? { labels: elkEdge.labels } : {}) });
    }
  }
  elkEdges.splice(0, elkEdges.length, ...split);
}

/**
 * Where ELK placed a graph's nodes, edges and edge labels: all a layout takes from ELK. Kept by
 * the graph's key (a hash of the graph given to ELK: its sizes, measured labels and options), so
 * a graph is laid out once a process (`diagram` and the tests ask for the same ones again), and
 * the studio's worker keeps them across page loads (PlacementStore). A changed machine or font
 * gives a changed graph, hence another key: a placement kept for one graph never serves another.
 */
export interface Placement {
  width: number;
  height: number;
  /** Node id -> [x, y, width, height], absolute. */
  nodes: Record<string, [number, number, number, number]>;
  /** Edge id -> [its points as x, y, x, y, ...; its label's box or null]. */
  edges: Record<string, [number[], [number, number, number, number] | null]>;
}

/** Placements kept outside this process or page, by graph key. */
export interface PlacementStore {
  get(key: string): Promise<Placement | undefined>;
  put(key: string, placement: Placement): void;
}

const placements = new Map<string, Promise<Placement>>();

/** The key of the graph a machine is laid out as with these options. */
export function placementKey(machine: AnyStateMachine, options: LayoutOptions = {}): string {
  return graphKey(graphOf(machine, options).graph);
}

function placement(graph: ElkNode, store: PlacementStore | undefined): Promise<Placement> {
  const key = graphKey(graph);
  let p = placements.get(key);
  if (!p) {
    const laidOut = async () => {
      const placed = placementOf(await (await elk()).layout(graph));
      store?.put(key, placed);
      return placed;
    };
    p = store ? store.get(key).then((kept) => kept ?? laidOut(), laidOut) : laidOut();
    placements.set(key, p);
    p.catch(() => placements.delete(key));
  }
  return p;
}

function placementOf(out: ElkNode): Placement {
  const nodes: Placement['nodes'] = {};
  const place = (e: ElkNode) => {
    nodes[e.id] = [round(e.x ?? 0), round(e.y ?? 0), round(e.width ?? 0), round(e.height ?? 0)];
    for (const c of e.children ?? []) place(c);
  };
  for (const c of out.children ?? []) place(c);
  const edges: Placement['edges'] = {};
  for (const le of (out.edges ?? []) as ElkExtendedEdge[]) {
    const pts: number[] = [];
    for (const sec of le.sections ?? []) for (const p of [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint]) pts.push(round(p.x), round(p.y));
    const l = le.labels?.[0];
    edges[le.id] = [pts, l && l.x !== undefined ? [round(l.x), round(l.y ?? 0), l.width ?? 0, l.height ?? 0] : null];
  }
  return { width: round(out.width ?? 0), height: round(out.height ?? 0), nodes, edges };
}

/** A graph's key: 53-bit hashes (cyrb53) of its JSON, two seeds. */
function graphKey(graph: ElkNode): string {
  const text = JSON.stringify(graph);
  return cyrb53(text, 1).toString(36) + cyrb53(text, 2).toString(36);
}

function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Coordinates to a tenth of a pixel (the layout's and the drawing's). */
export const round = (n: number) => Math.round(n * 10) / 10;

/** True when an ancestor of `path` is collapsed. */
function hiddenBy(path: string, collapsed: ReadonlySet<string>): boolean {
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) if (collapsed.has(parts.slice(0, i).join('.'))) return true;
  return false;
}

/** How large a layout is drawn in a frame: 1 is the layout's own size (12 px edge labels, 12-13 px state names). */
export function frameScale(layout: Pick<Layout, 'width' | 'height'>, frame: { width: number; height: number }): number {
  return Math.min(frame.width / Math.max(1, layout.width), frame.height / Math.max(1, layout.height));
}

/**
 * The directions a slide's layout tries, by depth ('DR': the chart downward, the phases in it
 * rightward, and deeper ones as the last letter says). One letter: the whole chart at once in
 * that direction; more: each phase laid out on its own (LayoutOptions.phaseDirection), so a
 * tall phase's parts can stand side by side (the device ESP drawn alone: Device preparation
 * beside Device setup, where one direction put them in a column a third of a 16:9 slide wide).
 */
const FRAME_DIRECTIONS = ['D', 'R', 'DRD', 'RD', 'DRDR', 'RDRD'] as const;

/**
 * A whole machine's type on the projector, as a share of its size: its 12 px labels at 11.9 px or more. Not exactly 1, as
 * a percent is within ELK's layout noise: pre-provisioned, whose user flow fails offline since 02eecbb, laid out 2.5%
 * wider with its phases open (labels at 11.89 px at 1280x720) and closed every phase at 1 (OOBE and Deployment alone, at 18 px).
 */
const WHOLE_MACHINE_TYPE = 0.99;

/** The more room a whole machine's slide tries, in turn, where labels lie over lines (LayoutOptions.room). */
const ROOMS = [1.25, 1.5];

/** A classroom's projectors (USERS.md, "The room"): a slide is shown on whichever shows it larger. */
const PROJECTORS = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
] as const;

/**
 * A layout for a slide of a given size, its type as large as it can be with as much shown as
 * keeps it readable: the layouts with the deepest phases drawn closed are tried first, in each
 * of FRAME_DIRECTIONS (and, with every phase closed, wrapped to the frame's proportions), then
 * one level more open at a time while the type still shows at `minScale` of its size or more;
 * the most open that does. When even the most closed does not, the largest of those. By
 * default the slide is read on a classroom projector (PROJECTORS: a 16:9 slide at 1280x720, a
 * 4:3 one at 1024x768): a whole machine is an overview, its phases close until its 12 px labels
 * show at 11.9 px or more there (WHOLE_MACHINE_TYPE; minScale 1.485 for a 1920x1080 slide); a state drawn alone (`root`) is
 * drawn to show its steps, which stay open down to 9 px (1.125).
 */
export async function layoutForFrame(machine: AnyStateMachine, frame: { width: number; height: number }, options: Pick<LayoutOptions, 'root'> & { minScale?: number } = {}): Promise<Layout> {
  const projected = Math.max(...PROJECTORS.map((p) => Math.min(p.width / frame.width, p.height / frame.height)));
  const minScale = options.minScale ?? (options.root ? 0.75 : WHOLE_MACHINE_TYPE) / projected;
  const base = options.root ? options.root.split('.').length : 0;
  const compounds = compoundStates(machine).filter((p) => !options.root || p.startsWith(options.root + '.'));
  const deepest = Math.max(0, ...compounds.map((p) => p.split('.').length - base));
  let chosen: Layout | null = null;
  // depth d: compounds d or more levels below the root are drawn closed (deepest + 1: none).
  for (let d = 1; d <= deepest + 1; d++) {
    const collapsed = compounds.filter((p) => p.split('.').length - base === d);
    let best: Layout | null = null;
    let bestScale = 0;
    // With every phase closed the chart is flat, and may be wrapped.
    const flat = !compounds.some((p) => p.split('.').length - base < d);
    const tries: LayoutOptions[] = FRAME_DIRECTIONS.map((directions) => ({
      direction: directions[0] === 'R' ? 'RIGHT' : 'DOWN',
      ...(directions.length > 1 ? { phaseDirection: (depth: number) => (directions[Math.min(depth, directions.length - 1)] === 'R' ? 'RIGHT' : 'DOWN') as 'DOWN' | 'RIGHT' } : {}),
    }));
    if (flat) for (const direction of ['DOWN', 'RIGHT'] as const) for (const strategy of ['SINGLE_EDGE', 'MULTI_EDGE'] as const) tries.push({ direction, wrap: { strategy, aspect: frame.width / frame.height } });
    let bestTry: LayoutOptions = {};
    for (const t of tries) {
      const layout = await layoutMachine(machine, { ...t, collapsed, slide: true, ...(options.root ? { root: options.root } : {}) });
      const k = frameScale(layout, frame);
      if (k > bestScale + 1e-9) {
        best = layout;
        bestScale = k;
        bestTry = t;
      }
    }
    // A whole machine whose labels found no place clear of the lines (Autopilot Reset at 4:3 and 16:10, since its offline
    // exits: three labels over lines): the same layout with more room between states and lines, while its type still
    // reads, if fewer lines then run under labels. Not for a state drawn alone: its slides, measured, came out as much
    // worse (smaller, emptier) as better.
    let under = options.root || !best ? 0 : linesUnderLabels(best).length;
    for (const room of ROOMS) {
      if (under === 0) break;
      const roomier = await layoutMachine(machine, { ...bestTry, collapsed, slide: true, room });
      const k = frameScale(roomier, frame);
      if (k < minScale) break;
      const u = linesUnderLabels(roomier).length;
      if (u < under) [best, bestScale, under] = [roomier, k, u];
    }
    // Opening a level only makes the drawing larger: once it is too small, the level before is the one.
    if (bestScale < minScale) return chosen ?? best!;
    chosen = best;
  }
  return chosen!;
}
