// A deployment machine drawn as a statechart: the machine definition -> an ELK graph
// (layered, hierarchical compound nodes) -> positioned nodes and edges -> an SVG string.
// Pure and DOM-free: the studio draws it in the browser, `autopilot-sim diagram --format svg`
// in Node. Node ids are the dotted state paths the trace uses (TraceEntry.state).
import { and, not, or, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode } from 'xstate';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { conditionText, eventName } from '../../machines/labels.ts';

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
}

export interface RenderOptions {
  /** The active state's path: it and its ancestors are highlighted. */
  active?: string | null;
  /** Paths visited so far (the trail). */
  visited?: Iterable<string>;
  /** Transition ids (LayoutEdge.members) that can be taken now. */
  available?: Iterable<string>;
  /** Transition ids taken so far. */
  taken?: Iterable<string>;
  /** Path of a state reached by a failure (drawn red). */
  failed?: string | null;
  title?: string;
  /** Add a <style> block (default true); the studio styles the SVG itself when false. */
  embedStyle?: boolean;
  /** Scale of the intrinsic size (width/height attributes). */
  scale?: number;
  /** Draw into a frame of this size (a slide: 1920x1080), centred, the drawing's proportions kept. */
  frame?: { width: number; height: number };
}

type TransitionDef = {
  source: AnyStateNode;
  eventType: string;
  target?: readonly AnyStateNode[] | undefined;
  guard?: unknown;
};

const pathOf = (n: AnyStateNode): string => n.path.join('.');

const WORDS: Record<string, string> = {
  oobe: 'OOBE', esp: 'ESP', mdm: 'MDM', ime: 'IME', odj: 'ODJ', dc: 'DC', tpm: 'TPM', os: 'OS', zdp: 'ZDP', ts: 'TS',
  pe: 'PE', pbr: 'PBR', ad: 'AD', re: 'RE', win: 'Win', entra: 'Entra', wifi: 'Wi-Fi', vpn: 'VPN', json: 'JSON',
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

// Guard combinators, told apart by their shared check function (names do not survive minifying).
const checkOf = (g: unknown) => (g as { check?: unknown }).check;
const NOT = checkOf(not('x'));
const AND = checkOf(and(['x']));
const OR = checkOf(or(['x']));

function guardLabel(g: unknown): string | null {
  if (!g) return null;
  if (typeof g === 'string') return g;
  if (typeof g === 'object' && g !== null && 'type' in g) {
    const t = g as { type: string; params?: Record<string, unknown> };
    const p = t.params ? Object.values(t.params).map(String).join(',') : '';
    return p ? `${t.type}(${p})` : t.type;
  }
  if (typeof g === 'function') {
    const f = g as { name?: string; guards?: unknown[]; check?: unknown };
    if (f.check === NOT && f.guards?.length === 1) return `!${guardLabel(f.guards[0])}`;
    if ((f.check === AND || f.check === OR) && f.guards) return f.guards.map(guardLabel).join(f.check === AND ? ' && ' : ' || ');
    return f.name || 'guard';
  }
  return 'guard';
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

/** Every transition of a state node, with the id the layout, the trail and availability share. */
function transitionsOf(node: AnyStateNode): Array<{ id: string; def: TransitionDef }> {
  const out: Array<{ id: string; def: TransitionDef }> = [];
  const src = pathOf(node);
  for (const [eventType, list] of node.transitions as Map<string, TransitionDef[]>) {
    list.forEach((def, i) => out.push({ id: `${src}|${eventType}|${i}`, def }));
  }
  ((node.always as TransitionDef[] | undefined) ?? []).forEach((def, i) => out.push({ id: `${src}|always|${i}`, def }));
  return out;
}

/** The id of a transition definition, as `transitionsOf` names it. */
export function transitionId(def: TransitionDef): string | null {
  const src = pathOf(def.source);
  const list = (def.source.transitions as Map<string, TransitionDef[]>).get(def.eventType);
  const i = list?.indexOf(def) ?? -1;
  if (i >= 0) return `${src}|${def.eventType}|${i}`;
  const j = ((def.source.always as TransitionDef[] | undefined) ?? []).indexOf(def);
  return j >= 0 ? `${src}|always|${j}` : null;
}

function allNodesUnder(top: AnyStateNode): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    for (const c of Object.values(n.states) as AnyStateNode[]) {
      out.push(c);
      walk(c);
    }
  };
  walk(top);
  return out;
}

