// The statechart panel: ELK layout (in a worker), drawn by layout.ts's renderSvg, with the
// active state, the visited trail and the transitions available now; compound states
// collapse on click; wheel/drag or the buttons zoom and pan; "follow" keeps the active state in view.
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JoinType, ScenarioId } from '../../../machines/setup.ts';
import { machines } from '../../../machines/index.ts';
import { layoutMachine, type Layout } from '../layout.ts';
import { highlights, renderSvg } from '../svg.ts';
import { ancestry, compoundStates } from '../../engine/structure.ts';
import { useLatest } from './hooks.ts';
import { stateTitle } from './insight.ts';
import { browserMeasure, type Measure } from './measure.ts';
import { contains, focusOf, followView, obstaclesOf, type Box } from './view.ts';

type Request = { id: number; scenario: ScenarioId; collapsed: string[]; join?: JoinType };
type Reply = { id: number; layout?: Layout; error?: string };

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, { request: Request; resolve: (l: Layout) => void; reject: (e: Error) => void }>();
const cache = new Map<string, Promise<Layout>>();
/** The layouts already made, by the same key: a step into a phase laid out before draws it open in the same frame. */
const made = new Map<string, Layout>();
const layoutKey = (scenario: ScenarioId, collapsed: readonly string[], join?: JoinType) => `${scenario}|${join ?? ''}|${[...collapsed].sort().join(',')}`;

/** A layout already made for these states collapsed (none while it is being made). */
export function madeLayout(scenario: ScenarioId, collapsed: readonly string[], join?: JoinType): Layout | undefined {
  return made.get(layoutKey(scenario, collapsed, join));
}
/** Label widths for layouts made on the main thread (no worker). */
let mainMeasure: Measure | undefined;

/** A layout made on the main thread: where there is no worker, or it could not start. */
function layoutHere(scenario: ScenarioId, collapsed: string[], join?: JoinType): Promise<Layout> {
  const measure = (mainMeasure ??= browserMeasure());
  return layoutMachine(machines[scenario], { collapsed, ...(join ? { join } : {}), ...(measure ? { measure } : {}) });
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e: MessageEvent<Reply>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.layout) p.resolve(e.data.layout);
      else p.reject(new Error(e.data.error ?? 'layout failed'));
    });
    // The worker's script did not load or run (a folder rebuilt under the page, a browser that refuses it): no reply
    // will come, and the chart said "Laying out the statechart…" for ever. Its requests are laid out here instead.
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      worker?.terminate();
      worker = null;
      for (const [id, p] of pending) {
        pending.delete(id);
        layoutHere(p.request.scenario, p.request.collapsed, p.request.join).then(p.resolve, p.reject);
      }
    });
  } catch {
    worker = null;
  }
  return worker;
}

/** A layout for a machine with some states collapsed, for a run with this join (cached; computed off the main thread). */
export function requestLayout(scenario: ScenarioId, collapsed: string[], join?: JoinType): Promise<Layout> {
  const sorted = [...collapsed].sort();
  const key = layoutKey(scenario, sorted, join);
  let p = cache.get(key);
  if (!p) {
    const w = getWorker();
    if (w) {
      p = new Promise<Layout>((resolve, reject) => {
        const request: Request = { id: nextId++, scenario, collapsed: sorted, ...(join ? { join } : {}) };
        pending.set(request.id, { request, resolve, reject });
        w.postMessage(request);
      });
    } else p = layoutHere(scenario, sorted, join);
    cache.set(key, p);
    p.then((l) => made.set(key, l), () => cache.delete(key));
  }
  return p;
}

export interface ChartProps {
  scenario: ScenarioId;
  /** The run's join: a collapsed state does not list the ways out only the other join takes. */
  join?: JoinType;
  active: string | null;
  visited: string[];
  available: string[];
  taken: string[];
  failed: string | null;
  compact?: boolean;
  testId?: string;
  /** Compound states to start collapsed. */
  initialCollapsed?: string[];
  /** Presenter mode: the chart follows closer, so labels read from the back of the room. */
  presenter?: boolean;
  /** Transition ids the class can choose now (a subset of `available`): their edges are clickable. */
  clickable?: string[];
  /** A clickable edge was chosen: its event type. */
  onChoose?: (event: string) => void;
}

/** The phase the active state is in: its ancestor one level below the top (or the top one). */
/** The system's "reduce motion" setting (an accessibility preference; also what the browser tests ask for). */
const reducedMotion = (): boolean => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** A small chart's room above and below its active state, a share of its height (followView's `room`). */
const COMPACT_ROOM = 0.25;

