// A listener that always runs the handler of the latest render. Registering it again after every
// render would leave the previous render's handler, with its stale state, in place until the
// effect runs after paint: a key pressed right after closing the help would still see it open.
import { useEffect, useRef } from 'preact/hooks';

export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

export function useWindowEvent<K extends keyof WindowEventMap>(type: K, handler: (e: WindowEventMap[K]) => void): void {
  const latest = useLatest(handler);
  useEffect(() => {
    const listener = (e: WindowEventMap[K]) => latest.current(e);
    window.addEventListener(type, listener);
    return () => window.removeEventListener(type, listener);
  }, [type]);
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog for the keyboard: as it opens, the focus goes into it (to `first`, or its first
 * control), Tab and Shift+Tab stay inside it, and as it closes the focus goes back where it was.
 * Opened with a key (o, ?), the picker left the focus on the page behind it, and Tab walked the
 * top bar's buttons under the overlay before reaching a lesson.
 */
export function useDialog(ref: { readonly current: HTMLElement | null }, first?: string | readonly string[]): void {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement as HTMLElement | null;
    // The first of `first`'s selectors, in their order, that matches (one selector list matched in the page's order).
    const start = [first ?? []].flat().reduce<HTMLElement | null>((found, sel) => found ?? dialog.querySelector<HTMLElement>(sel), null) ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    start?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const all = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      if (!all.length) return;
      const i = all.indexOf(document.activeElement as HTMLElement);
      if (e.shiftKey && i <= 0) {
        e.preventDefault();
        all[all.length - 1]!.focus();
      } else if (!e.shiftKey && i === all.length - 1) {
        e.preventDefault();
        all[0]!.focus();
      }
    };
    dialog.addEventListener('keydown', onKey);
    return () => {
      dialog.removeEventListener('keydown', onKey);
      if (before && before.isConnected && before !== document.body) before.focus();
    };
  }, []);
}

/**
 * Marks a box that scrolls with the class `more-below` while its words run on below what it shows (after each render,
 * a resize of it or of what it holds, and a scroll), so the studio can say so: a narration cut mid-line at the box's
 * edge read, on a projector, as the end of it.
 */
export function useMoreBelow(ref: { readonly current: HTMLElement | null }): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Measured without the tab, which adds its own line to what scrolls: a narration that fits once the tab has gone
    // kept it, and a scroll, as long as it was shown (side by side's at the end of lesson 04, 95 px of the 91 its words need).
    const mark = () => {
      el.classList.remove('more-below');
      el.classList.toggle('more-below', el.scrollTop + el.clientHeight < el.scrollHeight - 2);
    };
    mark();
    el.addEventListener('scroll', mark, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(mark);
    ro?.observe(el);
    for (const child of el.children) ro?.observe(child);
    return () => {
      el.removeEventListener('scroll', mark);
      ro?.disconnect();
    };
  });
}

/**
 * Grows a box's type, up to the factor its CSS gives as `--fit-max`, while its words still fit it (the factor set as
 * `--fit`, which its font-size multiplies): presenter mode on a 4:3 projector gives the step, its words and its Why
 * line a column of their own beside the device, which a short narration left 55 to 77% empty at 1024x768, its words at
 * the type of a long one. A box whose words do not fit at its own type keeps it (useMoreBelow says 'more below').
 * Fitted again when the step changes (`key`) and when the box changes size.
 */
export function useFitType(ref: { readonly current: HTMLElement | null }, key: unknown): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.removeProperty('--fit');
      const max = parseFloat(getComputedStyle(el).getPropertyValue('--fit-max')) || 1;
      // Its parts' widths too: a long word ('(InstallationState=4).') ran into the box's padding before it widened the box.
      const fits = () => el.scrollHeight <= el.clientHeight + 1 && [el, ...el.children].every((c) => c.scrollWidth <= c.clientWidth + 1);
      if (max <= 1 || el.clientHeight === 0 || !fits()) return;
      let [lo, hi] = [1, max];
      for (let i = 0; i < 8; i++) {
        const mid = (lo + hi) / 2;
        el.style.setProperty('--fit', String(mid));
        if (fits()) lo = mid;
        else hi = mid;
      }
      el.style.setProperty('--fit', lo.toFixed(3));
    };
    fit();
    let width = el.clientWidth;
    let height = el.clientHeight;
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
      // Its own size only: the words it grows change what it holds, not its box.
      if (el.clientWidth === width && el.clientHeight === height) return;
      [width, height] = [el.clientWidth, el.clientHeight];
      fit();
    });
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [key]);
}

/**
 * A clicker's next and back page through the narration a step's words run past (the class's screen cuts them under a
 * 'more below' tab, as lesson 08's error card at 1280x720), as a slide's builds come before the next slide: `down` scrolls
 * the first narration box with more below by a page less a line, `up` the first scrolled one back; false when there is
 * none, and the key steps as before. The boxes are useMoreBelow's (it marks them); a step starts them at their top.
 */
export function pageNarration(down: boolean): boolean {
  const boxes = [...document.querySelectorAll<HTMLElement>('[data-testid=narration-core], [data-testid=narration-more], [data-testid=narration]')];
  const box = boxes.find((el) => el.clientHeight > 0 && (down ? el.classList.contains('more-below') : el.scrollTop > 2));
  if (!box) return false;
  const line = parseFloat(getComputedStyle(box).lineHeight) || 24;
  box.scrollBy({ top: (down ? 1 : -1) * Math.max(line, box.clientHeight - 2 * line) });
  return true;
}