function allNodes(machine: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    for (const c of Object.values(n.states) as AnyStateNode[]) {
      out.push(c);
      walk(c);
    }
  };
  walk(machine.root as unknown as AnyStateNode);
  return out;
}

/** Approximate text width for the SVG's font (no DOM to measure with in Node). */
export function textWidth(text: string, size = 12): number {
  let w = 0;
  for (const ch of text) {
    if ('il.,:;|!\'`'.includes(ch)) w += 0.3;
    else if ('fjrt()[]-/ '.includes(ch)) w += 0.38;
    else if ('mwMW'.includes(ch)) w += 0.85;
    else if (ch >= 'A' && ch <= 'Z') w += 0.66;
    else w += 0.55;
  }
  return Math.ceil(w * size);
}

const LEAF_H = 34;
/** Id prefix of the markers where transitions leave a state drawn on its own (--state). */
export const EXIT = 'exit:';
/** Edge labels' type size (px at scale 1). */
const EDGE_FONT = 12;

/** A transition in words: the event's human name and its guard as a condition. */
export function humanEdgeLabel(eventType: string, guard: string | null): string {
  const condition = conditionText(guard);
  if (eventType === '') return condition ?? '';
  const name = eventName(eventType);
  return condition ? `${name} ${condition}` : name;
}
const FINAL_SIZE = 18;
const COMPOUND_TOP = 30;

let elkInstance: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | null = null;
function elk() {
  // elk.bundled.js runs the layout on the calling thread, in Node and in the browser alike.
  elkInstance ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    const Ctor = ((m as { default?: unknown }).default ?? m) as new () => { layout(graph: ElkNode): Promise<ElkNode> };
    return new Ctor();
  });
  return elkInstance;
}

/** Lay out a machine: every state gets a position; collapsed compounds hide their children. */
export async function layoutMachine(machine: AnyStateMachine, options: LayoutOptions = {}): Promise<Layout> {
  const collapsed = new Set(options.collapsed ?? []);
  const showLabels = options.edgeLabels ?? true;
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
        'elk.nodeSize.minimum': `(${textWidth(label, 13) + 60},60)`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      };
    } else if (isInnerFinal(s)) {
      e.width = FINAL_SIZE;
      e.height = FINAL_SIZE;
    } else if (transient) {
      e.width = Math.max(40, textWidth(label, 11) + 18);
      e.height = 24;
    } else {
      e.width = Math.max(70, textWidth(label, isCollapsed ? 13 : 12) + (isCollapsed ? 44 : 26));
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
    const e: ElkNode = { id, width: Math.max(60, textWidth(label, 12) + 26), height: LEAF_H - 6 };
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
        // Both ends inside one collapsed state: nothing to draw (real self-loops stay).
        if (from === to && (from !== pathOf(s) || to !== pathOf(t))) continue;
        const guard = guardLabel(def.guard);
        const internal = [label, guard ? `[${guard}]` : ''].filter(Boolean).join(' ');
        const text = humanEdgeLabel(def.eventType, guard);
        const key = `${from}->${to}|${internal}`;
        const existing = merged.get(key);
        if (existing) {
          existing.members.push(id);
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
  const elkEdges: ElkExtendedEdge[] = edges.map((e) => ({
    id: e.id,
    sources: [e.source],
    targets: [e.target],
    ...(showLabels && e.label ? { labels: [{ id: `${e.id}l`, text: e.label, width: textWidth(e.label, EDGE_FONT) + 8, height: EDGE_FONT + 5 }] } : {}),
  }));

  const graph: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': options.direction ?? 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '34',
      'elk.layered.spacing.edgeNodeBetweenLayers': '14',
      'elk.spacing.nodeNode': '22',
      'elk.spacing.edgeNode': '12',
      'elk.spacing.edgeEdge': '8',
      'elk.spacing.edgeLabel': '2',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.thoroughness': '1',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      'org.eclipse.elk.json.shapeCoords': 'ROOT',
      'org.eclipse.elk.json.edgeCoords': 'ROOT',
    },
    children: roots,
    edges: elkEdges,
  };
  const out = await (await elk()).layout(graph);

  const place = (e: ElkNode) => {
    const n = meta.find((m) => m.id === e.id);
    if (n) {
      n.x = e.x ?? 0;
      n.y = e.y ?? 0;
      n.width = e.width ?? 0;
      n.height = e.height ?? 0;
    }
    for (const c of e.children ?? []) place(c);
  };
  for (const c of out.children ?? []) place(c);
  const byId = new Map(edges.map((e) => [e.id, e]));
  for (const le of (out.edges ?? []) as ElkExtendedEdge[]) {
    const e = byId.get(le.id);
    if (!e) continue;
    const pts: Point[] = [];
    for (const sec of le.sections ?? []) {
      pts.push(sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint);
    }
    e.points = pts.map((p) => ({ x: round(p.x), y: round(p.y) }));
    const l = le.labels?.[0];
    if (l && l.x !== undefined) e.labelBox = { x: round(l.x), y: round(l.y ?? 0), width: l.width ?? 0, height: l.height ?? 0 };
  }
  const nodes = meta.filter((n) => visible.has(n.id));
  for (const n of nodes) {
    n.x = round(n.x);
    n.y = round(n.y);
    n.width = round(n.width);
    n.height = round(n.height);
  }
  return { machine: machine.id, width: round(out.width ?? 0), height: round(out.height ?? 0), nodes, edges };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** True when an ancestor of `path` is collapsed. */