export function phaseOf(active: string | null, compounds: readonly string[]): string | null {
  if (!active) return null;
  const chain = ancestry(active).filter((p) => compounds.includes(p));
  return chain[Math.min(1, chain.length - 1)] ?? null;
}

/** Focus on a phase: every compound state outside it and its ancestors drawn closed (the outermost ones only). */
export function focusCollapsed(phase: string | null, compounds: readonly string[]): string[] {
  const keep = new Set(phase ? ancestry(phase) : []);
  const closed = compounds.filter((p) => !keep.has(p) && !(phase && p.startsWith(phase + '.')));
  return closed.filter((p) => !closed.some((q) => p.startsWith(q + '.'))).sort();
}

/** The overview: the whole machine, small, with the active state marked. */
function Minimap({ scenario, active }: { scenario: ScenarioId; active: string | null }): VNode | null {
  const [full, setFull] = useState<Layout | null>(null);
  useEffect(() => {
    let live = true;
    requestLayout(scenario, []).then((l) => live && setFull(l), () => undefined);
    return () => {
      live = false;
    };
  }, [scenario]);
  if (!full || full.machine !== scenario) return null;
  const chain = active ? ancestry(active) : [];
  let mark = null as Layout['nodes'][number] | null;
  for (const p of chain) mark = full.nodes.find((n) => n.id === p) ?? mark;
  const tops = full.nodes.filter((n) => n.depth <= 1 && (n.compound || n.parent === null));
  const pad = 20;
  return html`<svg class="minimap" data-testid="chart-minimap" viewBox=${`${-pad} ${-pad} ${full.width + 2 * pad} ${full.height + 2 * pad}`} preserveAspectRatio="xMidYMid meet" aria-label="Where the device is in the whole flow">
    <rect class="mm-bg" x=${-pad} y=${-pad} width=${full.width + 2 * pad} height=${full.height + 2 * pad} />
    ${tops.map((n) => html`<rect class=${`mm-node ${n.compound ? 'mm-compound' : ''} ${chain.includes(n.id) ? 'mm-on' : ''}`} x=${n.x} y=${n.y} width=${n.width} height=${n.height} rx="12" />`)}
    ${mark ? html`<rect class="mm-active" data-testid="minimap-active" data-state=${mark.id} x=${mark.x - 10} y=${mark.y - 10} width=${mark.width + 20} height=${mark.height + 20} rx="10" />` : null}
  </svg>`;
}

