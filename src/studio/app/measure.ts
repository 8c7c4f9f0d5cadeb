// Label widths in the browser's own font, so the statechart's boxes fit their text whatever
// font the machine has (Segoe UI on Windows, DejaVu Sans on a Linux laptop): the layout
// otherwise sizes boxes by an estimate (textWidth in src/studio/layout.ts). Measured bold,
// as a label is drawn when the class can click its event or its state is active.
import { CHART_FONT } from '../svg.ts';

export type Measure = (text: string, size: number) => number;

/** A measure from a canvas (also inside a worker), or undefined where there is none. */
export function browserMeasure(): Measure | undefined {
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : typeof document !== 'undefined' ? document.createElement('canvas') : null;
  const ctx = canvas?.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null | undefined;
  if (!ctx) return undefined;
  const widths = new Map<string, number>();
  return (text, size) => {
    const key = `${size}\u0000${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      ctx.font = `700 ${size}px ${CHART_FONT}`;
      w = Math.ceil(ctx.measureText(text).width);
      widths.set(key, w);
    }
    return w;
  };
}