function hiddenBy(path: string, collapsed: ReadonlySet<string>): boolean {
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) if (collapsed.has(parts.slice(0, i).join('.'))) return true;
  return false;
}

/** The compound states of a machine (the ones that can be collapsed), by path. */
export function compoundStates(machine: AnyStateMachine): string[] {
  return allNodes(machine)
    .filter((s) => Object.keys(s.states).length > 0)
    .map(pathOf);
}

/** A state path and its ancestors: 'a.b.c' -> ['a', 'a.b', 'a.b.c']. */
export function ancestry(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** The snapshot of a machine at a dotted state path, with a given context. */
export function snapshotAt(machine: AnyStateMachine, path: string, context: unknown): AnyMachineSnapshot {
  const keys = path.split('.');
  let value: unknown = keys[keys.length - 1];
  for (let i = keys.length - 2; i >= 0; i--) value = { [keys[i]!]: value };
  return machine.resolveState({ value: value as never, context: context as never }) as AnyMachineSnapshot;
}

/**
 * The transitions that can be taken at a state now: with a context, guards are evaluated
 * (XState picks exactly what an event would take); without, every transition of the state
 * and its ancestors counts.
 */
export function availableTransitions(machine: AnyStateMachine, path: string, context?: unknown): string[] {
  const chain: AnyStateNode[] = [];
  for (const p of ancestry(path)) {
    const n = findNode(machine, p);
    if (n) chain.push(n);
  }
  if (context === undefined) return chain.flatMap((n) => transitionsOf(n).filter((t) => t.def.eventType !== '').map((t) => t.id));
  const snapshot = snapshotAt(machine, path, context);
  if (snapshot.status === 'done') return [];
  const types = new Set(chain.flatMap((n) => [...(n.transitions as Map<string, TransitionDef[]>).keys()]));
  const out: string[] = [];
  for (const type of types) {
    if (type.startsWith('xstate.done.state.')) continue;
    let defs: TransitionDef[] = [];
    try {
      defs = machine.getTransitionData(snapshot, { type } as never) as unknown as TransitionDef[];
    } catch {
      defs = [];
    }
    for (const d of defs) {
      const id = transitionId(d);
      if (id) out.push(id);
    }
  }
  return out;
}

/** The transitions an event took from a state (for the trail). */
export function takenTransitions(machine: AnyStateMachine, fromPath: string, event: { type: string; code?: string }, context: unknown): string[] {
  try {
    const snapshot = snapshotAt(machine, fromPath, context);
    return (machine.getTransitionData(snapshot, event as never) as unknown as TransitionDef[]).map(transitionId).filter((x): x is string => x !== null);
  } catch {
    return [];
  }
}

export function findNode(machine: AnyStateMachine, path: string): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = machine.root as unknown as AnyStateNode;
  for (const key of path.split('.')) {
    node = node?.states[key] as AnyStateNode | undefined;
    if (!node) return undefined;
  }
  return node;
}

