// A laid-out statechart (src/studio/layout.ts) drawn as an SVG string, with the highlights of
// a run's position. Pure and DOM-free: the studio draws it in the browser, `autopilot-sim
// diagram --format svg` in Node.
import { ancestry } from '../engine/structure.ts';
import { EDGE_LINE, EXIT, round, type Layout } from './layout.ts';

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
  /** Draw the edges' labels after all their lines, on an opaque ground (a slide; the studio keeps a label in its edge's group). */
  labelsOnTop?: boolean;
}

// ---------------------------------------------------------------------------------------
// SVG

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The statechart's typeface (labels are laid out for it: src/studio/app/measure.ts measures it). */
export const CHART_FONT = '"Segoe UI",system-ui,sans-serif';

// Read on a projector, which washes out light greys (the studio's and the slides' alike): every word at WCAG AA against
// its ground or more (the transitions' words 7.4:1; they were 4.4:1), every line, arrow and state's border at 3:1 or
// more against the deepest phase's fill (the transitions' 3.5:1, a timer's 4.1:1, the ways out now 4.4:1; the lines
// were 1.8:1; the active state's border and its phases' 4.1:1, they were 2.6:1; a phase's own border 3.1:1, it was 1.5:1
// and the phases melted into one another). test/studio/projector-reading.e2e.test.ts
// measures them in the studio.
// Printed as a handout (the file opened in a browser, Print, A4), a drawing kept its size in pixels and the page cut it:
// a 16:9 slide's 1920 px to the 1123 of an A4 page's width, its right two fifths lost. On paper it fits the page whole.
export const SVG_STYLE = `
@media print{svg:root{width:100vw;height:100vh}}
.sc-bg{fill:#fbfcfe}
.sc-node rect,.sc-node circle{fill:#fff;stroke:#6f7b8a;stroke-width:1.2}
.sc-node text{font:12px ${CHART_FONT};fill:#1f2a37}
.sc-compound>rect{fill:#f3f6fa;stroke:#768394}
.sc-compound>text.sc-title{font-weight:600;font-size:13px;fill:#3b4a5c}
.sc-compound.sc-depth1>rect{fill:#eef2f7}
.sc-compound.sc-depth2>rect{fill:#e8edf4}
.sc-compound.sc-depth3>rect{fill:#e2e8f0}
.sc-collapsed>rect{fill:#eef2f7;stroke:#6f7b8a;stroke-dasharray:5 3}
.sc-transient>rect{stroke-dasharray:3 3;fill:#fafbfc}
.sc-exit>rect{fill:#f6f7f9;stroke:#8a97a8;stroke-dasharray:2 3}
.sc-exit text{font-style:italic;fill:#3b4a5c}
.sc-transient text{font-size:11px;font-style:italic;fill:#3b4a5c}
.sc-final>circle.sc-inner{fill:#8a97a8;stroke:none}
.sc-end>rect{stroke-width:2}
.sc-end-succeeded>rect{fill:#e7f6ec;stroke:#2f8a4c}
.sc-end-failed>rect{fill:#fdecec;stroke:#c0392b}
.sc-end-standardOobe>rect{fill:#f1f1f1;stroke:#7a7a7a}
.sc-visited>rect,.sc-visited>circle{stroke:#2b6cb0;stroke-width:1.8}
.sc-leaf.sc-visited>rect{fill:#e8f1fb}
.sc-mark{display:none}
.sc-visited:not(.sc-active):not(.sc-failed)>.sc-mark{display:inline}
.sc-node .sc-mark circle{fill:#1d4f86;stroke:none}
.sc-node .sc-mark path{fill:none;stroke:#fff;stroke-width:1.7;stroke-linecap:round;stroke-linejoin:round}
.sc-ancestor>rect{stroke:#b45309;stroke-width:2.2}
.sc-active>rect{fill:#fff4d6;stroke:#b45309;stroke-width:3.5}
.sc-active>text{font-weight:700}
.sc-active.sc-final>circle{stroke:#b45309;stroke-width:3}
.sc-failed>rect{fill:#fde2e0;stroke:#c0392b;stroke-width:3.5}
.sc-initial-dot{fill:#3b4a5c}
.sc-edge path{fill:none;stroke:#6f7b8a;stroke-width:1.4}
.sc-edge text{font:12px ${CHART_FONT};fill:#4a5562}
.sc-edge rect{fill:#fbfcfe;opacity:.85}
.sc-edge-label rect{opacity:1}
.sc-edge-always path,.sc-edge-done path{stroke-dasharray:4 3}
.sc-edge-after path{stroke:#8c6a1c;stroke-dasharray:6 3}
.sc-taken path{stroke:#2b6cb0;stroke-width:2}
.sc-taken text{fill:#2b6cb0}
.sc-available path{stroke:#0b7a43;stroke-width:2.6;stroke-dasharray:none}
.sc-available text{fill:#0b6b3c;font-weight:700}
.sc-available rect{fill:#e3f6ea;opacity:1}
.sc-arrow{fill:#6f7b8a}
.sc-arrow-taken{fill:#2b6cb0}
.sc-arrow-available{fill:#0b7a43}
.sc-arrow-after{fill:#8c6a1c}
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
      // The trail told by a mark as well as by colour: a washed-out projector showed a visited state's pale blue fill at
      // 1.1:1 against white and its border barely heavier. A ✓ in a dark disc inside a state's top right corner,
      // concentric with its rounding (shown by the style on a visited state, not the active or failed one; the studio moves the
      // classes without a redraw): inside the box, clear of the transitions' words laid against it, and in the 13 px
      // beside a centred label; on a closed phase, in the 14 px between its title and its ▸. Not on a transient state's
      // pill, whose label runs nearer its ends and corners. test/studio/visited-mark.e2e.test.ts
      const [mx, my] = n.collapsed ? [n.width - 25, n.height / 2] : [n.width - 7, 7];
      if (!n.transient) parts.push(`<g class="sc-mark" transform="translate(${mx},${my})"><circle r="6"/><path d="M-2.9,0.2 L-0.9,2.3 L3,-2.2"/></g>`);
    }
    parts.push('</g>');
    if (n.initial && n.parent !== null && !(n.final && !isEnd)) {
      parts.push(`<circle class="sc-initial-dot" cx="${n.x - 7}" cy="${n.y + 7}" r="4"/>`);
    }
  }

  // Edges over the nodes, so labels stay readable. On a slide every label is drawn after every
  // line, on an opaque ground: where no place beside its own line is clear of the others
  // (layout.ts clearLabels), a line passes under the label instead of through its words.
  const labelsOnTop = options.labelsOnTop ?? false;
  const labels: string[] = [];
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const { classes, marker } = lit.edges.get(e.id)!;
    const cls = ['sc-edge', `sc-edge-${e.kind}`, ...classes];
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
    const open = (extra: string) => `<g class="${[...cls, extra].filter(Boolean).join(' ')}" data-edge="${esc(e.id)}" data-event="${esc(e.event)}"><title>${esc(`${e.source} → ${e.target}${e.internal ? `: ${e.internal}` : ''}`)}</title>`;
    parts.push(open(''), `<path d="${d}" marker-end="url(#${marker})"/>`);
    if (e.labelBox && e.label) {
      const b = e.labelBox;
      const label: string[] = [];
      label.push(`<rect x="${b.x - 1}" y="${b.y}" width="${b.width + 2}" height="${b.height}" rx="3"/>`);
      // A slide's merged transitions list their labels a line each (layout.ts: LayoutOptions.slide).
      // Left of its line, a label's words end at the line.
      const x = e.labelLeft ? round(b.x + b.width - 4) : b.x + 4;
      const lines = e.label.split('\n');
      const text = lines.length === 1 ? esc(e.label) : lines.map((l, i) => `<tspan x="${x}"${i ? ` dy="${EDGE_LINE}"` : ''}>${esc(l)}</tspan>`).join('');
      label.push(`<text x="${x}" y="${b.y + EDGE_LINE - 4.5}"${e.labelLeft ? ' text-anchor="end"' : ''}>${text}</text>`);
      if (labelsOnTop) labels.push(open('sc-edge-label'), ...label, '</g>');
      else parts.push(...label);
    }
    parts.push('</g>');
  }
  parts.push(...labels, '</svg>');
  return parts.join('');
}

