// Where the statechart looks when it follows the run: the active state and the labels of the
// transitions it can take now, whole, at a size a class can read; placed so that as few of the
// other states and labels as possible are cut by the canvas's edges. Pure (no DOM): chart.ts
// measures the canvas and applies the box.
import { textWidth, type Layout } from '../layout.ts';

/** A rectangle in layout units (the view, a state, a label). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Room kept around what must be whole, in layout units. */
const PAD = 10;

const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
};

/** Whether `inner` lies inside `outer`, with `margin` to spare. */
export function contains(outer: Box, inner: Box, margin = 0): boolean {
  return inner.x >= outer.x + margin && inner.y >= outer.y + margin && inner.x + inner.w <= outer.x + outer.w - margin && inner.y + inner.h <= outer.y + outer.h - margin;
}

/**
 * What the view must show whole: the drawn node of the active state and the labels of the
 * available transitions that leave it (`own`); and the labels of the available transitions
 * that leave one of its ancestors (`near`: the ESP timing out, drawn at the foot of a phase),
 * shown when they fit too.
 */
export function focusOf(layout: Layout, activeNode: string, available: Iterable<string>): { own: Box[]; near: Box[] } {
  const now = new Set(available);
  const node = layout.nodes.find((n) => n.id === activeNode);
  if (!node) return { own: [], near: [] };
  const own: Box[] = [{ x: node.x, y: node.y, w: node.width, h: node.height }];
  const near: Box[] = [];
  for (const e of layout.edges) {
    if (!e.labelBox || !e.members.some((m) => now.has(m))) continue;
    const b = { x: e.labelBox.x, y: e.labelBox.y, w: e.labelBox.width, h: e.labelBox.height };
    if (e.source === activeNode) own.push(b);
    else if (activeNode.startsWith(e.source + '.')) near.push(b);
  }
  return { own, near };
}

/** The boxes a view should not cut: every label, every state that is not a container, and each container's title. */
export function obstaclesOf(layout: Layout): Box[] {
  const boxes: Box[] = [];
  for (const n of layout.nodes) {
    if (!n.compound) boxes.push({ x: n.x, y: n.y, w: n.width, h: n.height });
    // A phase's title, top left in its box ("Device setup"): cut, it read "ce setup".
    else boxes.push({ x: n.x, y: n.y, w: Math.min(n.width, textWidth(n.label, 13) + 20), h: 28 });
  }
  for (const e of layout.edges) if (e.labelBox) boxes.push({ x: e.labelBox.x, y: e.labelBox.y, w: e.labelBox.width, h: e.labelBox.height });
  return boxes;
}

/**
 * The view (in layout units, the frame's proportions) that shows `focus.own` whole at
 * `unitsPerPx` (zoomed out just enough when it is larger), `focus.near` too when it fits at
 * that size, and, among the positions that do, the one that cuts the fewest `obstacles` at the
 * frame's edges, nearest the centre of what it shows. `room`: the share of the view's height kept clear above and
 * below `focus.own` where it fits (a small chart's, side by side: where the device came from and where it goes).
 */
export function followView(layout: Pick<Layout, 'width' | 'height'>, focus: { own: Box[]; near: Box[] }, obstacles: Box[], frame: { w: number; h: number }, unitsPerPx: number, room = 0): Box {
  if (!focus.own.length) return { x: 0, y: 0, w: frame.w * unitsPerPx, h: frame.h * unitsPerPx };
  const pad = (b: Box): Box => ({ x: b.x - PAD, y: b.y - PAD, w: b.w + 2 * PAD, h: b.h + 2 * PAD });
  let must = pad(focus.own.reduce(union));
  // Never larger than the whole chart (a small machine is shown whole), never smaller than what must be whole.
  let scale = Math.min(unitsPerPx, (Math.max(layout.width, 200) * 1.02) / frame.w);
  scale = Math.max(scale, must.w / frame.w, must.h / frame.h);
  const bw = frame.w * scale;
  const bh = frame.h * scale;
  for (const b of focus.near) {
    const wider = union(must, pad(b));
    if (wider.w <= bw && wider.h <= bh) must = wider;
  }
  // Room above and below what must be whole, as far as the view has it: a small chart kept its active state at its edge.
  const above = Math.max(0, Math.min(room * bh, (bh - must.h) / 2));
  must = { ...must, y: must.y - above, h: must.h + 2 * above };
  const cuts = (x: number, y: number): number => {
    let n = 0;
    for (const b of obstacles) {
      const across = b.x < x + bw && b.x + b.w > x && b.y < y + bh && b.y + b.h > y;
      if (!across) continue;
      if (b.x < x || b.x + b.w > x + bw || b.y < y || b.y + b.h > y + bh) n++;
    }
    return n;
  };
  // One axis at a time: the positions where some box just comes in or just goes out, within the
  // range that keeps `must` whole; the fewest cuts, then the nearest the centre.
  const best = (lo: number, hi: number, centre: number, edges: (b: Box) => number[], cost: (v: number) => number): number => {
    if (hi <= lo) return (lo + hi) / 2;
    const candidates = [Math.min(hi, Math.max(lo, centre)), lo, hi];
    for (const b of obstacles) for (const v of edges(b)) if (v >= lo && v <= hi) candidates.push(v);
    let pick = candidates[0]!;
    let pickCost = Infinity;
    for (const v of candidates) {
      const c = cost(v) * 1e6 + Math.abs(v - centre);
      if (c < pickCost) {
        pick = v;
        pickCost = c;
      }
    }
    return pick;
  };
  const cx = must.x + must.w / 2 - bw / 2;
  const cy = must.y + must.h / 2 - bh / 2;
  const xs = (b: Box) => [b.x - 2, b.x + b.w + 2 - bw, b.x + b.w + 1, b.x - 1 - bw];
  const ys = (b: Box) => [b.y - 2, b.y + b.h + 2 - bh, b.y + b.h + 1, b.y - 1 - bh];
  let y = cy;
  let x = best(must.x + must.w - bw, must.x, cx, xs, (v) => cuts(v, y));
  y = best(must.y + must.h - bh, must.y, cy, ys, (v) => cuts(x, v));
  x = best(must.x + must.w - bw, must.x, cx, xs, (v) => cuts(v, y));
  return { x, y, w: bw, h: bh };
}