// ---------------------------------------------------------------------------------------
// SVG

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const SVG_STYLE = `
.sc-bg{fill:#fbfcfe}
.sc-node rect,.sc-node circle{fill:#fff;stroke:#8a97a8;stroke-width:1.2}
.sc-node text{font:12px "Segoe UI",system-ui,sans-serif;fill:#1f2a37}
.sc-compound>rect{fill:#f3f6fa;stroke:#b7c2d0}
.sc-compound>text.sc-title{font-weight:600;font-size:13px;fill:#3b4a5c}
.sc-compound.sc-depth1>rect{fill:#eef2f7}
.sc-compound.sc-depth2>rect{fill:#e8edf4}
.sc-compound.sc-depth3>rect{fill:#e2e8f0}
.sc-collapsed>rect{fill:#eef2f7;stroke:#7d8ca0;stroke-dasharray:5 3}
.sc-transient>rect{stroke-dasharray:3 3;fill:#fafbfc}
.sc-exit>rect{fill:#f6f7f9;stroke:#8a97a8;stroke-dasharray:2 3}
.sc-exit text{font-style:italic;fill:#3b4a5c}
.sc-transient text{font-size:11px;font-style:italic;fill:#5b6b7f}
.sc-final>circle.sc-inner{fill:#8a97a8;stroke:none}
.sc-end>rect{stroke-width:2}
.sc-end-succeeded>rect{fill:#e7f6ec;stroke:#2f8a4c}
.sc-end-failed>rect{fill:#fdecec;stroke:#c0392b}
.sc-end-standardOobe>rect{fill:#f1f1f1;stroke:#7a7a7a}
.sc-visited>rect,.sc-visited>circle{stroke:#2b6cb0;stroke-width:1.8}
.sc-leaf.sc-visited>rect{fill:#e8f1fb}
.sc-ancestor>rect{stroke:#d97706;stroke-width:2.2}
.sc-active>rect{fill:#fff4d6;stroke:#d97706;stroke-width:3.5}
.sc-active>text{font-weight:700}
.sc-active.sc-final>circle{stroke:#d97706;stroke-width:3}
.sc-failed>rect{fill:#fde2e0;stroke:#c0392b;stroke-width:3.5}
.sc-initial-dot{fill:#3b4a5c}
.sc-edge path{fill:none;stroke:#a3adba;stroke-width:1.1}
.sc-edge text{font:12px "Segoe UI",system-ui,sans-serif;fill:#6b7785}
.sc-edge rect{fill:#fbfcfe;opacity:.85}
.sc-edge-always path,.sc-edge-done path{stroke-dasharray:4 3}
.sc-edge-after path{stroke:#b58b2a;stroke-dasharray:6 3}
.sc-taken path{stroke:#2b6cb0;stroke-width:2}
.sc-taken text{fill:#2b6cb0}
.sc-available path{stroke:#0f9d58;stroke-width:2.6;stroke-dasharray:none}
.sc-available text{fill:#0b6b3c;font-weight:700}
.sc-available rect{fill:#e3f6ea;opacity:1}
.sc-arrow{fill:#a3adba}
.sc-arrow-taken{fill:#2b6cb0}
.sc-arrow-available{fill:#0f9d58}
.sc-arrow-after{fill:#b58b2a}
`;

export interface Highlights {
  /** The highlight classes of each drawn state (sc-visited, sc-active, sc-failed, sc-ancestor). */
  nodes: Map<string, string[]>;
  /** The highlight classes and arrow marker of each edge. */
  edges: Map<string, { classes: string[]; marker: string }>;
}

