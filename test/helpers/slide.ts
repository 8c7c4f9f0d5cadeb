// What a class sees of a statechart slide (`autopilot-sim diagram --format svg`), measured in the
// browser that draws it: where its words land, what runs through them, how large they are.
import type { Page } from 'playwright-core';

export interface SlideGeometry {
  /** Screen px per unit of the drawing. */
  scale: number;
  /** The smallest type on the slide, in screen px. */
  minTextPx: number;
  /** The share of the slide's width and height the states and labels span (0-1). */
  fill: { width: number; height: number };
  /** A line painted across a label's words (after it, or under a ground that lets it show): "line e3 through 'No internet'". */
  linesThroughWords: string[];
  /** A line that passes under a label's opaque ground (hidden where it crosses). */
  linesUnderLabels: string[];
  /** A label's words over a state's box or a phase's title. */
  labelsOverStates: string[];
  /** Two labels' words over each other. */
  labelsOverLabels: string[];
}

/**
 * The geometry of the statechart SVG under `selector`, as drawn: each label's words as the
 * browser sets them (its text's box), each edge's line (its path's points), each state's box.
 */
export function slideGeometry(page: Page, selector: string): Promise<SlideGeometry> {
  return page.$eval(selector, (svg) => {
    const s = svg as SVGSVGElement;
    type Box = { x: number; y: number; w: number; h: number };
    type Pt = { x: number; y: number };
    // A box in the drawing's units (the SVG's own user space), whatever group transform it sits in.
    const box = (e: SVGGraphicsElement): Box => {
      const b = e.getBBox();
      const m = s.getCTM()!.inverse().multiply(e.getCTM()!);
      return { x: b.x * m.a + m.e, y: b.y * m.d + m.f, w: b.width * m.a, h: b.height * m.d };
    };
    const meets = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
    const through = (b: Box, p: Pt, q: Pt) => {
      if (Math.abs(p.x - q.x) < 0.01) return p.x > b.x + 0.5 && p.x < b.x + b.w - 0.5 && Math.max(p.y, q.y) > b.y + 0.5 && Math.min(p.y, q.y) < b.y + b.h - 0.5;
      return Math.abs(p.y - q.y) < 0.01 && p.y > b.y + 0.5 && p.y < b.y + b.h - 0.5 && Math.max(p.x, q.x) > b.x + 0.5 && Math.min(p.x, q.x) < b.x + b.w - 0.5;
    };
    const lines = [...s.querySelectorAll('.sc-edge path')].map((p) => ({
      el: p,
      edge: p.closest('[data-edge]')!.getAttribute('data-edge')!,
      points: [...p.getAttribute('d')!.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
    }));
    const labels = [...s.querySelectorAll('.sc-edge text')].map((t) => {
      const ground = t.parentElement!.querySelector(':scope > rect');
      const style = ground ? getComputedStyle(ground) : null;
      const opaque = !!style && Number(style.opacity) === 1 && style.fill !== 'none';
      return { el: t, edge: t.closest('[data-edge]')!.getAttribute('data-edge')!, text: [...t.childNodes].map((n) => n.textContent).join(' / '), box: box(t as SVGGraphicsElement), opaque };
    });
    const states = [...s.querySelectorAll('.sc-node')].map((g) => {
      const shape = g.querySelector(':scope > rect, :scope > circle') as SVGGraphicsElement;
      const title = g.classList.contains('sc-compound') ? (g.querySelector(':scope > text.sc-title') as SVGGraphicsElement) : null;
      return { id: g.getAttribute('data-state')!, compound: !!title, box: box(shape), title: title ? box(title) : null };
    });
    const linesThroughWords: string[] = [];
    const linesUnderLabels: string[] = [];
    for (const l of labels)
      for (const line of lines) {
        if (!line.points.some((p, i) => i > 0 && through(l.box, line.points[i - 1]!, p))) continue;
        const after = !!(l.el.compareDocumentPosition(line.el) & Node.DOCUMENT_POSITION_FOLLOWING);
        (after || !l.opaque ? linesThroughWords : linesUnderLabels).push(`line ${line.edge} through '${l.text}'`);
      }
    const labelsOverStates: string[] = [];
    for (const l of labels)
      for (const st of states) if (st.compound ? meets(l.box, st.title!) : meets(l.box, st.box)) labelsOverStates.push(`'${l.text}' over ${st.id}`);
    const labelsOverLabels: string[] = [];
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => meets(a.box, b.box) && labelsOverLabels.push(`'${a.text}' over '${b.text}'`)));
    const scale = s.getScreenCTM()!.a;
    const sizes = [...s.querySelectorAll('text')].filter((t) => t.textContent!.trim() && !t.classList.contains('sc-toggle')).map((t) => parseFloat(getComputedStyle(t).fontSize));
    const vb = s.viewBox.baseVal;
    const drawn = [...states.map((st) => st.box), ...labels.map((l) => l.box)];
    const x0 = Math.min(...drawn.map((b) => b.x));
    const x1 = Math.max(...drawn.map((b) => b.x + b.w));
    const y0 = Math.min(...drawn.map((b) => b.y));
    const y1 = Math.max(...drawn.map((b) => b.y + b.h));
    return {
      scale,
      minTextPx: Math.min(...sizes) * scale,
      fill: { width: (x1 - x0) / vb.width, height: (y1 - y0) / vb.height },
      linesThroughWords,
      linesUnderLabels,
      labelsOverStates,
      labelsOverLabels,
    };
  });
}