export function Chart(props: ChartProps): VNode {
  const [collapsed, setCollapsed] = useState<string[]>(props.initialCollapsed ?? []);
  const [laidOut, setLayout] = useState<Layout | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [follow, setFollow] = useState(true);
  /** Focus: the active phase drawn open, the rest closed; follows the run from phase to phase. */
  const [focus, setFocus] = useState(!props.compact);
  const compounds = useMemo(() => compoundStates(machines[props.scenario] as never), [props.scenario]);
  const phase = phaseOf(props.active, compounds);
  const shownCollapsed = focus ? focusCollapsed(phase, compounds) : collapsed;
  /**
   * The drawing for the states closed now: one made before is drawn in the same frame as the step. Waiting for it
   * (an effect, then a promise) painted the step first on the drawing before, where the phase the device had just
   * entered was still closed and lit as the active state, for a frame or, laid out for the first time, 0.6 s.
   */
  const layout = madeLayout(props.scenario, shownCollapsed, props.join) ?? laidOut;
  const canvas = useRef<HTMLDivElement>(null);
  const view = useRef<Box | null>(null);
  const anim = useRef<number | null>(null);
  /** Where a running animation is heading (the view that counts for "is it in view?"). */
  const heading = useRef<Box | null>(null);
  const drag = useRef<{ x: number; y: number; box: Box; moved: boolean } | null>(null);
  /** The state the trainer just collapsed or expanded: the next layout centres on it. */
  const toggled = useRef<string | null>(null);

  useEffect(() => {
    setCollapsed(props.initialCollapsed ?? []);
  }, [props.scenario]);

  // Once the chart's own drawing is here, the drawings focus gives every other phase are made ahead (one at a time, in
  // the worker): stepping into a phase then opens it in the same frame (madeLayout) instead of 0.6 s later.
  const [phasesReady, setPhasesReady] = useState(false);
  const hasLayout = laidOut !== null;
  useEffect(() => {
    setPhasesReady(false);
    if (!focus || !hasLayout) return;
    let live = true;
    const phases = [...new Set([null, ...compounds.map((c) => phaseOf(c, compounds))])];
    Promise.allSettled(phases.map((p) => requestLayout(props.scenario, focusCollapsed(p, compounds), props.join))).then(() => live && setPhasesReady(true));
    return () => {
      live = false;
    };
  }, [props.scenario, props.join, focus, hasLayout]);

  useEffect(() => {
    let live = true;
    setError(null);
    requestLayout(props.scenario, shownCollapsed, props.join).then(
      (l) => live && setLayout(l),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [props.scenario, props.join, shownCollapsed.join(',')]);

  // The drawing changes only with the layout; a step only changes which states and edges are lit (below). Its labels
  // are drawn after every line, on an opaque ground, as a slide's are: ELK stacks the labels of a state's ways out
  // beside it, across the lines next to theirs, and drawn with their own lines those later lines struck through them.
  const svg = useMemo(() => (layout && layout.machine === props.scenario ? renderSvg(layout, { embedStyle: true, labelsOnTop: true }) : ''), [layout]);

  // The view is a box in layout units; it is shown with a CSS transform on the drawing, drawn
  // once at its natural size. Changing an SVG's viewBox lays out (and, on zoom, reshapes the text
  // of) every element in it, 4–17 ms per change here; a transform costs no layout at all.
  const applyView = () => {
    const el = canvas.current?.querySelector('svg');
    const b = view.current;
    if (!el || !b) return;
    const { w, h } = size();
    const k = Math.min(w / b.w, h / b.h);
    const tx = -b.x * k + (w - b.w * k) / 2;
    const ty = -b.y * k + (h - b.h * k) / 2;
    el.style.transform = `translate(${tx.toFixed(2)}px, ${ty.toFixed(2)}px) scale(${k.toFixed(5)})`;
  };

  /**
   * The canvas changed size (the window, or the panels beside it: the faults listed under the
   * chart change from step to step): following the run, the view is placed again for the new
   * size, as a view kept for the old one would be shown smaller (it is fitted, whole, in the new).
   */
  const resized = useLatest(() => (follow && layout && view.current && !placedByHand.current ? focusActive() : applyView()));
  /**
   * The trainer zoomed or is dragging: the canvas changing size (a panel beside it, the window) keeps their view, where
   * following placed it again at its own zoom (on a busy machine a late resize undid a zoom just made); a step that
   * takes the active state out of view follows again.
   */
  const placedByHand = useRef(false);

  /** The canvas's size, measured when the drawing or the window changes, not on every frame. */
  const canvasSize = useRef<{ w: number; h: number } | null>(null);
  useEffect(() => {
    const el = canvas.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      canvasSize.current = null;
      resized.current();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const size = () => {
    if (!canvasSize.current) {
      const r = canvas.current?.getBoundingClientRect();
      canvasSize.current = { w: Math.max(100, r?.width ?? 600), h: Math.max(100, r?.height ?? 400) };
    }
    return canvasSize.current;
  };

  /** Mark the canvas as moving for the length of a pan or an animation (see styles.css). */
  const moving = useRef<number | null>(null);
  const markMoving = () => {
    canvas.current?.classList.add('moving');
    if (moving.current) clearTimeout(moving.current);
    moving.current = window.setTimeout(() => {
      moving.current = null;
      if (!anim.current && !drag.current) canvas.current?.classList.remove('moving');
    }, 400);
  };

  const stopAnimation = () => {
    if (anim.current) cancelAnimationFrame(anim.current);
    anim.current = null;
    heading.current = null;
  };

  const animateTo = (target: Box) => {
    stopAnimation();
    // The system asks for less motion (prefers-reduced-motion): the view jumps where it would glide.
    if (reducedMotion()) {
      view.current = target;
      applyView();
      return;
    }
    heading.current = target;
    const from = view.current ?? target;
    markMoving();
    const t0 = performance.now();
    const stepFn = (t: number) => {
      const k = Math.min(1, (t - t0) / 320);
      const e = 1 - Math.pow(1 - k, 3);
      view.current = { x: from.x + (target.x - from.x) * e, y: from.y + (target.y - from.y) * e, w: from.w + (target.w - from.w) * e, h: from.h + (target.h - from.h) * e };
      applyView();
      anim.current = k < 1 ? requestAnimationFrame(stepFn) : null;
      if (k >= 1) {
        heading.current = null;
        markMoving();
      }
    };
    anim.current = requestAnimationFrame(stepFn);
  };

  const fitAll = () => {
    if (!layout) return;
    const { w, h } = size();
    const scale = Math.max(layout.width / w, layout.height / h);
    const bw = w * scale;
    const bh = h * scale;
    animateTo({ x: (layout.width - bw) / 2, y: (layout.height - bh) / 2, w: bw, h: bh });
  };

  /** Fit the phase the device is in (its box on the drawing), not the whole tall chart. */
  const fitPhase = () => {
    if (!layout) return;
    const n = phase ? layout.nodes.find((x) => x.id === phase) : null;
    if (!n) return fitAll();
    const { w, h } = size();
    const m = 16;
    const scale = Math.max((n.width + 2 * m) / w, (n.height + 2 * m) / h);
    const bw = w * scale;
    const bh = h * scale;
    animateTo({ x: n.x + n.width / 2 - bw / 2, y: n.y + n.height / 2 - bh / 2, w: bw, h: bh });
  };

  const nodeBox = (path: string | null) => {
    if (!layout || !path) return null;
    for (const a of ancestry(path).reverse()) {
      const n = layout.nodes.find((x) => x.id === a);
      if (n) return n;
    }
    return null;
  };

  const obstacles = useMemo(() => (layout ? obstaclesOf(layout) : []), [layout]);
  /** What following the run keeps whole: the active state and the labels of its ways out now. */
  const focusNow = () => {
    const n = nodeBox(props.active);
    return n && layout ? focusOf(layout, n.id, props.available) : null;
  };

  const focusActive = (instant = false) => {
    if (!layout) return;
    placedByHand.current = false;
    const focus = focusNow();
    if (!focus) return fitAll();
    // Measured now: the panels beside the canvas may have changed size with this step.
    canvasSize.current = null;
    // About one layout unit per pixel (12 px type at 11.4 px), larger in presenter mode; the
    // panels side by side too (they drew at 1.35, their labels at 8.9 px), zoomed out only as
    // far as the active state and its labels need.
    const unitsPerPx = 1.05 * (props.presenter ? 0.7 : 1);
    const target = followView(layout, focus, obstacles, size(), unitsPerPx, props.compact ? COMPACT_ROOM : 0);
    if (instant || !view.current) {
      stopAnimation();
      view.current = target;
      applyView();
    } else animateTo(target);
  };

  // New drawing: keep the view, or set one (before the highlights below are applied to it).
  useLayoutEffect(() => {
    if (!canvas.current) return;
    canvas.current.innerHTML = svg;
    if (!svg) return;
    if (!view.current) focusActive(true);
    else applyView();
  }, [svg]);

  const shown = useRef<{ root: Element | null; nodes: Map<string, string>; edges: Map<string, string>; stateEls: Map<string, SVGGElement>; edgeEls: Map<string, SVGGElement[]> }>({
    root: null,
    nodes: new Map(),
    edges: new Map(),
    stateEls: new Map(),
    edgeEls: new Map(),
  });
  // A step: move the highlights on the drawing in place (no redraw), before the frame is painted.
  useLayoutEffect(() => {
    const root = canvas.current?.querySelector('svg');
    if (!root || !layout || !svg) return;
    const lit = highlights(layout, { active: props.active, visited: props.visited, available: props.available, taken: props.taken, failed: props.failed });
    // Touch only the elements whose highlight changed: fewer style invalidations per step.
    if (shown.current.root !== root) {
      // A new drawing: index its states and edges once.
      const states = new Map<string, SVGGElement>();
      // An edge is two groups: its line, and its label drawn over every line; both are lit.
      const edges = new Map<string, SVGGElement[]>();
      for (const g of root.querySelectorAll<SVGGElement>('g[data-state]')) states.set(g.dataset.state!, g);
      for (const g of root.querySelectorAll<SVGGElement>('g[data-edge]')) edges.set(g.dataset.edge!, [...(edges.get(g.dataset.edge!) ?? []), g]);
      shown.current = { root, nodes: new Map(), edges: new Map(), stateEls: states, edgeEls: edges };
    }
    const before = shown.current;
    for (const [id, g] of before.stateEls) {
      const cls = lit.nodes.get(id) ?? [];
      const key = cls.join(' ');
      if ((before.nodes.get(id) ?? '') === key) continue;
      g.classList.remove('sc-visited', 'sc-active', 'sc-failed', 'sc-ancestor');
      if (cls.length) g.classList.add(...cls);
      before.nodes.set(id, key);
    }
    const clickable = new Set(props.clickable ?? []);
    for (const [id, groups] of before.edgeEls) {
      const e = lit.edges.get(id);
      if (!e) continue;
      const classes = e.classes.includes('sc-available') && layout.edges.find((x) => x.id === id)?.members.some((m) => clickable.has(m)) ? [...e.classes, 'sc-clickable'] : e.classes;
      const key = `${classes.join(' ')}|${e.marker}`;
      if ((before.edges.get(id) ?? '|sc-arrow') === key) continue;
      for (const g of groups) {
        g.classList.remove('sc-taken', 'sc-available', 'sc-clickable');
        if (classes.length) g.classList.add(...classes);
        g.querySelector('path')?.setAttribute('marker-end', `url(#${e.marker})`);
      }
      before.edges.set(id, key);
    }
  }, [svg, props.active, props.visited.join('|'), props.available.join('|'), props.taken.join('|'), props.failed, (props.clickable ?? []).join('|')]);

  // A new layout: centre on the state just collapsed or expanded (same zoom), or on the active state.
  useEffect(() => {
    if (!layout || !canvas.current || !svg) return;
    const id = toggled.current;
    toggled.current = null;
    const n = id ? layout.nodes.find((x) => x.id === id) : undefined;
    if (n && view.current) {
      stopAnimation();
      const b = view.current;
      view.current = { ...b, x: n.x + Math.min(n.width, b.w * 0.8) / 2 - b.w / 2, y: n.y + Math.min(n.height, b.h * 0.8) / 2 - b.h / 2 };
      if (n.height > b.h * 0.8) view.current.y = n.y - b.h * 0.05;
      applyView();
      return;
    }
    stopAnimation();
    view.current = null;
    focusActive(true);
  }, [layout]);

  /** The active state the view last followed to: a zoom by hand holds until the run moves on from it. */
  const followed = useRef<string | null>(null);
  useEffect(() => {
    // The ways out of the same state arriving late (a busy machine) do not undo a zoom the trainer just made.
    const moved = followed.current !== props.active;
    followed.current = props.active;
    if (follow && layout && (moved || !placedByHand.current)) {
      const focus = focusNow();
      const b = heading.current ?? view.current;
      // Only move when the active state or a label of its ways out is not whole in view (a small chart: or is near its
      // top or bottom edge, where side by side's charts at 1024x768 kept it, the trail and the way on out of view).
      const own = focus?.own[0];
      const edge = props.compact && b && own ? Math.min(COMPACT_ROOM * b.h, (b.h - own.h) / 2) * 0.5 : 0;
      if (focus && b && !focus.own.every((x) => contains(b, x, 4) && x.y >= b.y + edge && x.y + x.h <= b.y + b.h - edge)) focusActive();
    }
  }, [props.active, props.available.join('|'), follow, layout]);

  useEffect(() => {
    if (layout && view.current) focusActive();
  }, [props.presenter]);

  const zoom = (factor: number, px?: number, py?: number) => {
    stopAnimation();
    placedByHand.current = true;
    const b = view.current;
    if (!b) return;
    const { w, h } = size();
    const fx = px === undefined ? 0.5 : px / w;
    const fy = py === undefined ? 0.5 : py / h;
    const nw = Math.min(Math.max(b.w * factor, 120), (layout?.width ?? 2000) * 4);
    const nh = (nw * b.h) / b.w;
    view.current = { x: b.x + (b.w - nw) * fx, y: b.y + (b.h - nh) * fy, w: nw, h: nh };
    applyView();
  };

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const r = canvas.current!.getBoundingClientRect();
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
  };
  const wheel = useLatest(onWheel);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const listener = (e: WheelEvent) => wheel.current(e);
    el.addEventListener('wheel', listener, { passive: false });
    return () => el.removeEventListener('wheel', listener);
  }, []);

  const onPointerDown = (e: PointerEvent) => {
    if (!view.current || e.button !== 0) return;
    stopAnimation();
    drag.current = { x: e.clientX, y: e.clientY, box: { ...view.current }, moved: false };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      placedByHand.current = true;
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    }
    markMoving();
    const { w } = size();
    const k = d.box.w / w;
    view.current = { ...d.box, x: d.box.x - dx * k, y: d.box.y - dy * k };
    applyView();
  };
  /** A transition's line and its label are two groups (the labels are drawn over every line): the pointer on either lights both. */
  const onPointerOver = (e: PointerEvent) => {
    const g = (e.target as Element).closest('g[data-edge]');
    const lit = canvas.current?.querySelectorAll('g.sc-hover') ?? [];
    const id = g?.getAttribute('data-edge');
    for (const h of lit) if (h.getAttribute('data-edge') !== id) h.classList.remove('sc-hover');
    if (id) for (const h of canvas.current!.querySelectorAll(`g[data-edge="${CSS.escape(id)}"]`)) h.classList.add('sc-hover');
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved) {
      setFollow(false);
      return;
    }
    const target = e.target as Element;
    // A click on a transition the class can take now: take it.
    const edge = target.closest('g[data-edge].sc-clickable');
    if (edge && props.onChoose) {
      props.onChoose(edge.getAttribute('data-event') ?? '');
      return;
    }
    // A click: toggle the compound state under the pointer (its title or arrow).
    const g = target.closest('[data-compound]');
    if (!g) return;
    const id = g.getAttribute('data-state')!;
    const onHeader = target.closest('.sc-title, .sc-toggle') !== null || g.classList.contains('sc-collapsed');
    if (!onHeader) return;
    toggled.current = id;
    setFollow(false);
    const from = shownCollapsed;
    setFocus(false);
    setCollapsed(from.includes(id) ? from.filter((x) => x !== id) : [...from.filter((x) => !x.startsWith(id + '.')), id]);
  };

  return html`<div class=${`chart ${props.compact ? 'compact' : ''}`} data-testid=${props.testId ?? 'chart'} data-ready=${layout && svg ? '1' : '0'} data-phases-ready=${phasesReady ? '1' : '0'}>
    <div class="chart-tools">
      <button type="button" title="Zoom in" aria-label="Zoom in" data-testid="chart-zoom-in" onClick=${() => zoom(1 / 1.3)}>+</button>
      <button type="button" title="Zoom out" aria-label="Zoom out" data-testid="chart-zoom-out" onClick=${() => zoom(1.3)}>−</button>
      <button type="button" title="Fit the phase the device is in" data-testid="chart-fit" onClick=${() => { setFollow(false); fitPhase(); }}>Fit</button>
      <button type="button" title="Keep the active state in view" class=${follow ? 'on' : ''} aria-pressed=${follow} data-testid="chart-follow"
        onClick=${() => { setFollow(!follow); if (!follow) focusActive(); }}>Follow</button>
      ${props.compact
        ? null
        : html`<button type="button" title="The active phase open, the others closed, following the run" class=${focus ? 'on' : ''} aria-pressed=${focus} data-testid="chart-focus"
              onClick=${() => { if (focus) setCollapsed(shownCollapsed); setFocus(!focus); setFollow(true); }}>Focus phase</button>
            <button type="button" title="Expand every state" data-testid="chart-expand-all" onClick=${() => { setFocus(false); setCollapsed([]); }}>Expand all</button>
            <button type="button" title="Fit the whole chart" data-testid="chart-fit-all" onClick=${() => { setFollow(false); fitAll(); }}>Whole chart</button>`}
      ${props.compact
        ? null
        : html`<span class="legend"><i class="lg-active"></i>active <i class="lg-visited"></i>visited <i class="lg-available"></i>can happen now (click) <i class="lg-taken"></i>taken</span>`}
    </div>
    <div class="chart-body">
      <div class="chart-canvas" role="img" aria-label=${`Statechart${props.active ? `: the device is at ${stateTitle(props.active)}` : ''}`} ref=${canvas} onPointerDown=${onPointerDown} onPointerMove=${onPointerMove} onPointerUp=${onPointerUp} onPointerOver=${onPointerOver} onPointerLeave=${onPointerOver}></div>
      ${/* Asked for once the chart's own layout is here: the worker lays out one graph at a time, and the whole
          machine's (the largest) asked for first held the chart back (existing devices at 1280x720: drawn after 3.5 s,
          now 1.5 s; under a full test run's load it passed the tests' 30 s wait). */
      props.compact || !layout ? null : html`<${Minimap} scenario=${props.scenario} active=${props.active} />`}
    </div>
    ${!layout && !error ? html`<div class="chart-loading">Laying out the statechart…</div>` : null}
    ${error ? html`<div class="chart-loading error">Layout failed: ${error}</div>` : null}
  </div>`;
}