/** Which states and transitions a run's position highlights: one place for the rule, used by renderSvg and by the studio's step-by-step update. */
export function highlights(layout: Layout, options: RenderOptions = {}): Highlights {
  const active = options.active ?? null;
  const activeChain = new Set(active ? ancestry(active) : []);
  const visited = new Set<string>();
  for (const v of options.visited ?? []) for (const a of ancestry(v)) visited.add(a);
  const available = new Set(options.available ?? []);
  const taken = new Set(options.taken ?? []);
  const failed = options.failed ?? null;
  const shownIds = new Set(layout.nodes.map((n) => n.id));
  /** The drawn node that stands for a path (itself or a collapsed ancestor). */
  const drawnAs = (p: string) => {
    const chain = ancestry(p);
    for (const a of chain) if (shownIds.has(a) && layout.nodes.find((n) => n.id === a)?.collapsed) return a;
    return p;
  };
  const activeDrawn = active ? drawnAs(active) : null;
  const nodes = new Map<string, string[]>();
  for (const n of layout.nodes) {
    const cls: string[] = [];
    if (visited.has(n.id)) cls.push('sc-visited');
    if (n.id === activeDrawn) cls.push(failed && drawnAs(failed) === n.id ? 'sc-failed' : 'sc-active');
    else if (activeChain.has(n.id)) cls.push('sc-ancestor');
    nodes.set(n.id, cls);
  }
  const edges = new Map<string, { classes: string[]; marker: string }>();
  for (const e of layout.edges) {
    const isAvailable = e.members.some((m) => available.has(m));
    const isTaken = e.members.some((m) => taken.has(m));
    const classes: string[] = [];
    if (isTaken) classes.push('sc-taken');
    if (isAvailable) classes.push('sc-available');
    edges.set(e.id, { classes, marker: isAvailable ? 'sc-arrow-available' : isTaken ? 'sc-arrow-taken' : e.kind === 'after' ? 'sc-arrow-after' : 'sc-arrow' });
  }
  return { nodes, edges };
}

/** Draw a layout as an SVG document (a string: no DOM needed). */
export function renderSvg(layout: Layout, options: RenderOptions = {}): string {
  const lit = highlights(layout, options);

  const scale = options.scale ?? 1;
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  let box = `0 0 ${w} ${h}`;
  let size = `width="${Math.round(w * scale)}" height="${Math.round(h * scale)}"`;
  if (options.frame) {
    // Pad the view box to the frame's proportions, the drawing centred.
    const aspect = options.frame.width / options.frame.height;
    const vw = Math.max(w, h * aspect);
    const vh = vw / aspect;
    box = `${round(-(vw - w) / 2)} ${round(-(vh - h) / 2)} ${round(vw)} ${round(vh)}`;
    size = `width="${options.frame.width}" height="${options.frame.height}"`;
  }
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box}" ${size} class="statechart" data-machine="${esc(layout.machine)}">`);
  if (options.title) parts.push(`<title>${esc(options.title)}</title>`);
  if (options.embedStyle ?? true) parts.push(`<style>${SVG_STYLE}</style>`);
  parts.push(
    '<defs>',
    ...['', '-taken', '-available', '-after'].map(
      (s) => `<marker id="sc-arrow${s}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="sc-arrow${s}"/></marker>`,
    ),
    '</defs>',
  );
  parts.push(`<rect class="sc-bg" x="${box.split(' ')[0]}" y="${box.split(' ')[1]}" width="${box.split(' ')[2]}" height="${box.split(' ')[3]}"/>`);

  // Nodes, outermost first so children draw on top.
  const ordered = [...layout.nodes].sort((a, b) => a.depth - b.depth);
  for (const n of ordered) {
    const cls = ['sc-node'];
    // The machine's own ends (succeeded, failed): top-level finals, not the inner ones of a state drawn alone.
    const isEnd = n.final && n.parent === null && !n.id.includes('.');
    if (n.compound) cls.push('sc-compound', `sc-depth${Math.min(n.depth, 3)}`);
    else if (n.collapsed) cls.push('sc-collapsed');
    else if (n.final && !isEnd) cls.push('sc-final');
    else if (n.transient) cls.push('sc-transient', 'sc-leaf');
    else cls.push('sc-leaf');
    if (isEnd && !n.id.startsWith(EXIT)) cls.push('sc-end', `sc-end-${n.key}`);
    if (n.id.startsWith(EXIT)) cls.push('sc-exit');
    cls.push(...lit.nodes.get(n.id)!);
    const tip = `${[n.label, n.description].filter(Boolean).join(' — ')} (${n.id})`;
    parts.push(
      `<g class="${cls.join(' ')}" data-state="${esc(n.id)}"${n.compound || n.collapsed ? ' data-compound="1"' : ''} transform="translate(${n.x},${n.y})"><title>${esc(tip)}</title>`,
    );
    if (n.final && !isEnd) {
      const r = n.width / 2;
      parts.push(`<circle cx="${r}" cy="${r}" r="${r}"/><circle class="sc-inner" cx="${r}" cy="${r}" r="${r - 4}"/>`);
    } else if (n.compound) {
      parts.push(`<rect width="${n.width}" height="${n.height}" rx="10"/>`);
      parts.push(`<text class="sc-title" x="12" y="20">${esc(n.label)}</text>`);
      parts.push(`<text class="sc-toggle" x="${n.width - 18}" y="20" data-toggle="${esc(n.id)}">▾</text>`);
    } else {
      const rx = n.transient ? 12 : 7;
      parts.push(`<rect width="${n.width}" height="${n.height}" rx="${rx}"/>`);
      const tx = n.collapsed ? 12 : n.width / 2;
      const anchor = n.collapsed ? 'start' : 'middle';
      parts.push(`<text x="${tx}" y="${n.height / 2 + 4}" text-anchor="${anchor}"${n.collapsed ? ' class="sc-title"' : ''}>${esc(n.label)}</text>`);
      if (n.collapsed) parts.push(`<text class="sc-toggle" x="${n.width - 18}" y="${n.height / 2 + 4}" data-toggle="${esc(n.id)}">▸</text>`);
    }
    parts.push('</g>');
    if (n.initial && n.parent !== null && !(n.final && !isEnd)) {
      parts.push(`<circle class="sc-initial-dot" cx="${n.x - 7}" cy="${n.y + 7}" r="4"/>`);
    }
  }

  // Edges over the nodes, so labels stay readable.
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const { classes, marker } = lit.edges.get(e.id)!;
    const cls = ['sc-edge', `sc-edge-${e.kind}`, ...classes];
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
    parts.push(`<g class="${cls.join(' ')}" data-edge="${esc(e.id)}" data-event="${esc(e.event)}"><title>${esc(`${e.source} → ${e.target}${e.internal ? `: ${e.internal}` : ''}`)}</title>`);
    parts.push(`<path d="${d}" marker-end="url(#${marker})"/>`);
    if (e.labelBox && e.label) {
      const b = e.labelBox;
      parts.push(`<rect x="${b.x - 1}" y="${b.y}" width="${b.width + 2}" height="${b.height}" rx="3"/>`);
      parts.push(`<text x="${b.x + 4}" y="${b.y + b.height - 4.5}">${esc(e.label)}</text>`);
    }
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}

/** How large a layout is drawn in a frame: 1 is the layout's own size (12 px edge labels, 12-13 px state names). */
export function frameScale(layout: Pick<Layout, 'width' | 'height'>, frame: { width: number; height: number }): number {
  return Math.min(frame.width / Math.max(1, layout.width), frame.height / Math.max(1, layout.height));
}

/**
 * A layout for a slide of a given size: both directions tried, and deeper levels collapsed
 * one at a time, until the drawing is shown at `minScale` of its size or more (so its type
 * stays readable); otherwise the largest that was found.
 */
export async function layoutForFrame(machine: AnyStateMachine, frame: { width: number; height: number }, options: Pick<LayoutOptions, 'root'> & { minScale?: number } = {}): Promise<Layout> {
  const minScale = options.minScale ?? 0.75;
  const base = options.root ? options.root.split('.').length : 0;
  const compounds = compoundStates(machine).filter((p) => !options.root || p.startsWith(options.root + '.'));
  const deepest = Math.max(0, ...compounds.map((p) => p.split('.').length - base));
  let best: Layout | null = null;
  let bestScale = 0;
  // depth d: compounds d or more levels below the root are drawn closed (deepest + 1: none).
  for (let d = deepest + 1; d >= 1; d--) {
    const collapsed = compounds.filter((p) => p.split('.').length - base === d);
    for (const direction of ['DOWN', 'RIGHT'] as const) {
      const layout = await layoutMachine(machine, { direction, collapsed, ...(options.root ? { root: options.root } : {}) });
      const k = frameScale(layout, frame);
      if (k > bestScale + 1e-9) {
        best = layout;
        bestScale = k;
      }
    }
    if (bestScale >= minScale) break;
  }
  return best!;
}
